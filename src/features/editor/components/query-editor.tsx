/**
 * The editor seam the workbench uses: monaco-kusto (lazy) once its chunk arrives, and until then
 * — or if it never does — the query text read-only, so a shared query can be read and the rest
 * of the app used while ~1 MB of editor loads.
 */

import { Component, forwardRef, useEffect, useState, type ReactNode } from 'react';
import { selectors } from '../../../testing/selectors';
import { KqlEditor, preloadKqlEditor } from '../lazy-kql-editor';
import type { EditorMarker, EditorSchema, KqlEditorHandle, Statement } from '../types';

export interface QueryEditorProps {
  value: string;
  onChange(text: string): void;
  /** Shift+Enter or the Run button: the selection, else the statement at the cursor. */
  onRun(text: string, statement: Statement): void;
  /** Ctrl+Shift+Enter, and Esc while `running`. */
  onCancel(): void;
  running?: boolean;
  theme: 'light' | 'dark';
  schema?: EditorSchema;
  markers?: readonly EditorMarker[];
  onSchemaLoaded?(schema: EditorSchema): void;
}

class EditorLoadBoundary extends Component<{ children: ReactNode; onFail(): void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch() {
    this.props.onFail();
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

export const QueryEditor = forwardRef<KqlEditorHandle, QueryEditorProps>(function QueryEditor(props, ref) {
  const { value, theme } = props;
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    preloadKqlEditor();
  }, []);

  return (
    // data-query-text: the text as the app holds it, for specs (monaco renders only visible lines).
    <div className={`query-editor theme-${theme}`} data-query-text={value} data-editor-load={state}>
      {state !== 'ready' ? (
        <div className="query-preview-wrap">
          <pre role="region" aria-label={selectors.editor.queryPreview.name} className="query-preview" tabIndex={0}>{value}</pre>
          <p className="query-preview-note" role="status">
            {state === 'failed' ? 'The editor could not be loaded; reload the page to edit.' : 'Loading the editor…'}
          </p>
        </div>
      ) : null}
      {state !== 'failed' ? (
        <div className={state === 'ready' ? 'editor-host' : 'editor-host pending'}>
          <EditorLoadBoundary onFail={() => setState('failed')}>
            <KqlEditor
              ref={ref}
              value={value}
              onChange={props.onChange}
              onRun={props.onRun}
              onCancel={props.onCancel}
              running={props.running}
              theme={theme}
              schema={props.schema}
              markers={props.markers}
              onReady={() => setState('ready')}
              onSchemaLoaded={props.onSchemaLoaded}
              className="kql-editor"
            />
          </EditorLoadBoundary>
        </div>
      ) : null}
    </div>
  );
});
