import type { ComponentType, RefAttributes } from 'react';
import type { KqlEditorHandle, KqlEditorProps } from '../../src/features/editor/types';

export declare const KqlEditor: ComponentType<KqlEditorProps & RefAttributes<KqlEditorHandle>>;
