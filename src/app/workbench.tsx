/** The signed-in screen: connections, query tabs, editor, run/cancel, results. Composes features; holds no protocol logic. */

import { useMsal } from '@azure/msal-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useRuntimeConfig } from '../config/runtime-config-context';
import { UserMenu } from '../features/auth/components/user-menu';
import { useTokenProvider } from '../features/auth/hooks/use-token-provider';
import { useDatabaseSchema } from '../features/connections/api/get-database-schema';
import { useDatabases } from '../features/connections/api/get-databases';
import { ConnectionPane, type ConnectionContext } from '../features/connections/components/connection-pane';
import { useConnections } from '../features/connections/hooks/use-connections';
import { QueryEditor } from '../features/editor/components/query-editor';
import { statementAtCursor } from '../features/editor/statement-at-cursor';
import type { EditorSchema, KqlEditorHandle, Statement } from '../features/editor/types';
import { ResultsPanel } from '../features/results/components/results-panel';
import { TabBar } from '../features/tabs/components/tab-bar';
import { useTabs } from '../features/tabs/hooks/use-tabs';
import { activeTab } from '../features/tabs/utils/tabs-model';
import { isTrustedKustoHost } from '../kusto/trusted-hosts';
import { selectors } from '../testing/selectors';
import { useTabRuns } from './use-tab-runs';
import { useTheme } from './use-theme';

const SAMPLE_QUERY = 'StormEvents\n| take 10';

/** Errors the same request may not hit again. */
const RETRYABLE = new Set(['network', 'throttled', 'server', 'timeout']);

function isCancelShortcut(event: KeyboardEvent): boolean {
  return event.key === 'Enter' && event.shiftKey && (event.ctrlKey || event.metaKey) && !event.altKey;
}

export function Workbench() {
  const config = useRuntimeConfig();
  const { instance } = useMsal();
  const [theme, toggleTheme] = useTheme();
  const firstCluster = config.clusters[0];

  const connections = useConnections(
    useMemo(() => config.clusters.map((c) => c.url), [config.clusters]),
    config.trustedHosts,
  );
  const approvedHosts = connections.connections.approvedHosts;
  const trustedHosts = useMemo(() => [...config.trustedHosts, ...approvedHosts], [config.trustedHosts, approvedHosts]);
  const tokenProvider = useTokenProvider(trustedHosts);
  const mgmtDeps = useMemo(() => ({ tokenProvider, trustedHosts }), [tokenProvider, trustedHosts]);

  const [tabs, tabsStore] = useTabs({ clusterUrl: firstCluster.url, database: firstCluster.defaultDatabase, sampleText: SAMPLE_QUERY });
  const tab = activeTab(tabs);
  const editorRef = useRef<KqlEditorHandle>(null);

  const userName = useCallback(() => {
    const account = instance.getActiveAccount() ?? instance.getAllAccounts()[0];
    return account?.username || account?.name || 'the signed-in user';
  }, [instance]);
  const runs = useTabRuns({ tokenProvider, trustedHosts, userName });
  const runState = runs.stateOf(tab.id);

  const trusted = isTrustedKustoHost(tab.clusterUrl, trustedHosts);
  const databases = useDatabases(mgmtDeps, tab.clusterUrl, trusted);
  const schema = useDatabaseSchema(mgmtDeps, tab.clusterUrl, tab.database, trusted);
  const showSchemaJson = schema.data?.showSchemaJson;
  const editorSchema = useMemo<EditorSchema | undefined>(
    () => (showSchemaJson === undefined ? undefined : { showSchemaJson, clusterUrl: tab.clusterUrl, database: tab.database }),
    [showSchemaJson, tab.clusterUrl, tab.database],
  );

  const databaseOptions = useMemo(() => {
    const configured = config.clusters.find((c) => c.url === tab.clusterUrl)?.databases ?? [];
    const names = databases.data ?? configured;
    return names.includes(tab.database) ? names : [tab.database, ...names];
  }, [config.clusters, databases.data, tab.clusterUrl, tab.database]);

  const runStatement = useCallback(
    (text: string, statement: Statement) => {
      runs.run(tab.id, { clusterUrl: tab.clusterUrl, database: tab.database, text, statementStart: statement.start, documentText: tab.text });
    },
    [runs, tab.id, tab.clusterUrl, tab.database, tab.text],
  );

  const runFromButton = useCallback(() => {
    // Before monaco arrives there is no cursor: the first statement runs.
    const statement = editorRef.current?.getStatementToRun() ?? statementAtCursor(tab.text, 0);
    runStatement(statement.text, statement);
  }, [runStatement, tab.text]);

  const cancel = useCallback(() => runs.cancel(tab.id), [runs, tab.id]);

  useEffect(() => {
    // Outside the editor too (monaco handles the key itself when it has focus).
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isCancelShortcut(event)) return;
      event.preventDefault();
      cancel();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [cancel]);

  const setText = useCallback((text: string) => tabsStore.dispatch({ type: 'set-text', id: tab.id, text }), [tabsStore, tab.id]);
  const selectContext = useCallback(
    (context: ConnectionContext) => tabsStore.dispatch({ type: 'set-context', id: tab.id, ...context }),
    [tabsStore, tab.id],
  );
  const insertName = useCallback((text: string) => editorRef.current?.insertAtCursor(text), []);

  const error = runState.error;
  const canRetry = !runState.running && error !== null && RETRYABLE.has(error.kind) && runState.lastRequest !== null;

  return (
    <div className="workbench">
      <header className="app-header">
        <span className="app-title">KQL Workbench</span>
        <span className="spacer" />
        <button type="button" onClick={toggleTheme} className="theme-toggle">
          {theme === 'dark' ? selectors.theme.toLight.name : selectors.theme.toDark.name}
        </button>
        <UserMenu />
      </header>
      <div className="workbench-body">
        <ConnectionPane
          connections={connections}
          deps={mgmtDeps}
          active={{ clusterUrl: tab.clusterUrl, database: tab.database }}
          onSelectDatabase={selectContext}
          onInsert={insertName}
        />
        <main className="workbench-main">
          <TabBar
            tabs={tabs.tabs}
            activeId={tabs.activeId}
            runningIds={runs.runningIds}
            onActivate={(id) => tabsStore.dispatch({ type: 'activate', id })}
            onNew={() => tabsStore.dispatch({ type: 'new', id: crypto.randomUUID(), clusterUrl: tab.clusterUrl, database: tab.database })}
            onClose={(id) => {
              runs.forget(id);
              tabsStore.dispatch({ type: 'close', id, newId: crypto.randomUUID() });
            }}
            onRename={(id, title) => tabsStore.dispatch({ type: 'rename', id, title })}
          />
          <div className="toolbar">
            <button type="button" onClick={runFromButton} disabled={runState.running} className="run-button" title="Run the statement at the cursor (Shift+Enter)">
              {selectors.editor.run.name}
            </button>
            <button type="button" onClick={cancel} disabled={!runState.running} title="Cancel the running query (Ctrl+Shift+Enter)">
              {selectors.editor.cancel.name}
            </button>
            {canRetry ? (
              <button type="button" onClick={() => runState.lastRequest && runs.run(tab.id, runState.lastRequest)}>
                {selectors.common.retry.name}
              </button>
            ) : null}
            <div role="group" aria-label={selectors.header.cluster.name} className="connection">
              <span role="status" aria-label={selectors.editor.context.name} className="cluster-url" title="Cluster and database of this tab">
                {tab.clusterUrl} · {tab.database}
              </span>
              {/* A wrapping label would put the selected option into the accessible name. */}
              <label htmlFor="database-select">{selectors.header.database.name}</label>
              <select id="database-select" value={tab.database} onChange={(e) => selectContext({ clusterUrl: tab.clusterUrl, database: e.target.value })}>
                {databaseOptions.map((db) => <option key={db} value={db}>{db}</option>)}
              </select>
            </div>
            <span className="hint">Shift+Enter run · Ctrl+Shift+Enter cancel</span>
          </div>
          <div className="editor-pane">
            <QueryEditor
              ref={editorRef}
              value={tab.text}
              onChange={setText}
              onRun={runStatement}
              onCancel={cancel}
              theme={theme}
              schema={editorSchema}
              markers={runState.markers}
            />
          </div>
          <ResultsPanel
            dataSet={runState.lastRun?.dataSet ?? null}
            error={error}
            running={runState.running}
            durationMs={runState.lastRun?.durationMs ?? null}
          />
        </main>
      </div>
    </div>
  );
}
