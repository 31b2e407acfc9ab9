import { describeKustoError, type KustoError } from '../../../kusto/errors';
import type { DataSet } from '../../../kusto/types';
import { recordsText, selectors } from '../../../testing/selectors';
import { ResultTable } from './result-table';

interface ResultsPanelProps {
  /** The last data set that arrived; kept on screen when a later run fails. */
  dataSet: DataSet | null;
  /** The latest run's error, or its partial-failure warning. */
  error: KustoError | null;
  running: boolean;
  durationMs?: number | null;
}

function errorTitle(error: KustoError): string {
  switch (error.kind) {
    case 'partial': return 'The query failed part way; the results below may be incomplete.';
    case 'cancelled': return 'Cancelled.';
    case 'untrusted-host': return 'Refused to send your token.';
    case 'unauthorized': return 'Not signed in to this cluster.';
    case 'forbidden': return 'Access denied.';
    case 'throttled': return 'The cluster is busy.';
    case 'syntax': return 'Syntax error.';
    case 'semantic': return 'Query error.';
    case 'network': return 'Network error.';
    case 'timeout': return 'Timed out.';
    case 'malformed-response': return 'Unreadable response.';
    default: return 'The query failed.';
  }
}

export function ResultsPanel({ dataSet, error, running, durationMs }: ResultsPanelProps) {
  const table = dataSet?.primaryResults[0] ?? null;
  const statusText = running ? 'Running…' : table ? recordsText(table.rowCount) : '';
  return (
    <section className="results" aria-label="Results panel">
      <div className="results-bar">
        <p role="status" aria-label={selectors.results.status.name} className="results-status">{statusText}</p>
        {!running && table && durationMs != null ? <span className="results-duration">{(durationMs / 1000).toFixed(2)} s</span> : null}
        {dataSet && dataSet.primaryResults.length > 1 ? (
          <span className="results-note">{dataSet.primaryResults.length} result tables; showing the first.</span>
        ) : null}
      </div>
      {error ? (
        <div role="alert" className={error.kind === 'partial' ? 'error-box warning' : 'error-box'}>
          <strong>{errorTitle(error)}</strong>
          <pre className="error-message">{describeKustoError(error)}</pre>
        </div>
      ) : null}
      {table ? <ResultTable table={table} /> : dataSet && !error ? <p>The query returned no tables.</p> : null}
    </section>
  );
}
