// Public types of the KQL editor. Nothing here imports monaco, so the app can use them without
// pulling the editor into its entry chunk.
import type { Statement } from './statement-at-cursor';

export type { Statement } from './statement-at-cursor';

export interface EditorSchema {
  /** The result of `.show databases schema as json` (or `.show schema as json`), parsed. */
  showSchemaJson: unknown;
  clusterUrl: string;
  database: string;
}

export interface EditorMarker {
  /** 1-based line and column in the editor's text. */
  line: number;
  column: number;
  /** Characters to underline; the word at the position when absent. */
  length?: number;
  message: string;
  severity?: 'error' | 'warning';
}

export interface KqlEditorProps {
  value: string;
  onChange(text: string): void;
  /** Shift+Enter: the selection if any, else the statement at the cursor (blank-line separated). */
  onRun(text: string, statement: Statement): void;
  /** Ctrl+Shift+Enter, and Esc while `running`. */
  onCancel(): void;
  /** A query of this editor's tab is running: Esc then cancels it (unless a widget of the editor takes it). */
  running?: boolean;
  schema?: EditorSchema;
  markers?: readonly EditorMarker[];
  theme: 'light' | 'dark';
  readOnly?: boolean;
  /** The editor is mounted and accepts input. */
  onReady?(): void;
  /** The language worker holds `schema` (called for each schema that was applied). */
  onSchemaLoaded?(schema: EditorSchema): void;
  /** Failure to load the schema into the language service; editing keeps working without it. */
  onSchemaError?(error: unknown): void;
  className?: string;
}

export interface KqlEditorHandle {
  /** Replaces the selection (or inserts at the caret) and focuses the editor. */
  insertAtCursor(text: string): void;
  /** What Shift+Enter would run now, for a Run button. */
  getStatementToRun(): Statement;
  focus(): void;
}
