/**
 * The bar above the editor: Run, Cancel, progressive results for this tab, Retry after a failure
 * worth retrying, the tab's cluster and database (the database chosen here), and the keys.
 */
import { selectors } from '../testing/selectors';

export interface RunToolbarProps {
  running: boolean;
  /** False while a parameter value is refused: nothing is sent until it is fixed. */
  parametersOk: boolean;
  onRun(): void;
  onCancel(): void;
  progressive: boolean;
  onProgressiveChange(progressive: boolean): void;
  /** Sends the failed request again; null when the failure is not worth retrying. */
  onRetry: (() => void) | null;
  /** The tab's cluster as shown (its URL, or the local-files label). */
  clusterLabel: string;
  database: string;
  databaseOptions: readonly string[];
  onDatabaseChange(database: string): void;
}

export function RunToolbar(props: RunToolbarProps) {
  const { running, parametersOk, onRun, onCancel, progressive, onProgressiveChange, onRetry, clusterLabel, database, databaseOptions, onDatabaseChange } = props;
  return (
    <div className="toolbar">
      <button
        type="button"
        onClick={onRun}
        disabled={running || !parametersOk}
        className="run-button"
        title={parametersOk ? 'Run the statement at the cursor (Shift+Enter)' : 'Fix the parameter values first'}
      >
        {selectors.editor.run.name}
      </button>
      <button type="button" onClick={onCancel} disabled={!running} title="Cancel the running query (Esc or Ctrl+Shift+Enter)">
        {selectors.editor.cancel.name}
      </button>
      <label className="progressive-toggle" title="Ask the cluster for rows as the query finds them (results_progressive_enabled), remembered for this tab">
        <input type="checkbox" checked={progressive} onChange={(e) => onProgressiveChange(e.target.checked)} />
        {selectors.editor.progressive.name}
      </label>
      {onRetry ? (
        <button type="button" onClick={onRetry}>
          {selectors.common.retry.name}
        </button>
      ) : null}
      <div role="group" aria-label={selectors.header.cluster.name} className="connection">
        <span role="status" aria-label={selectors.editor.context.name} className="cluster-url" title="Cluster and database of this tab">
          {clusterLabel} · {database}
        </span>
        {/* A wrapping label would put the selected option into the accessible name. */}
        <label htmlFor="database-select">{selectors.header.database.name}</label>
        <select id="database-select" value={database} onChange={(e) => onDatabaseChange(e.target.value)}>
          {databaseOptions.map((db) => <option key={db} value={db}>{db}</option>)}
        </select>
      </div>
      <span className="hint">Shift+Enter run · Ctrl+Shift+Enter cancel · F8 last result · Ctrl+M Tab moves focus</span>
    </div>
  );
}
