/** The signed-in screen: connection, editor, run, results. Composes features; holds no protocol logic. */

import { useCallback, useState } from 'react';
import { useRuntimeConfig } from '../config/runtime-config-context';
import { UserMenu } from '../features/auth/components/user-menu';
import { useTokenProvider } from '../features/auth/hooks/use-token-provider';
import { QueryEditor } from '../features/editor/components/query-editor';
import { usePersistedQuery } from '../features/editor/hooks/use-persisted-query';
import { useRunQuery, type QueryRun } from '../features/run/api/run-query';
import { ResultsPanel } from '../features/results/components/results-panel';
import { selectors } from '../testing/selectors';

const SAMPLE_QUERY = 'StormEvents\n| take 10';

export function Workbench() {
  const config = useRuntimeConfig();
  const cluster = config.clusters[0];
  const [database, setDatabase] = useState(cluster.defaultDatabase);
  const [query, setQuery] = usePersistedQuery(SAMPLE_QUERY);
  const tokenProvider = useTokenProvider(config.trustedHosts);
  const run = useRunQuery({ tokenProvider });
  const [lastRun, setLastRun] = useState<QueryRun | null>(null);

  const { mutate, isPending } = run;
  const start = useCallback(() => {
    if (isPending || query.trim() === '') return;
    mutate({ clusterUrl: cluster.url, database, query }, { onSuccess: setLastRun });
  }, [isPending, mutate, cluster.url, database, query]);

  const error = run.error ?? (run.isSuccess ? lastRun?.partial ?? null : null);

  return (
    <div className="workbench">
      <header className="app-header">
        <span className="app-title">KQL Workbench</span>
        <div role="group" aria-label={selectors.header.cluster.name} className="connection">
          <span className="cluster-url" title="Cluster">{cluster.url}</span>
          {/* A wrapping label would put the selected option into the accessible name. */}
          <label htmlFor="database-select">{selectors.header.database.name}</label>
          <select id="database-select" value={database} onChange={(e) => setDatabase(e.target.value)}>
            {cluster.databases.map((db) => <option key={db} value={db}>{db}</option>)}
          </select>
        </div>
        <UserMenu />
      </header>
      <main className="workbench-main">
        <div className="editor-pane">
          <QueryEditor value={query} onChange={setQuery} onRun={start} />
          <div className="toolbar">
            <button type="button" onClick={start} disabled={isPending} className="run-button">
              {selectors.editor.run.name}
            </button>
            <span className="hint">Shift+Enter</span>
          </div>
        </div>
        <ResultsPanel dataSet={lastRun?.dataSet ?? null} error={error} running={isPending} durationMs={lastRun?.durationMs ?? null} />
      </main>
    </div>
  );
}
