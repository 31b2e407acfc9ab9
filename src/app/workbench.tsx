/**
 * The signed-in screen: connections, query tabs, editor, run/cancel, results. It composes: each
 * rule lives in a named module beside it (link opening, F8 recall, run parameters, the run
 * toolbar, the header, the local-files wiring, the tab's schema, the run lifecycle).
 */

import type { AccountInfo } from '@azure/msal-browser';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useRuntimeConfig } from '../config/runtime-config-context';
import type { SignOutChoice } from '../features/auth/components/sign-out-dialog';
import type { ReturnedRedirect } from '../features/auth/api/msal';
import { SignInProblemNotice } from '../features/auth/components/sign-in-problem';
import { useSignInActions } from '../features/auth/hooks/use-sign-in-actions';
import { useTokenProvider } from '../features/auth/hooks/use-token-provider';
import { TableChartSwitch } from '../features/charts/components/table-chart-switch';
import { ConnectionPane } from '../features/connections/components/connection-pane';
import { TenantQuestion } from '../features/connections/components/tenant-question';
import { useConnections } from '../features/connections/hooks/use-connections';
import { tenantOf } from '../features/connections/utils/connections-model';
import { WantedFilesNotice } from '../features/local-files/components/wanted-files';
import { QueryEditor } from '../features/editor/components/query-editor';
import { statementAtCursor } from '../features/editor/statement-at-cursor';
import type { KqlEditorHandle } from '../features/editor/types';
import { useHistoryStore } from '../features/history/hooks/use-history-store';
import { ParametersForm } from '../features/parameters/components/parameters-form';
import { ResultsPanel } from '../features/results/components/results-panel';
import { useWarmDecodeWorker } from '../features/run/hooks/use-warm-decode-worker';
import { useShareUrlSync } from '../features/share/hooks/use-share-url-sync';
import { TabBar } from '../features/tabs/components/tab-bar';
import { useTabs } from '../features/tabs/hooks/use-tabs';
import { activeTab } from '../features/tabs/utils/tabs-model';
import type { ColumnarTable } from '../kusto/types';
import { isTrustedKustoHost } from '../kusto/trusted-hosts';
import { isLocalFilesCluster, LOCAL_FILES_LABEL } from '../kusto/local-files';
import { useElementSize } from '../lib/use-element-size';
import { accountStorageKey } from '../lib/account-storage';
import { invalidateClusterMetadata } from '../lib/kusto-queries';
import { useSplitter } from '../lib/use-splitter';
import { selectors } from '../testing/selectors';
import { workerTableOps } from '../workers/decode-client';
import { accountStorageNames, forgetAccountData } from './account-data';
import { AppHeader } from './app-header';
import { HistoryAside } from './history-aside';
import { HeaderActions } from './header-actions';
import { RunToolbar } from './run-toolbar';
import { signInProblemToShow } from './sign-in-problem-to-show';
import { useCursorParameters } from './use-cursor-parameters';
import { useIdentityOf } from './use-identity-of';
import { useLinkOpener } from './use-link-opener';
import { LOCAL_FILES_ACCEPT, useLocalFilesTab } from './use-local-files-tab';
import { useRecall } from './use-recall';
import { useRunStatement } from './use-run-statement';
import { useShownView } from './use-shown-view';
import { useSignInRecovery } from './use-sign-in-recovery';
import { useKustoClient } from './use-kusto-client';
import { retryableRequest, useTabRuns } from './use-tab-runs';
import { useTabActions } from './use-tab-actions';
import { useTabSchema } from './use-tab-schema';
import { useTenantQuestion } from './use-tenant-question';
import { useTheme } from './use-theme';
import { useWorkspaceCommands } from './use-workspace-commands';

const SAMPLE_QUERY = 'StormEvents\n| take 10';

/** Window width from which the connection pane starts open. */
const PANE_OPEN_FROM = 1000;
/** Editor height (px) until the user moves the splitter, and the smallest it gets. */
const EDITOR_HEIGHT = 240;
const EDITOR_MIN_HEIGHT = 96;
/** What the results keep below the splitter at least: status, toolbar and a few rows. */
const RESULTS_MIN_HEIGHT = 220;

interface WorkbenchProps {
  account: AccountInfo;
  onUseAccount: (account: AccountInfo) => void;
  /** The token redirect this page load returns from, if any. */
  returned: ReturnedRedirect | null;
}

export function Workbench({ account, onUseAccount, returned }: WorkbenchProps) {
  const config = useRuntimeConfig();
  const stored = useMemo(() => accountStorageNames(account), [account]);
  const [theme, toggleTheme] = useTheme();
  const firstCluster = config.clusters[0];

  const connections = useConnections(
    useMemo(() => config.clusters.map((c) => c.url), [config.clusters]),
    config.trustedHosts,
    stored.connections,
  );
  const trustedHosts = config.trustedHosts;
  // The recovery hook needs the runs, which need the token provider: it is reached through a ref.
  const recovery = useRef<ReturnType<typeof useSignInRecovery> | null>(null);
  const tokenProvider = useTokenProvider({
    trustedHosts,
    account,
    connectionTenantOf: (url) => tenantOf(connections.current(), url),
    beforeRedirect: (pending) => recovery.current?.beforeRedirect(pending),
    redirectBlockedBy: (pending) => recovery.current?.blockedBy(pending) ?? null,
  });
  const signInActions = useSignInActions(tokenProvider);
  const identityOf = useIdentityOf({ account, config, connections: connections.connections });

  const [tabs, tabsStore] = useTabs({ clusterUrl: firstCluster.url, database: firstCluster.defaultDatabase, sampleText: SAMPLE_QUERY, storageKey: stored.tabs });
  const tab = activeTab(tabs);
  const editorRef = useRef<KqlEditorHandle>(null);
  /** The statement at the cursor; before monaco arrives there is no cursor: the first statement. */
  const statementToRun = useCallback(() => editorRef.current?.getStatementToRun() ?? statementAtCursor(tab.text, 0), [tab.text]);

  const userName = useCallback(() => account.username || account.name || 'the signed-in user', [account]);
  const forgetAccount = useCallback((which: AccountInfo, choice: SignOutChoice) => forgetAccountData(which, choice), []);
  const history = useHistoryStore(stored.history);
  const client = useKustoClient(tokenProvider, trustedHosts, userName);
  const queryClient = useQueryClient();
  const onSchemaChanged = useCallback((clusterUrl: string) => void invalidateClusterMetadata(queryClient, clusterUrl), [queryClient]);
  const runs = useTabRuns({ client, onSchemaChanged, userName, history: history.opening });
  const signInRecovery = useSignInRecovery({
    returned,
    inFlightFor: runs.inFlightFor,
    run: runs.run,
    hasTab: (id) => tabs.tabs.some((t) => t.id === id),
  });
  recovery.current = signInRecovery;
  const runState = runs.stateOf(tab.id);
  const [historyOpen, setHistoryOpen] = useState(false);
  const historyButton = useRef<HTMLButtonElement | null>(null);
  const [paneOpen, setPaneOpen] = useState(() => typeof window === 'undefined' || window.innerWidth >= PANE_OPEN_FROM);
  const editorAndResults = useRef<HTMLDivElement>(null);
  const columnHeight = useElementSize(editorAndResults).height;
  const splitter = useSplitter({
    // Per user, like the tabs: "kqlw.editorHeight@<homeAccountId>".
    storageKey: accountStorageKey(account, 'editorHeight'),
    initial: EDITOR_HEIGHT,
    min: EDITOR_MIN_HEIGHT,
    // Before the first measure (and in jsdom) the remembered size stands.
    max: columnHeight > 0 ? columnHeight - RESULTS_MIN_HEIGHT : Number.MAX_SAFE_INTEGER,
  });
  const tenantQuestion = useTenantQuestion({ connections, run: runs.run });

  const { params, readCursorStatement, linkParameters } = useCursorParameters({ tabId: tab.id, tabText: tab.text, statementToRun });
  const { setValue: setParameterValue } = params;

  const tabActions = useTabActions({ tabsStore, tab, clusters: config.clusters });
  const { selectContext, openInNewTab } = tabActions;
  const isLocal = isLocalFilesCluster(tab.clusterUrl);
  const { localFiles, linkFiles, pane: localFilesPane, reopenFromHandles, openWanted } = useLocalFilesTab({
    account,
    isLocal,
    tabText: tab.text,
    openLocalTab: tabActions.openLocalTab,
    selectLocal: tabActions.selectLocal,
  });
  // A cluster a link brought in is asked nothing (not even its schema) until the user runs a
  // query there or adds it: until then nothing, token included, is sent to it.
  const listed = connections.connections.clusters.includes(tab.clusterUrl);
  const { editorSchema, databaseOptions } = useTabSchema({
    client,
    clusterUrl: tab.clusterUrl,
    database: tab.database,
    askable: isTrustedKustoHost(tab.clusterUrl, trustedHosts) && listed,
    isLocal,
    localTables: localFiles.tables,
    localVersion: localFiles.version,
    configuredDatabases: useMemo(() => config.clusters.find((c) => c.url === tab.clusterUrl)?.databases ?? [], [config.clusters, tab.clusterUrl]),
  });

  const recall = useRecall({ store: history.store, tab, statementToRun, show: runs.show });
  // Running on a cluster a link brought in is what adds it to the list.
  const { runStatement, runFromButton } = useRunStatement({
    tab, parameterValues: params.values, listed: isLocal || listed, joinCluster: tenantQuestion.joinWithDefaultTenant,
    run: runs.run, onRunStart: recall.clearNote, statementToRun,
  });
  const cancel = useCallback(() => runs.cancel(tab.id), [runs, tab.id]);

  const openFileNames = useMemo(() => localFiles.tables.map((t) => t.fileName), [localFiles.tables]);
  const links = useLinkOpener({
    trustedHosts,
    knownClusters: connections.connections.clusters,
    defaultDatabaseOf: tabActions.defaultDatabaseOf,
    openFileNames,
    openTab: openInNewTab,
    setParameterValue,
    run: runs.run,
    askTenant: tenantQuestion.ask,
    wantFiles: localFiles.want,
  });
  useShareUrlSync(
    { clusterUrl: tab.clusterUrl, database: tab.database, query: tab.text, parameters: linkParameters, ...(linkFiles ? { files: linkFiles } : {}) },
    { enabled: links.startLinkStatus !== 'reading' },
  );

  const { newTab } = useWorkspaceCommands({ tabsStore, clusterUrl: tab.clusterUrl, database: tab.database, running: runState.running, cancel });
  useWarmDecodeWorker();

  const insertName = useCallback((text: string) => editorRef.current?.insertAtCursor(text), []);

  const error = runState.error;
  const signInProblem = signInProblemToShow(runState, signInRecovery, tab.clusterUrl);
  const dataSet = runState.arriving?.dataSet ?? runState.lastRun?.dataSet ?? null;
  const { onViewChange, shownTable } = useShownView(dataSet);
  // The chart takes its theme from data-theme on <html> (set by useTheme), as the grid does.
  const wrapTableView = useCallback(
    (table: ColumnarTable, renderTable: () => ReactNode) => (
      <TableChartSwitch table={table} visualization={dataSet?.visualizations.get(table.tableId)} renderTable={renderTable} />
    ),
    [dataSet],
  );
  const retry = retryableRequest(runState);

  return (
    <div className="workbench">
      <AppHeader
        paneOpen={paneOpen}
        onTogglePane={() => setPaneOpen((open) => !open)}
        renderActions={(compact) => (
          <HeaderActions
            compact={compact}
            share={{
              clusterUrl: tab.clusterUrl, database: tab.database, query: tab.text, parameters: linkParameters, files: linkFiles, shownTable,
            }}
            onOpenLink={links.openLink}
            historyOpen={historyOpen}
            onToggleHistory={() => setHistoryOpen((open) => !open)}
            historyButton={historyButton}
            theme={theme}
            onToggleTheme={toggleTheme}
            account={account}
            forgetAccount={forgetAccount}
            onUseAccount={onUseAccount}
          />
        )}
      />
      <div className="workbench-body">
        {/* Hidden, not unmounted: the tree keeps what is open. */}
        <div id="connection-pane" className="connection-pane-slot" hidden={!paneOpen}>
          <ConnectionPane
            connections={connections}
            identityOf={identityOf}
            client={client}
            active={{ clusterUrl: tab.clusterUrl, database: tab.database }}
            onSelectDatabase={selectContext}
            onInsert={insertName}
            localFiles={localFilesPane}
          />
        </div>
        <main className="workbench-main">
          <TabBar
            tabs={tabs.tabs}
            activeId={tabs.activeId}
            runningIds={runs.runningIds}
            onActivate={(id) => tabsStore.dispatch({ type: 'activate', id })}
            onNew={newTab}
            onClose={(id) => {
              runs.forget(id);
              tabsStore.dispatch({ type: 'close', id, newId: crypto.randomUUID() });
            }}
            onRename={(id, title) => tabsStore.dispatch({ type: 'rename', id, title })}
          />
          <RunToolbar
            running={runState.running}
            parametersOk={params.result.ok}
            onRun={runFromButton}
            onCancel={cancel}
            progressive={tab.progressive ?? false}
            onProgressiveChange={tabActions.setProgressive}
            onRetry={retry ? () => runs.run(tab.id, retry) : null}
            clusterLabel={isLocal ? LOCAL_FILES_LABEL : tab.clusterUrl}
            database={tab.database}
            databaseOptions={databaseOptions}
            onDatabaseChange={(database) => selectContext({ clusterUrl: tab.clusterUrl, database })}
          />
          {tenantQuestion.question ? (
            <TenantQuestion clusterUrl={tenantQuestion.question.clusterUrl} willRun={tenantQuestion.question.run !== null} onAnswer={tenantQuestion.answer} />
          ) : null}
          {localFiles.wanted ? (
            <WantedFilesNotice
              wanted={localFiles.wanted}
              accept={LOCAL_FILES_ACCEPT}
              reopenFromHandles={reopenFromHandles}
              openWanted={openWanted}
              dismiss={localFiles.dismissWanted}
            />
          ) : null}
          {localFiles.notice ? (
            <div role="status" className="link-notice">
              <span>{localFiles.notice}</span>
              <button type="button" className="icon-button" aria-label="Dismiss" onClick={localFiles.dismissNotice}>×</button>
            </div>
          ) : null}
          {links.notice ? (
            <div role={selectors.share.linkNotice.role} aria-label={selectors.share.linkNotice.name} className="link-notice">
              <span>{links.notice}</span>
              <button type="button" className="icon-button" aria-label={selectors.share.dismissLinkNotice.name} onClick={links.dismissNotice}>×</button>
            </div>
          ) : null}
          <ParametersForm declared={params.declared} values={params.values} onChange={setParameterValue} />
          <div ref={editorAndResults} className="editor-and-results">
            <div id="editor-pane" className="editor-pane" style={{ height: splitter.size }} onKeyUp={readCursorStatement} onMouseUp={readCursorStatement}>
              <QueryEditor
                ref={editorRef}
                value={tab.text}
                onChange={tabActions.setText}
                onRun={runStatement}
                onCancel={cancel}
                running={runState.running}
                theme={theme}
                schema={editorSchema}
                markers={runState.markers}
              />
            </div>
            <div className="splitter" aria-label={selectors.header.splitter.name} aria-controls="editor-pane" {...splitter.separatorProps} />
            {recall.note ? <p role="status" aria-label={selectors.history.recallStatus.name} className="recall-note">{recall.note}</p> : null}
            {signInProblem ? (
              <SignInProblemNotice problem={signInProblem.problem} {...signInActions(signInProblem.clusterUrl)} {...(signInProblem.dismiss ? { onDismiss: signInProblem.dismiss } : {})} />
            ) : null}
            <ResultsPanel
              dataSet={dataSet}
              error={error?.signIn ? null : error}
              running={runState.running}
              arriving={runState.arriving}
              fromEarlierRun={runState.lastRunIsEarlier}
              durationMs={runState.lastRun?.durationMs ?? null}
              query={runState.lastRun?.query}
              wrapTableView={wrapTableView}
              onViewChange={onViewChange}
              ops={workerTableOps}
            />
          </div>
        </main>
        {historyOpen ? (
          <HistoryAside
            history={history}
            openTab={openInNewTab}
            show={runs.show}
            onClose={() => {
              setHistoryOpen(false);
              historyButton.current?.focus();
            }}
          />
        ) : null}
      </div>
    </div>
  );
}
