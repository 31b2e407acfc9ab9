/** The signed-in screen: connections, query tabs, editor, run/cancel, results. Composes features; holds no protocol logic. */

import type { AccountInfo } from '@azure/msal-browser';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useRuntimeConfig } from '../config/runtime-config-context';
import type { SignOutChoice } from '../features/auth/components/sign-out-dialog';
import { accountLabel, homeTenantIdOf } from '../features/auth/api/accounts';
import { connectionIdentity, connectionIdentityText } from '../features/auth/api/connection-identity';
import type { ReturnedRedirect } from '../features/auth/api/msal';
import { createTenantDirectory } from '../features/auth/api/tenant-directory';
import { SignInProblemNotice } from '../features/auth/components/sign-in-problem';
import { useSignInActions } from '../features/auth/hooks/use-sign-in-actions';
import { useTokenProvider } from '../features/auth/hooks/use-token-provider';
import { TableChartSwitch } from '../features/charts/components/table-chart-switch';
import { ConnectionPane, type ConnectionContext } from '../features/connections/components/connection-pane';
import { TenantQuestion } from '../features/connections/components/tenant-question';
import { useConnections } from '../features/connections/hooks/use-connections';
import { tenantOf } from '../features/connections/utils/connections-model';
import { WantedFilesNotice } from '../features/local-files/components/wanted-files';
import { useLocalFiles } from '../features/local-files/hooks/use-local-files';
import { type FileHandle, LOCAL_FILE_HANDLES_ITEM, LOCAL_FILES_ITEM } from '../features/local-files/remembered-files';
import { QueryEditor } from '../features/editor/components/query-editor';
import { statementAtCursor } from '../features/editor/statement-at-cursor';
import type { EditorSchema, KqlEditorHandle, Statement } from '../features/editor/types';
import { HistoryPanel } from '../features/history/components/history-panel';
import type { HistoryEntry } from '../features/history/history-store';
import { useHistoryStore } from '../features/history/hooks/use-history-store';
import { ParametersForm } from '../features/parameters/components/parameters-form';
import { useQueryParameters } from '../features/parameters/hooks/use-query-parameters';
import { ResultsPanel, type ResultViewState } from '../features/results/components/results-panel';
import { useWarmDecodeWorker } from '../features/run/hooks/use-warm-decode-worker';
import { useShareLinkState } from '../features/share/hooks/use-share-link-state';
import { useShareUrlSync } from '../features/share/hooks/use-share-url-sync';
import { writeShareUrl } from '../features/share/share-url';
import type { LinkRunDecision } from '../features/share/link-run-policy';
import { TabBar } from '../features/tabs/components/tab-bar';
import { useWorkspaceShortcuts } from '../features/tabs/hooks/use-workspace-shortcuts';
import type { WorkspaceCommand } from '../features/tabs/utils/keymap';
import { useTabs } from '../features/tabs/hooks/use-tabs';
import { activeTab } from '../features/tabs/utils/tabs-model';
import type { ShareLinkInput } from '../kusto/deep-link';
import { parseDeclaredParameters, toParameterValues } from '../kusto/query-parameters';
import type { ColumnarTable, DataSet } from '../kusto/types';
import { isTrustedKustoHost, untrustedHostMessage } from '../kusto/trusted-hosts';
import { isLocalFilesCluster, LOCAL_FILES_CLUSTER, LOCAL_FILES_DATABASE, LOCAL_FILES_LABEL, localFilesShowSchema } from '../kusto/local-files';
import { ACCEPTED_EXTENSIONS } from '../workers/local-files/file-format';
import { useElementSize } from '../lib/use-element-size';
import { accountStorageKey } from '../lib/account-storage';
import { databasesQueryOptions, invalidateClusterMetadata, schemaQueryOptions } from '../lib/kusto-queries';
import { useKeyboardShortcut } from '../lib/use-keyboard-shortcut';
import { localStore } from '../lib/storage';
import { useSplitter } from '../lib/use-splitter';
import { selectors } from '../testing/selectors';
import { workerTableOps } from '../workers/decode-client';
import { accountStorageNames, forgetAccountData } from './account-data';
import { HeaderActions } from './header-actions';
import { useSignInRecovery } from './use-sign-in-recovery';
import { useKustoClient } from './use-kusto-client';
import { useTabRuns, type RunRequest } from './use-tab-runs';
import { useTheme } from './use-theme';

const SAMPLE_QUERY = 'StormEvents\n| take 10';

/** Header width under which Open link, History, theme and shortcuts go behind "More actions". */
const COMPACT_HEADER_BELOW = 1100;
/** Window width from which the connection pane starts open. */
const PANE_OPEN_FROM = 1000;
/** Editor height (px) until the user moves the splitter, and the smallest it gets. */
const EDITOR_HEIGHT = 240;
const EDITOR_MIN_HEIGHT = 96;
/** What the results keep below the splitter at least: status, toolbar and a few rows. */
const RESULTS_MIN_HEIGHT = 220;

/** Errors the same request may not hit again. */
const RETRYABLE = new Set(['network', 'throttled', 'server', 'timeout']);

/** F8: the kept result of the query at the cursor, from history (Monaco binds no F8 in KQL mode). */
function isRecallPress(e: KeyboardEvent): boolean {
  return e.key === 'F8' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey;
}

/** A query to open in a new tab: from a share link, an ADX link, or history. */
interface LinkToOpen {
  clusterUrl: string;
  database: string | null;
  query: string | null;
  parameters: Readonly<Record<string, string>>;
  decision: LinkRunDecision;
  /** A local-files link: the files its query reads. */
  files?: readonly string[];
}

/** `properties.Parameters` for `text`: only the parameters it declares, or why the values are refused. */
function parametersFor(text: string, values: Readonly<Record<string, string>>): { ok: true; parameters: Record<string, string> | undefined } | { ok: false; reason: string } {
  const result = toParameterValues(parseDeclaredParameters(text), values);
  if (!result.ok) return { ok: false, reason: result.errors.map((e) => `${e.name}: ${e.reason}`).join(' ') };
  return { ok: true, parameters: Object.keys(result.parameters).length > 0 ? result.parameters : undefined };
}

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
  const tenantDirectory = useMemo(() => createTenantDirectory(localStore()), []);
  const identityOf = useCallback(
    (url: string) => {
      const configured = config.clusters.find((c) => c.url === url);
      return connectionIdentityText(connectionIdentity({
        accountName: accountLabel(account),
        connectionTenant: tenantOf(connections.connections, url),
        pinnedAuthority: configured?.authority,
        configTenant: configured?.tenant,
        defaultAuthority: config.auth.authority,
        domainOf: (id) => tenantDirectory.domainOf(id),
        homeTenantId: homeTenantIdOf(account),
      }));
    },
    [account, config, connections.connections, tenantDirectory],
  );

  const [tabs, tabsStore] = useTabs({ clusterUrl: firstCluster.url, database: firstCluster.defaultDatabase, sampleText: SAMPLE_QUERY, storageKey: stored.tabs });
  const tab = activeTab(tabs);
  const editorRef = useRef<KqlEditorHandle>(null);

  const userName = useCallback(() => account.username || account.name || 'the signed-in user', [account]);
  const forgetAccount = useCallback((which: AccountInfo, choice: SignOutChoice) => forgetAccountData(which, choice), []);
  const history = useHistoryStore(stored.history);
  const client = useKustoClient(tokenProvider, trustedHosts, userName);
  const queryClient = useQueryClient();
  const onSchemaChanged = useCallback((clusterUrl: string) => void invalidateClusterMetadata(queryClient, clusterUrl), [queryClient]);
  const runs = useTabRuns({ client, onSchemaChanged, userName, history: history.store });
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
  const header = useRef<HTMLElement>(null);
  const headerWidth = useElementSize(header).width;
  // Measured widths of the header's buttons in one row: below this they go behind "More actions".
  const compactHeader = headerWidth > 0 && headerWidth < COMPACT_HEADER_BELOW;
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
  const [linkNotice, setLinkNotice] = useState<string | null>(null);
  const [tenantQuestion, setTenantQuestion] = useState<{ clusterUrl: string; run: { tabId: string; request: RunRequest } | null } | null>(null);
  const [recallNote, setRecallNote] = useState<string | null>(null);

  // The form follows the statement at the cursor; monaco reports no cursor moves to us, so it is
  // read again after each edit, key and click in the editor.
  const [cursorText, setCursorText] = useState(() => statementAtCursor(tab.text, 0).text);
  const readCursorStatement = useCallback(() => {
    setCursorText(editorRef.current?.getStatementToRun().text ?? statementAtCursor(tab.text, 0).text);
  }, [tab.text]);
  useEffect(readCursorStatement, [readCursorStatement, tab.id]);
  const params = useQueryParameters(cursorText);
  const { setValue: setParameterValue } = params;
  /** What share links carry: the values of parameters the tab declares, as typed. */
  const linkParameters = useMemo(() => {
    const declared = new Set(parseDeclaredParameters(tab.text).map((p) => p.name));
    return Object.fromEntries(Object.entries(params.values).filter(([name, value]) => declared.has(name) && value !== ''));
  }, [tab.text, params.values]);

  const isLocal = isLocalFilesCluster(tab.clusterUrl);
  const localFiles = useLocalFiles(useMemo(
    () => ({ list: accountStorageKey(account, LOCAL_FILES_ITEM), handles: accountStorageKey(account, LOCAL_FILE_HANDLES_ITEM) }),
    [account],
  ));
  /** The files a local tab's link names: those whose table the query mentions, else all. */
  const linkFiles = useMemo(() => {
    if (!isLocal) return undefined;
    const mentioned = localFiles.tables.filter((t) => new RegExp(`(^|[^\\w])${t.name}([^\\w]|$)`).test(tab.text));
    return (mentioned.length > 0 ? mentioned : localFiles.tables).map((t) => t.fileName);
  }, [isLocal, localFiles.tables, tab.text]);
  const trusted = isTrustedKustoHost(tab.clusterUrl, trustedHosts);
  // A cluster a link brought in is asked nothing (not even its schema) until the user runs a
  // query there or adds it: until then nothing, token included, is sent to it.
  const listed = connections.connections.clusters.includes(tab.clusterUrl);
  const databases = useQuery({ ...databasesQueryOptions(client, tab.clusterUrl), enabled: trusted && listed });
  const schema = useQuery({ ...schemaQueryOptions(client, tab.clusterUrl, tab.database), enabled: trusted && listed && tab.database !== '' });
  const localTables = localFiles.tables;
  const localSchemaVersion = localFiles.version;
  const showSchemaJson = useMemo(
    () => (isLocal ? localFilesShowSchema(localTables, localSchemaVersion) : schema.data?.showSchemaJson),
    [isLocal, localTables, localSchemaVersion, schema.data?.showSchemaJson],
  );
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
      // The form already shows each refused value at its input; nothing is sent until they are fixed.
      const parameters = parametersFor(text, params.values);
      if (!parameters.ok) return;
      setRecallNote(null);
      const properties = {
        ...(parameters.parameters ? { Parameters: parameters.parameters } : {}),
        ...(tab.progressive ? { Options: { results_progressive_enabled: true } } : {}),
      };
      // Running on a cluster a link brought in is what adds it to the list (with the default
      // tenant, when the link's tenant question was not answered).
      if (!isLocal && !listed) {
        connections.add(tab.clusterUrl);
        setTenantQuestion((q) => (q?.clusterUrl === tab.clusterUrl ? null : q));
      }
      runs.run(tab.id, {
        clusterUrl: tab.clusterUrl, database: tab.database, text, statementStart: statement.start, documentText: tab.text,
        properties: Object.keys(properties).length > 0 ? properties : undefined,
      });
    },
    [runs, tab.id, tab.clusterUrl, tab.database, tab.text, tab.progressive, params.values, isLocal, listed, connections],
  );

  const runFromButton = useCallback(() => {
    // Before monaco arrives there is no cursor: the first statement runs.
    const statement = editorRef.current?.getStatementToRun() ?? statementAtCursor(tab.text, 0);
    runStatement(statement.text, statement);
  }, [runStatement, tab.text]);

  const cancel = useCallback(() => runs.cancel(tab.id), [runs, tab.id]);

  const defaultDatabaseOf = useCallback(
    (clusterUrl: string) => config.clusters.find((c) => c.url === clusterUrl)?.defaultDatabase ?? (clusterUrl === tab.clusterUrl ? tab.database : firstCluster.defaultDatabase),
    [config.clusters, tab.clusterUrl, tab.database, firstCluster.defaultDatabase],
  );

  const openInNewTab = useCallback(
    (target: { clusterUrl: string; database: string | null; text: string }): string => {
      const id = crypto.randomUUID();
      tabsStore.dispatch({ type: 'new', id, clusterUrl: target.clusterUrl, database: target.database ?? defaultDatabaseOf(target.clusterUrl), text: target.text });
      return id;
    },
    [tabsStore, defaultDatabaseOf],
  );

  /**
   * A link (ours or ADX's) opens in a new tab; it runs once, read-only, only when the link policy
   * says so. Returns what the new tab holds, or null when the link was refused.
   */
  const openLink = useCallback(
    (link: LinkToOpen): ShareLinkInput | null => {
      if (isLocalFilesCluster(link.clusterUrl)) {
        // A local-files link: the query and the names of its files, which the reader opens.
        const text = link.query ?? '';
        openInNewTab({ clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, text });
        for (const [name, value] of Object.entries(link.parameters)) setParameterValue(name, value);
        const missing = (link.files ?? []).filter((f) => !localFiles.tables.some((t) => t.fileName === f));
        if (missing.length > 0) localFiles.want(missing);
        // The files notice asks for missing files itself; one notice, not two saying the same.
        setLinkNotice(link.decision.run || missing.length > 0 ? null : link.decision.reason);
        return { clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, query: text, parameters: link.parameters, files: link.files ?? [] };
      }
      if (!isTrustedKustoHost(link.clusterUrl, trustedHosts)) {
        setLinkNotice(`The link was not opened: ${untrustedHostMessage(link.clusterUrl)}. To trust it, add it to "trustedHosts" in the deployment's config.json.`);
        return null;
      }
      // A cluster the user never added is not added (nor asked anything) by opening a link to it:
      // only when they run its query or answer the question below.
      const newCluster = !connections.connections.clusters.includes(link.clusterUrl);
      if (newCluster) setTenantQuestion({ clusterUrl: link.clusterUrl, run: null });
      const text = link.query ?? '';
      const database = link.database ?? defaultDatabaseOf(link.clusterUrl);
      const id = openInNewTab({ clusterUrl: link.clusterUrl, database, text });
      for (const [name, value] of Object.entries(link.parameters)) setParameterValue(name, value);
      const opened = { clusterUrl: link.clusterUrl, database, query: text, parameters: link.parameters };
      if (!link.decision.run) {
        setLinkNotice(link.decision.reason);
        return opened;
      }
      // As the Run button would with the caret at the start: the link's first statement.
      const statement = statementAtCursor(text, 0);
      const parameters = parametersFor(statement.text, link.parameters);
      if (!parameters.ok) {
        setLinkNotice(`The query was not run: the link's parameter values are refused. ${parameters.reason}`);
        return opened;
      }
      setLinkNotice(null);
      const request = {
        clusterUrl: link.clusterUrl, database, text: statement.text, statementStart: statement.start, documentText: text,
        properties: { ...link.decision.properties, ...(parameters.parameters ? { Parameters: parameters.parameters } : {}) },
      };
      // A link carries no tenant: a cluster from the connection list has its own; a new one waits for the user's answer.
      if (newCluster) setTenantQuestion({ clusterUrl: link.clusterUrl, run: { tabId: id, request } });
      else runs.run(id, request);
      return opened;
    },
    [trustedHosts, connections, defaultDatabaseOf, openInNewTab, setParameterValue, runs, localFiles],
  );

  // The link the page was opened with, once signed in (the URL was left alone until now so MSAL
  // could come back to it). A reload of the app's own URL, or the return from a token redirect,
  // is not a link being opened: the restored tabs already hold it.
  const startLink = useShareLinkState();
  const startLinkHandled = useRef(false);
  useEffect(() => {
    if (startLink.status === 'reading' || startLinkHandled.current) return;
    startLinkHandled.current = true;
    if (startLink.status === 'invalid') setLinkNotice(`The link could not be opened: ${startLink.reason}`);
    else if (startLink.status === 'ready' && !startLink.reloaded) {
      const opened = openLink(startLink);
      // At once rather than after the sync's debounce: from now on a reload is the app's own
      // state coming back, and must not open (and run) the link a second time.
      if (opened) void writeShareUrl(opened);
    }
  }, [startLink, openLink]);
  useShareUrlSync(
    { clusterUrl: tab.clusterUrl, database: tab.database, query: tab.text, parameters: linkParameters, ...(linkFiles ? { files: linkFiles } : {}) },
    { enabled: startLink.status !== 'reading' },
  );

  const showResult = useCallback(
    (entry: HistoryEntry, dataSet: DataSet) => {
      const id = openInNewTab({ clusterUrl: entry.clusterUrl, database: entry.database, text: entry.text });
      runs.show(id, dataSet, entry.durationMs, entry.text);
    },
    [openInNewTab, runs],
  );

  const recall = useCallback(() => {
    const store = history.store;
    if (!store) return;
    const statement = editorRef.current?.getStatementToRun() ?? statementAtCursor(tab.text, 0);
    const tabId = tab.id;
    void store.latestResultFor({ text: statement.text, clusterUrl: tab.clusterUrl, database: tab.database }).then((found) => {
      if (!found) {
        setRecallNote('No kept result for this query here; press Run to run it.');
        return;
      }
      runs.show(tabId, found.dataSet, found.entry.durationMs, found.entry.text);
      setRecallNote(`Result of the run at ${new Date(found.entry.startedAt).toLocaleString()}, from history; nothing was sent to the cluster.`);
    });
  }, [history.store, tab.text, tab.id, tab.clusterUrl, tab.database, runs]);
  useKeyboardShortcut(isRecallPress, recall, history.store !== null);

  const newTab = useCallback(
    () => tabsStore.dispatch({ type: 'new', id: crypto.randomUUID(), clusterUrl: tab.clusterUrl, database: tab.database }),
    [tabsStore, tab.clusterUrl, tab.database],
  );
  const onShortcut = useCallback(
    (command: WorkspaceCommand) => {
      switch (command) {
        case 'cancel-query': return cancel();
        case 'new-tab': return newTab();
        case 'next-tab': return tabsStore.dispatch({ type: 'activate-relative', step: 1 });
        case 'previous-tab': return tabsStore.dispatch({ type: 'activate-relative', step: -1 });
        case 'reopen-closed-tab': return tabsStore.dispatch({ type: 'reopen-closed' });
      }
    },
    [cancel, newTab, tabsStore],
  );
  // Outside the editor too (monaco handles Shift+Enter and Ctrl+Shift+Enter itself when it has focus).
  useWorkspaceShortcuts(runState.running, onShortcut);
  useWarmDecodeWorker();

  const setText = useCallback((text: string) => tabsStore.dispatch({ type: 'set-text', id: tab.id, text }), [tabsStore, tab.id]);
  const selectContext = useCallback(
    (context: ConnectionContext) => tabsStore.dispatch({ type: 'set-context', id: tab.id, ...context }),
    [tabsStore, tab.id],
  );
  const insertName = useCallback((text: string) => editorRef.current?.insertAtCursor(text), []);
  const openLocalFiles = useCallback(
    (files: File[], handles?: FileHandle[]) => {
      // Files are queried from a "Local files" tab: the active one if it is, else a new one.
      if (!isLocal) tabsStore.dispatch({ type: 'new', id: crypto.randomUUID(), clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE });
      void localFiles.open(files, handles ? { handles } : {});
    },
    [isLocal, tabsStore, localFiles],
  );
  const localFilesPane = useMemo(
    () => ({
      tables: localFiles.tables,
      loading: localFiles.loading,
      failures: localFiles.failures,
      accept: ACCEPTED_EXTENSIONS.join(','),
      active: isLocal,
      onSelect: () => selectContext({ clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE }),
      onOpenFiles: openLocalFiles,
      onRename: localFiles.rename,
      onClose: (name: string) => void localFiles.close(name),
      onDismissFailures: localFiles.dismissFailures,
    }),
    [localFiles, isLocal, selectContext, openLocalFiles],
  );

  const error = runState.error;
  // A sign-in problem gets its own notice with the action that fixes it; the results stay.
  const signInProblem = error?.signIn ? { problem: error.signIn, clusterUrl: runState.lastRequest?.clusterUrl ?? tab.clusterUrl, dismiss: null }
    : signInRecovery.failure?.signIn ? { problem: signInRecovery.failure.signIn, clusterUrl: signInRecovery.clusterOfFailure ?? tab.clusterUrl, dismiss: signInRecovery.dismissFailure }
    : null;
  const dataSet = runState.arriving?.dataSet ?? runState.lastRun?.dataSet ?? null;
  // Share copies the table on screen in the order shown; a view of an older data set does not count.
  const [view, setView] = useState<ResultViewState | null>(null);
  const shownView = view && dataSet?.tables.includes(view.table) ? view : null;
  // The chart takes its theme from data-theme on <html> (set by useTheme), as the grid does.
  const wrapTableView = useCallback(
    (table: ColumnarTable, renderTable: () => ReactNode) => (
      <TableChartSwitch table={table} visualization={dataSet?.visualizations.get(table.tableId)} renderTable={renderTable} />
    ),
    [dataSet],
  );
  const canRetry = !runState.running && error !== null && RETRYABLE.has(error.kind) && runState.lastRequest !== null;

  return (
    <div className="workbench">
      <header ref={header} className="app-header">
        {/* A disclosure for the connection pane; it starts closed where the window is narrow. */}
        <button type="button" className="pane-toggle" aria-expanded={paneOpen} aria-controls="connection-pane" onClick={() => setPaneOpen((open) => !open)}>
          {selectors.header.connections.name}
        </button>
        <span className="app-title">KQL Workbench</span>
        <span className="spacer" />
        <HeaderActions
          compact={compactHeader}
          share={{
            clusterUrl: tab.clusterUrl, database: tab.database, query: tab.text, parameters: linkParameters, files: linkFiles,
            table: shownView?.table ?? dataSet?.primaryResults[0] ?? null, order: shownView?.order ?? null,
          }}
          onOpenLink={openLink}
          historyOpen={historyOpen}
          onToggleHistory={() => setHistoryOpen((open) => !open)}
          historyButton={historyButton}
          theme={theme}
          onToggleTheme={toggleTheme}
          account={account}
          forgetAccount={forgetAccount}
          onUseAccount={onUseAccount}
        />
      </header>
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
          <div className="toolbar">
            <button
              type="button"
              onClick={runFromButton}
              disabled={runState.running || !params.result.ok}
              className="run-button"
              title={params.result.ok ? 'Run the statement at the cursor (Shift+Enter)' : 'Fix the parameter values first'}
            >
              {selectors.editor.run.name}
            </button>
            <button type="button" onClick={cancel} disabled={!runState.running} title="Cancel the running query (Esc or Ctrl+Shift+Enter)">
              {selectors.editor.cancel.name}
            </button>
            <label className="progressive-toggle" title="Ask the cluster for rows as the query finds them (results_progressive_enabled), remembered for this tab">
              <input
                type="checkbox"
                checked={tab.progressive ?? false}
                onChange={(e) => tabsStore.dispatch({ type: 'set-progressive', id: tab.id, progressive: e.target.checked })}
              />
              {selectors.editor.progressive.name}
            </label>
            {canRetry ? (
              <button type="button" onClick={() => runState.lastRequest && runs.run(tab.id, runState.lastRequest)}>
                {selectors.common.retry.name}
              </button>
            ) : null}
            <div role="group" aria-label={selectors.header.cluster.name} className="connection">
              <span role="status" aria-label={selectors.editor.context.name} className="cluster-url" title="Cluster and database of this tab">
                {isLocal ? LOCAL_FILES_LABEL : tab.clusterUrl} · {tab.database}
              </span>
              {/* A wrapping label would put the selected option into the accessible name. */}
              <label htmlFor="database-select">{selectors.header.database.name}</label>
              <select id="database-select" value={tab.database} onChange={(e) => selectContext({ clusterUrl: tab.clusterUrl, database: e.target.value })}>
                {databaseOptions.map((db) => <option key={db} value={db}>{db}</option>)}
              </select>
            </div>
            <span className="hint">Shift+Enter run · Ctrl+Shift+Enter cancel · F8 last result · Ctrl+M Tab moves focus</span>
          </div>
          {tenantQuestion ? (
            <TenantQuestion
              clusterUrl={tenantQuestion.clusterUrl}
              willRun={tenantQuestion.run !== null}
              onAnswer={(tenant) => {
                const added = connections.add(tenantQuestion.clusterUrl);
                if (tenant && added.ok) connections.setTenant(tenantQuestion.clusterUrl, tenant);
                if (tenantQuestion.run) runs.run(tenantQuestion.run.tabId, tenantQuestion.run.request);
                setTenantQuestion(null);
              }}
            />
          ) : null}
          {localFiles.wanted ? (
            <WantedFilesNotice
              wanted={localFiles.wanted}
              accept={ACCEPTED_EXTENSIONS.join(',')}
              reopenFromHandles={async () => {
                if (!isLocal) selectContext({ clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE });
                return localFiles.reopenFromHandles();
              }}
              openWanted={(files) => {
                if (!isLocal) selectContext({ clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE });
                void localFiles.openWanted(files);
              }}
              dismiss={localFiles.dismissWanted}
            />
          ) : null}
          {localFiles.notice ? (
            <div role="status" className="link-notice">
              <span>{localFiles.notice}</span>
              <button type="button" className="icon-button" aria-label="Dismiss" onClick={localFiles.dismissNotice}>×</button>
            </div>
          ) : null}
          {linkNotice ? (
            <div role={selectors.share.linkNotice.role} aria-label={selectors.share.linkNotice.name} className="link-notice">
              <span>{linkNotice}</span>
              <button type="button" className="icon-button" aria-label={selectors.share.dismissLinkNotice.name} onClick={() => setLinkNotice(null)}>×</button>
            </div>
          ) : null}
          <ParametersForm declared={params.declared} values={params.values} onChange={setParameterValue} />
          <div ref={editorAndResults} className="editor-and-results">
            <div id="editor-pane" className="editor-pane" style={{ height: splitter.size }} onKeyUp={readCursorStatement} onMouseUp={readCursorStatement}>
              <QueryEditor
                ref={editorRef}
                value={tab.text}
                onChange={setText}
                onRun={runStatement}
                onCancel={cancel}
                running={runState.running}
                theme={theme}
                schema={editorSchema}
                markers={runState.markers}
              />
            </div>
            <div className="splitter" aria-label={selectors.header.splitter.name} aria-controls="editor-pane" {...splitter.separatorProps} />
            {recallNote ? <p role="status" aria-label={selectors.history.recallStatus.name} className="recall-note">{recallNote}</p> : null}
            {signInProblem ? (
              <SignInProblemNotice problem={signInProblem.problem} {...signInActions(signInProblem.clusterUrl)} {...(signInProblem.dismiss ? { onDismiss: signInProblem.dismiss } : {})} />
            ) : null}
            <ResultsPanel
              dataSet={dataSet}
              error={error?.signIn ? null : error}
              running={runState.running}
              arriving={runState.arriving}
              durationMs={runState.lastRun?.durationMs ?? null}
              query={runState.lastRun?.query}
              wrapTableView={wrapTableView}
              onViewChange={setView}
              ops={workerTableOps}
            />
          </div>
        </main>
        {historyOpen ? (
          <aside
            id="history-pane"
            className="history-pane"
            aria-label={selectors.history.pane.name}
            onKeyDown={(e) => {
              if (e.key !== 'Escape' || e.defaultPrevented) return;
              setHistoryOpen(false);
              historyButton.current?.focus();
            }}
          >
            {history.store ? (
              <HistoryPanel
                store={history.store}
                onReopen={(entry) => openInNewTab({ clusterUrl: entry.clusterUrl, database: entry.database, text: entry.text })}
                onShowResult={showResult}
              />
            ) : (
              <p className="history-empty">{history.error ?? 'Opening history…'}</p>
            )}
          </aside>
        ) : null}
      </div>
    </div>
  );
}
