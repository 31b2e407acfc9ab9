/**
 * The editor seam: value in, changes and "run" out. A plain textarea today; monaco-kusto replaces
 * the inside of this component (lazily loaded) without touching its callers.
 */

import type { KeyboardEvent } from 'react';
import { selectors } from '../../../testing/selectors';

interface QueryEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Shift+Enter, as in the ADX web UI and Kusto.Explorer. */
  onRun: () => void;
}

export function QueryEditor({ value, onChange, onRun }: QueryEditorProps) {
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      onRun();
    }
  }

  return (
    <textarea
      className="query-editor"
      aria-label={selectors.editor.query.name}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={onKeyDown}
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      autoCorrect="off"
    />
  );
}
