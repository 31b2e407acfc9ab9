// The entry point the app uses: monaco and monaco-kusto stay out of the main bundle and load the
// first time an editor renders (or earlier, through preloadKqlEditor).
import { forwardRef, lazy, Suspense } from 'react';
import type { KqlEditorHandle, KqlEditorProps } from './types';

const loadKqlEditor = () => import('./kql-editor');

const KqlEditorChunk = lazy(loadKqlEditor);

/** Starts downloading the editor chunk, e.g. once the user is signed in. */
export function preloadKqlEditor(): void {
  void loadKqlEditor();
}

export const KqlEditor = forwardRef<KqlEditorHandle, KqlEditorProps>(function KqlEditor(props, ref) {
  return (
    <Suspense
      fallback={
        <div role="status" className={props.className} data-editor-state="loading">
          Loading editor…
        </div>
      }
    >
      <KqlEditorChunk ref={ref} {...props} />
    </Suspense>
  );
});
