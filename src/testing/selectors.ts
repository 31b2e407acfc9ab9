/**
 * The accessible names the UI exposes, used by the components themselves and by tests
 * (Testing Library and Playwright), so a spec and a screen reader look for the same thing.
 * No imports: Node-side Playwright specs load this file as is.
 *
 * Playwright: `page.getByRole(s.signIn.button.role, { name: s.signIn.button.name, exact: true })`.
 */

export const selectors = {
  config: {
    heading: { role: 'heading', name: 'The app is not configured correctly' },
  },
  signIn: {
    heading: { role: 'heading', name: 'Sign in' },
    button: { role: 'button', name: 'Sign in' },
  },
  /** The header's account menu button and its menu. */
  account: {
    /** The button's name is "Account: <name>"; `/^Account: /` finds it for any account. */
    button: (name: string) => ({ role: 'button', name: `Account: ${name}` }) as const,
    anyButton: { role: 'button', name: /^Account: / },
    menu: { role: 'menu', name: 'Account' },
    accounts: { role: 'group', name: 'Signed-in accounts' },
    /** One menuitemradio per signed-in account, named "<name> <username>"; aria-checked on the one in use. */
    accountItem: { role: 'menuitemradio' },
    switchAccount: { role: 'menuitem', name: 'Switch account…' },
    addAccount: { role: 'menuitem', name: 'Add another account' },
    signOut: (name: string) => ({ role: 'menuitem', name: `Sign out of ${name}` }) as const,
    signOutAll: { role: 'menuitem', name: 'Sign out of all accounts' },
  },
  /** A sign-in that failed in a way the analyst can act on (consent, tenant, Conditional Access, cloud). */
  signInProblem: {
    region: { role: 'region', name: 'Sign-in problem' },
    adminConsent: { role: 'link', name: 'Admin-consent link' },
    signInToCloud: (cloud: string) => ({ role: 'button', name: `Sign in to ${cloud}` }) as const,
    switchAccount: { role: 'button', name: 'Use another account' },
    tryAgain: { role: 'button', name: 'Sign in again' },
  },
  header: {
    /** In a narrow header: Open link, History, the theme and Keyboard shortcuts behind one menu button. */
    more: { role: 'button', name: 'More actions' },
    /** Shows and hides the connection pane (a disclosure). */
    connections: { role: 'button', name: 'Connections' },
    /** The window splitter between the editor and the results. */
    splitter: { role: 'separator', name: 'Resize the editor and the results' },
    /** Text of the cluster in use, e.g. "https://localhost:8443". */
    cluster: { role: 'group', name: 'Connection' },
    database: { role: 'combobox', name: 'Database' },
  },
  signOut: {
    /** Opened by the header's Sign out button: what to keep of this account in this browser. */
    dialog: { role: 'dialog', name: 'Sign out' },
    keepDrafts: { role: 'checkbox', name: 'Keep my query tabs in this browser' },
    confirm: { role: 'button', name: 'Sign out' },
    cancel: { role: 'button', name: 'Stay signed in' },
  },
  editor: {
    /** The monaco editor's input, once the editor chunk has loaded. */
    query: { role: 'textbox', name: 'Query' },
    /** Shown until monaco arrives: the query text, read-only. */
    queryPreview: { role: 'region', name: 'Query text (read-only)' },
    run: { role: 'button', name: 'Run' },
    cancel: { role: 'button', name: 'Cancel' },
    /** Per tab, remembered: ask the cluster for progressive results (rows as the query finds them). */
    progressive: { role: 'checkbox', name: 'Progressive results' },
    /** Text of the active tab's context, e.g. "https://localhost:8443 · Samples". */
    context: { role: 'status', name: 'Query context' },
  },
  connections: {
    pane: { role: 'complementary', name: 'Connections' },
    clusterInput: { role: 'textbox', name: 'Cluster name or URL' },
    /** Optional, beside the cluster: the tenant (id or domain) its tokens come from. */
    tenantInput: { role: 'textbox', name: 'Tenant' },
    /** Asked when a link brings a cluster that is not in the connection list. */
    tenantQuestion: {
      form: { role: 'form', name: 'Tenant of the linked cluster' },
      tenant: { role: 'textbox', name: 'Tenant of the cluster' },
      useTenant: { role: 'button', name: 'Use this tenant' },
      useDefault: { role: 'button', name: 'Use my default tenant' },
    },
    addCluster: { role: 'button', name: 'Add cluster' },
    /** The tree view of clusters → databases → Tables/Functions → tables → columns. */
    clusters: { role: 'tree', name: 'Clusters' },
    /** Reloads the databases and schema of every cluster in the list. */
    refresh: { role: 'button', name: 'Refresh' },
    /** A cluster's × is a mouse target (a tree item holds no buttons): its title. Keyboard: Delete on the cluster. */
    removeCluster: (url: string) => ({ title: `Remove ${url}` }) as const,
    /** A cluster's item, named by its host (the URL without https://); its description: "<account> · tenant <tenant>" or "<account> · home tenant". */
    cluster: (url: string) => ({ role: 'treeitem', name: url.replace(/^https:\/\//, '') }) as const,
    database: (name: string) => ({ role: 'treeitem', name }) as const,
    /** The folders under a database. */
    tables: { role: 'treeitem', name: 'Tables' },
    functions: { role: 'treeitem', name: 'Functions' },
    table: (name: string) => ({ role: 'treeitem', name }) as const,
    /** Columns read "<column> <type>". */
    column: (name: string, type: string) => ({ role: 'treeitem', name: `${name} ${type}` }) as const,
    trustedHosts: { role: 'group', name: 'Trusted hosts' },
  },
  localFiles: {
    /** The "Local files" connection's item in the tree (its tables and columns are items below it). */
    connection: { role: 'treeitem', name: 'Local files' },
    /** Opens the browser's file picker (CSV, TSV, Parquet, JSON, JSON Lines). */
    open: { role: 'button', name: 'Open files…' },
    /** The file input behind it (tests set files on it). */
    input: { name: 'Local files to open' },
    /** The form F2 on a local table opens. */
    renameInput: { role: 'textbox', name: 'New table name' },
    renameConfirm: { role: 'button', name: 'Rename' },
    /** After a reload: the files of the last session, to open again. */
    reopenNotice: { role: 'region', name: 'Reopen local files' },
    reopen: { role: 'button', name: 'Reopen files' },
    /** The picker "Reopen files" opens when no File System Access handle is kept. */
    reopenInput: { name: 'Files to reopen' },
  },
  tabs: {
    list: { role: 'tablist', name: 'Query tabs' },
    tab: { role: 'tab' },
    newTab: { role: 'button', name: 'New tab' },
    /** Each tab's ×, a mouse target only (a tablist owns nothing but tabs): its title. Keyboard: Delete on the tab. */
    closeTab: (title: string) => ({ title: `Close ${title}` }) as const,
    /** The inline input shown after a double-click on a tab. */
    rename: { role: 'textbox', name: 'Tab name' },
  },
  theme: {
    /** The toggle's name says what it switches to. */
    toDark: { role: 'button', name: 'Dark theme' },
    toLight: { role: 'button', name: 'Light theme' },
  },
  common: {
    retry: { role: 'button', name: 'Retry' },
  },
  results: {
    /** The whole panel: status line, statistics, errors, table tabs and the grid. */
    panel: { role: 'region', name: 'Results panel' },
    grid: { role: 'grid', name: 'Results' },
    columnHeader: { role: 'columnheader' },
    cell: { role: 'gridcell' },
    row: { role: 'row' },
    /** role=status; its whole text is `recordsText(n)`, n in plain digits. */
    status: { role: 'status', name: 'Result status' },
    /** While the answer arrives: "`rowsSoFarText(n)`" (rows on screen before the last byte). */
    arriving: { role: 'status', name: 'Rows so far' },
    /** The TableProgress percentage of a progressive query, 0–100. */
    progress: { role: 'progressbar', name: 'Table progress' },
    /** Shown when the table on screen is only what arrived before the answer broke off. */
    incomplete: { role: 'note', name: 'Incomplete result' },
    /** Under a failed run's error: the table on screen is an earlier run's, kept. */
    earlierRun: { role: 'note', name: 'Result of an earlier run' },
    /** One tab per PrimaryResult table: "Table 1", "Table 2", … or the table's own name. */
    tabs: { role: 'tablist', name: 'Result tables' },
    tab: { role: 'tab' },
    search: { role: 'searchbox', name: 'Search results' },
    exportCsv: { role: 'button', name: 'Export to CSV' },
    copyHtml: { role: 'button', name: 'Copy results as HTML' },
    /** Off by default: CSV and copied TSV neutralise cells a spreadsheet would run as formulas. */
    rawValues: { role: 'checkbox', name: 'Raw values' },
    /** Outcome of the last results action ("Copied 3 rows as HTML.", "12 of 500 rows match."). */
    actionStatus: { role: 'status', name: 'Results action' },
    /** Server statistics of the run (execution time, CPU, memory, rows scanned). */
    stats: { role: 'group', name: 'Query statistics' },
    /** Side panel of an activated cell (double-click or Enter on a dynamic or long value). */
    cellDetail: { role: 'complementary', name: 'Cell value' },
    closeCellDetail: { role: 'button', name: 'Close cell value' },
    jsonTree: { role: 'tree', name: 'Dynamic value' },
  },
  charts: {
    /** The drawn chart (a canvas inside role=img); its name is the chart's title or "Chart". */
    chart: { role: 'img', name: 'Chart' },
    toggle: { role: 'radiogroup', name: 'Show result as' },
    showChart: { role: 'radio', name: 'Chart' },
    showTable: { role: 'radio', name: 'Table' },
    downloadPng: { role: 'button', name: 'Download PNG' },
    /** `render card`: role=figure named by the card's label. */
    card: { role: 'figure' },
    /** Why a chart is not drawn or what was left out: role=note. */
    note: { role: 'note' },
  },
  share: {
    /** The header's Share button; the actions below sit behind it. */
    menu: { role: 'button', name: 'Share' },
    /** The actions and the status line together. */
    group: { role: 'group', name: 'Share' },
    /** Items of the Share menu (role=menu); the inline layout shows the same names as buttons. */
    copyLink: { role: 'menuitem', name: 'Copy link' },
    openInAdx: { role: 'menuitem', name: 'Open in Azure Data Explorer' },
    copyWithResults: { role: 'menuitem', name: 'Copy query, link and results' },
    openLink: { role: 'button', name: 'Open link' },
    dialog: { role: 'dialog', name: 'Open link' },
    linkInput: { role: 'textbox', name: 'Link' },
    openButton: { role: 'button', name: 'Open' },
    /** Outcome of the last share action ("Link copied.", a refusal, …). */
    status: { role: 'status', name: 'Share status' },
    /** Why a query opened from a link did not run. */
    linkNotice: { role: 'status', name: 'Link notice' },
    dismissLinkNotice: { role: 'button', name: 'Dismiss' },
  },
  history: {
    /** Header button (a disclosure, aria-expanded) that shows and hides the history pane; Esc in the pane closes it. */
    toggle: { role: 'button', name: 'History' },
    pane: { role: 'complementary', name: 'History pane' },
    panel: { role: 'region', name: 'History' },
    search: { role: 'searchbox', name: 'Search history' },
    list: { role: 'list', name: 'Past runs' },
    reopen: { role: 'button', name: 'Reopen' },
    showResult: { role: 'button', name: 'Show result' },
    clear: { role: 'button', name: 'Clear history' },
    /** After F8: where the shown result came from, or why there was none. */
    recallStatus: { role: 'status', name: 'Recalled result' },
  },
  shortcuts: {
    help: { role: 'button', name: 'Keyboard shortcuts' },
    dialog: { role: 'dialog', name: 'Keyboard shortcuts' },
    close: { role: 'button', name: 'Close' },
  },
  parameters: {
    form: { role: 'group', name: 'Query parameters' },
    /** One textbox per declared parameter, named by the parameter (`getByRole('textbox', { name: 'state' })`). */
    input: { role: 'textbox' },
  },
  /** Errors from sign-in, the cluster, or the response: role=alert with Kusto's message. */
  error: { role: 'alert' },
} as const;

/** "1 record", "59066 records": plain digits, no thousands separator. */
export function recordsText(count: number): string {
  return `${count} ${count === 1 ? 'record' : 'records'}`;
}

/** "1 row so far", "2048 rows so far": the count of rows on screen while the answer arrives. */
export function rowsSoFarText(count: number): string {
  return `${count} ${count === 1 ? 'row' : 'rows'} so far`;
}
