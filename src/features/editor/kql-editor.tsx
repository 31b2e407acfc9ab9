// The monaco-kusto editor. Import it only through lazy-kql-editor.tsx: this module pulls monaco
// and monaco-kusto (~1 MB gz) and starts the kusto language worker.
import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useRef, useState } from 'react';
import { getKustoWorker, monaco, themeNames } from './monaco-kusto';
import { escapeMarkdown, markerRange } from './marker-range';
import { selectionOrStatement, type Statement } from './statement-at-cursor';
import type { KqlEditorHandle, KqlEditorProps } from './types';
import './kql-editor.css';

type Editor = monaco.editor.IStandaloneCodeEditor;


function themeName(theme: KqlEditorProps['theme']): string {
  return theme === 'dark' ? themeNames.dark : themeNames.light;
}

function statementToRun(editor: Editor): Statement {
  const model = editor.getModel();
  const selection = editor.getSelection();
  if (!model || !selection) return { text: '', start: 0, end: 0 };
  return selectionOrStatement(model.getValue(), {
    anchor: model.getOffsetAt(selection.getSelectionStart()),
    active: model.getOffsetAt(selection.getPosition()),
  });
}

const KqlEditor = forwardRef<KqlEditorHandle, KqlEditorProps>(function KqlEditor(props, ref) {
  const { value, theme, readOnly = false, markers, schema, className, running = false } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const serviceErrors = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const runningKey = useRef<monaco.editor.IContextKey<boolean> | null>(null);
  const [schemaState, setSchemaState] = useState<'none' | 'loading' | 'loaded' | 'failed'>('none');

  // Callbacks are read at event time, so a parent passing new closures never rebuilds the editor.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  // Set while the editor's text is being replaced from `value`, so that change is not echoed.
  const applyingValue = useRef(false);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const initial = latest.current;
    const model = monaco.editor.createModel(initial.value, 'kusto');
    const created = monaco.editor.create(container, {
      model,
      theme: themeName(initial.theme),
      readOnly: initial.readOnly ?? false,
      ariaLabel: 'Query',
      // monaco-kusto 10 colours through decorations (its ColorizationAdapter); from 11 on it uses
      // semantic tokens, which need this option and monaco's semanticTokens contributions (monaco-kusto#490).
      'semanticHighlighting.enabled': true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      renderLineHighlight: 'line',
      tabSize: 4,
    });

    const contentListener = model.onDidChangeContent(() => {
      if (!applyingValue.current) latest.current.onChange(model.getValue());
    });

    // Handled on keydown, ahead of monaco's keybindings: with the suggest widget open, Shift+Enter
    // would otherwise accept a suggestion instead of running the query.
    const keyListener = created.onKeyDown((event) => {
      if (event.keyCode !== monaco.KeyCode.Enter || !event.shiftKey || event.altKey) return;
      event.preventDefault();
      event.stopPropagation();
      created.trigger('kql-workbench', 'hideSuggestWidget', null);
      if (event.ctrlKey || event.metaKey) {
        latest.current.onCancel();
        return;
      }
      const statement = statementToRun(created);
      if (statement.text.trim() !== '') latest.current.onRun(statement.text, statement);
    });

    // Esc cancels a running query, as in the web UI. monaco's text area marks every Esc handled, so
    // a window listener never learns whether a widget used it: the key is bound here instead, and
    // only while none of the widgets that close on Esc is open (a keybinding added later wins over
    // monaco's own when both apply).
    runningKey.current = created.createContextKey('kqlwQueryRunning', false);
    created.addCommand(
      monaco.KeyCode.Escape,
      () => latest.current.onCancel(),
      'kqlwQueryRunning && !suggestWidgetVisible && !parameterHintsVisible && !findWidgetVisible && !markersNavigationVisible'
        + ' && !editorHoverVisible && !inSnippetMode && !editorHasMultipleSelections && !referenceSearchVisible && !renameInputVisible',
    );

    // The standalone editor appends "Press Alt+F1 for Accessibility Options." to its name in its
    // constructor, but monaco-editor's ESM build ships no accessibility help to open: set the name
    // again without the promise (updateOptions does not append it). Ctrl+M is listed in the hint
    // line and under Keyboard shortcuts instead.
    created.updateOptions({ ariaLabel: 'Query' });

    serviceErrors.current = created.createDecorationsCollection();
    setEditor(created);
    latest.current.onReady?.();

    return () => {
      serviceErrors.current = null;
      runningKey.current = null;
      keyListener.dispose();
      contentListener.dispose();
      created.dispose();
      model.dispose();
      setEditor(null);
    };
  }, []);

  useEffect(() => {
    const model = editor?.getModel();
    if (!editor || !model || model.getValue() === value) return;
    applyingValue.current = true;
    try {
      // An edit rather than setValue keeps the change on the undo stack.
      editor.pushUndoStop();
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: value }], () => null);
      editor.pushUndoStop();
    } finally {
      applyingValue.current = false;
    }
  }, [editor, value]);

  useEffect(() => {
    monaco.editor.setTheme(themeName(theme));
  }, [theme]);

  useEffect(() => {
    editor?.updateOptions({ readOnly });
  }, [editor, readOnly]);

  useEffect(() => {
    runningKey.current?.set(running);
  }, [editor, running]);

  useEffect(() => {
    const model = editor?.getModel();
    const collection = serviceErrors.current;
    if (!model || !collection) return;
    const lines = model.getLinesContent();
    collection.set(
      (markers ?? []).map((marker) => {
        const warning = marker.severity === 'warning';
        return {
          range: markerRange(marker, lines),
          options: {
            inlineClassName: warning ? 'kql-service-warning' : 'kql-service-error',
            hoverMessage: { value: escapeMarkdown(marker.message) },
            stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
            overviewRuler: {
              color: warning ? '#bf8803' : '#e51400',
              position: monaco.editor.OverviewRulerLane.Right,
            },
          },
        };
      }),
    );
  }, [editor, markers]);

  const showSchemaJson = schema?.showSchemaJson;
  const clusterUrl = schema?.clusterUrl;
  const database = schema?.database;
  useEffect(() => {
    const model = editor?.getModel();
    if (!model || showSchemaJson === undefined || clusterUrl === undefined || database === undefined) return;
    const applied = { showSchemaJson, clusterUrl, database };
    let current = true;
    setSchemaState('loading');
    getKustoWorker()
      .then((workerFor) => workerFor(model.uri))
      .then((worker) => worker.setSchemaFromShowSchema(showSchemaJson, clusterUrl, database))
      .then(
        () => {
          if (!current) return;
          setSchemaState('loaded');
          latest.current.onSchemaLoaded?.(applied);
        },
        (error: unknown) => {
          if (!current) return;
          setSchemaState('failed');
          latest.current.onSchemaError?.(error);
        },
      );
    return () => {
      current = false;
    };
  }, [editor, showSchemaJson, clusterUrl, database]);

  useImperativeHandle(
    ref,
    () => ({
      insertAtCursor(text: string) {
        if (!editor) return;
        const selection = editor.getSelection();
        if (selection) {
          editor.executeEdits('insert-at-cursor', [{ range: selection, text, forceMoveMarkers: true }]);
        }
        editor.focus();
      },
      getStatementToRun() {
        return editor ? statementToRun(editor) : { text: '', start: 0, end: 0 };
      },
      focus() {
        editor?.focus();
      },
    }),
    [editor],
  );

  return (
    <div
      ref={containerRef}
      className={className}
      data-editor-state={editor ? 'ready' : 'loading'}
      data-schema-state={schemaState}
      style={{ width: '100%', height: '100%', minHeight: '8rem' }}
    />
  );
});

export default KqlEditor;
