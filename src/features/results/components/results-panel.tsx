/**
 * Every PrimaryResult table of the last run, one tab each, with status, stats and the table
 * actions. A failed run keeps the previous results on screen under its error; a partial failure
 * (truncation, a part that failed) shows Kusto's message as a warning next to the rows it left.
 */

import '../results.css';
import { Fragment, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { describeKustoError, type KustoError } from '../../../kusto/errors';
import type { ColumnarTable, DataSet } from '../../../kusto/types';
import { recordsText, rowsSoFarText, selectors } from '../../../testing/selectors';
import { csvBlob, type FormulaPolicy } from '../../../kusto/table-export';
import { resultsAsHtml, rowsText } from '../export-format';
import { formatBytes, formatSeconds, readQueryStats } from '../query-stats';
import { mainThreadTableOps } from '../table-ops';
import type { ResultTableOps } from '../../../kusto/table-ops';
import { keepMatching, type SortDirection } from '../../../kusto/table-ops';
import { cellText } from '../../../kusto/columnar';
import { isExpandable } from '../cell-text';
import { CellDetail } from './cell-detail';
import { ResultGrid, type GridTheme } from './result-grid';
import { useDocumentTheme } from '../../../lib/use-document-theme';
import { errorText } from '../../../lib/error-text';

export interface ResultsPanelProps {
  /** The last data set that arrived; kept on screen when a later run fails. */
  dataSet: DataSet | null;
  /** The latest run's error, or its partial-failure warning. */
  error: KustoError | null;
  running: boolean;
  /**
   * Set while `dataSet` is a running query's tables so far: the TableProgress percentage (or null),
   * and how many times DataReplace replaced its rows (the grid starts over then).
   */
  arriving?: { progress: number | null; replacements: number } | null;
  /** `dataSet` is an earlier run's, kept on screen because the latest one failed (or is running). */
  fromEarlierRun?: boolean;
  /** Client-side round trip of the run that produced `dataSet`. */
  durationMs?: number | null;
  /** The query text behind `dataSet`, for "Copy results as HTML". */
  query?: string;
  /** Where sort and search run; the main thread unless a worker-backed one is given. */
  ops?: ResultTableOps;
  /** Follows `data-theme` on <html> when not given. */
  theme?: GridTheme;
  /**
   * Wraps each table's view (toolbar + grid), e.g. in a chart/table switch for `render`. Called
   * with the table and a function that renders its usual view; keyed per table by the panel.
   */
  wrapTableView?: (table: ColumnarTable, renderTableView: () => ReactNode) => ReactNode;
  /** The table on screen and its rows in the order shown (sorted, filtered), for Share's copies. */
  onViewChange?: (view: ResultViewState) => void;
}

export interface ResultViewState {
  table: ColumnarTable;
  order: Uint32Array | null;
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
    case 'server': return error.httpStatus === undefined ? 'The cluster failed.' : `The cluster failed (HTTP ${error.httpStatus}).`;
    default: return 'The query failed.';
  }
}

/** "Table 1" for the service's PrimaryResult names, the table's own name when the query gave one. */
export function tableTitle(table: ColumnarTable, index: number): string {
  return /^PrimaryResult(_\d+)?$/.test(table.tableName) || table.tableName === '' ? `Table ${index + 1}` : table.tableName;
}

const tableKeys = new WeakMap<ColumnarTable, number>();
let nextTableKey = 1;
/** A React key per table object, so a new run resets sort, search and selection. */
function tableKey(table: ColumnarTable): number {
  let k = tableKeys.get(table);
  if (k === undefined) {
    k = nextTableKey++;
    tableKeys.set(table, k);
  }
  return k;
}

function QueryStatsLine({ dataSet, durationMs }: { dataSet: DataSet; durationMs: number | null }) {
  const stats = readQueryStats(dataSet.stats?.resourceConsumption ?? null);
  const items: [string, string][] = [];
  if (durationMs != null) items.push(['Duration', formatSeconds(durationMs / 1000)]);
  const exec = stats.executionSec ?? dataSet.stats?.executionTimeSec ?? null;
  if (exec !== null) items.push(['Server time', formatSeconds(exec)]);
  if (stats.cpuMs !== null) items.push(['CPU', formatSeconds(stats.cpuMs / 1000)]);
  if (stats.peakMemoryBytes !== null) items.push(['Peak memory', formatBytes(stats.peakMemoryBytes)]);
  if (stats.rowsScanned !== null) items.push(['Rows scanned', String(stats.rowsScanned)]);
  if (items.length === 0) return null;
  return (
    // The group wraps the list: a role on <dl> itself would stop its <dt>/<dd> from being a list.
    <div role="group" aria-label={selectors.results.stats.name}>
      <dl className="results-stats">
        {items.map(([k, v]) => (
          <div key={k}><dt>{k}</dt><dd>{v}</dd></div>
        ))}
      </dl>
    </div>
  );
}

/** Yields to the event loop between CSV chunks so a 500k-row export never freezes the page. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking in the same task can cancel the download in Firefox and Safari.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

interface ResultViewProps {
  table: ColumnarTable;
  title: string;
  query: string;
  ops: ResultTableOps;
  theme: GridTheme;
  onViewChange?: (view: ResultViewState) => void;
}

function ResultView({ table, title, query, ops, theme, onViewChange }: ResultViewProps) {
  const [sort, setSort] = useState<{ column: number; direction: SortDirection } | null>(null);
  const [sortOrder, setSortOrder] = useState<Uint32Array | null>(null);
  const [search, setSearch] = useState('');
  const [matches, setMatches] = useState<Uint32Array | null>(null);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [detail, setDetail] = useState<{ column: number; row: number } | null>(null);
  // Off by default: cells that would run as spreadsheet formulas get a leading ' in CSV and TSV.
  const [rawValues, setRawValues] = useState(false);
  const formulas: FormulaPolicy = rawValues ? 'raw' : 'neutralize';
  const sortRequest = useRef(0);
  const searchRequest = useRef(0);

  const onHeaderClicked = useCallback((column: number) => {
    // asc → desc → table order, like the web UI's header.
    const next: typeof sort = sort?.column !== column ? { column, direction: 'asc' }
      : sort.direction === 'asc' ? { column, direction: 'desc' } : null;
    setSort(next);
    // Said in the status line too: a screen reader does not announce aria-sort changing under focus.
    const name = table.columns[column]?.name ?? '';
    setMessage(next ? `Sorted by ${name}, ${next.direction === 'asc' ? 'ascending' : 'descending'}.` : 'Back to the original order.');
    const id = ++sortRequest.current;
    if (!next) {
      setSortOrder(null);
      return;
    }
    void ops.sort(table, next.column, next.direction).then((order) => {
      if (sortRequest.current === id) setSortOrder(order);
    });
  }, [sort, ops, table]);

  useEffect(() => {
    const id = ++searchRequest.current;
    if (search.trim() === '') {
      setMatches(null);
      return;
    }
    // A short pause while typing, so a 500k-row scan runs once per word, not per keystroke.
    const timer = setTimeout(() => {
      void ops.search(table, search).then((rows) => {
        if (searchRequest.current === id) setMatches(rows);
      });
    }, 150);
    return () => clearTimeout(timer);
  }, [search, ops, table]);

  const order = useMemo(() => {
    if (sortOrder && matches) return keepMatching(sortOrder, matches, table.rowCount);
    return matches ?? sortOrder;
  }, [sortOrder, matches, table.rowCount]);
  useEffect(() => onViewChange?.({ table, order }), [onViewChange, table, order]);

  const matchText = matches ? `${matches.length} of ${table.rowCount} rows match.` : '';

  const exportCsv = useCallback(async () => {
    setBusy(true);
    setMessage('Exporting…');
    try {
      download(await csvBlob(table, order, formulas, nextTask), `${title.replace(/[^\w.-]+/g, '_') || 'results'}.csv`);
      setMessage(`Exported ${rowsText(order ? order.length : table.rowCount)} to CSV.`);
    } finally {
      setBusy(false);
    }
  }, [table, order, title, formulas]);

  const copyHtml = useCallback(async () => {
    const { html, text, rows } = resultsAsHtml(query, table, order, undefined, formulas);
    const shown = order ? order.length : table.rowCount;
    try {
      if (typeof ClipboardItem !== 'undefined' && navigator.clipboard?.write) {
        await navigator.clipboard.write([new ClipboardItem({
          'text/html': new Blob([html], { type: 'text/html' }),
          'text/plain': new Blob([text], { type: 'text/plain' }),
        })]);
      } else {
        await navigator.clipboard.writeText(text);
      }
      setMessage(rows < shown ? `Copied the first ${rows} of ${shown} rows as HTML.` : `Copied ${rowsText(rows)} as HTML.`);
    } catch (e) {
      setMessage(`Could not copy: ${errorText(e)}`);
    }
  }, [query, table, order, formulas]);

  const onCellActivated = useCallback((cell: { column: number; row: number }) => {
    const column = table.columns[cell.column];
    if (column && isExpandable(column, cellText(column, cell.row))) setDetail(cell);
  }, [table]);

  return (
    <>
      <div className="results-toolbar">
        <input
          type="search"
          aria-label={selectors.results.search.name}
          placeholder="Search results"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setMessage('');
          }}
        />
        <button type="button" onClick={() => void exportCsv()} disabled={busy}>{selectors.results.exportCsv.name}</button>
        <button type="button" onClick={() => void copyHtml()}>{selectors.results.copyHtml.name}</button>
        <label className="results-raw" title="Off: a cell that starts with = + - @, a tab or a line break gets a leading ' in CSV and copied text, so a spreadsheet never runs it as a formula">
          <input type="checkbox" checked={rawValues} onChange={(e) => setRawValues(e.target.checked)} />
          {selectors.results.rawValues.name}
        </label>
        <span role="status" aria-label={selectors.results.actionStatus.name} className="results-action-status">
          {[matchText, message].filter(Boolean).join(' ')}
        </span>
      </div>
      <div className="results-body">
        <ResultGrid
          table={table}
          order={order}
          theme={theme}
          sort={sort}
          onHeaderClicked={onHeaderClicked}
          onCellActivated={onCellActivated}
          formulas={formulas}
        />
        {detail ? <CellDetail table={table} column={detail.column} row={detail.row} onClose={() => setDetail(null)} /> : null}
      </div>
    </>
  );
}

export function ResultsPanel({ dataSet, error, running, arriving = null, fromEarlierRun = false, durationMs = null, query = '', ops = mainThreadTableOps, theme: themeProp, wrapTableView, onViewChange }: ResultsPanelProps) {
  const documentTheme = useDocumentTheme();
  const theme = themeProp ?? documentTheme;
  const tables = dataSet?.primaryResults ?? [];
  // The chosen tab belongs to the data set it was chosen in: a new run starts at the first table.
  const [picked, setPicked] = useState<{ dataSet: DataSet | null; index: number }>({ dataSet, index: 0 });
  const active = picked.dataSet === dataSet ? picked.index : 0;
  const setActive = (i: number) => setPicked({ dataSet, index: i });
  const index = Math.min(active, Math.max(0, tables.length - 1));
  const table = tables[index] ?? null;
  const baseId = useId();
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const statusText = running ? 'Running…' : table ? recordsText(table.rowCount) : '';
  // While rows arrive the grid stays mounted (its scroll position kept) across snapshots; a
  // DataReplace starts it over. The complete table mounts a fresh one (new sort and search).
  const viewKey = (t: ColumnarTable) => (arriving ? `arriving-${index}-${arriving.replacements}` : String(tableKey(t)));

  const onTabKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    let next: number | null = null;
    if (e.key === 'ArrowRight') next = (index + 1) % tables.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + tables.length) % tables.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tables.length - 1;
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    tabRefs.current[next]?.focus();
  };

  return (
    <section className={`results results-theme-${theme}`} aria-label={selectors.results.panel.name}>
      <div className="results-bar">
        <p role="status" aria-label={selectors.results.status.name} className="results-status">{statusText}</p>
        {arriving && table ? (
          <p role="status" aria-label={selectors.results.arriving.name} className="results-arriving">{rowsSoFarText(table.rowCount)}</p>
        ) : null}
        {arriving && arriving.progress !== null ? (
          <progress aria-label={selectors.results.progress.name} max={100} value={arriving.progress}>{`${Math.round(arriving.progress)} %`}</progress>
        ) : null}
        {table?.incomplete ? (
          <p role="note" aria-label={selectors.results.incomplete.name} className="results-incomplete">Incomplete: only the rows that arrived.</p>
        ) : null}
        {dataSet && !running ? <QueryStatsLine dataSet={dataSet} durationMs={durationMs} /> : null}
      </div>
      {error ? (
        <div role="alert" className={error.kind === 'partial' ? 'error-box warning' : 'error-box'}>
          <strong>{errorTitle(error)}</strong>
          <pre className="error-message">{describeKustoError(error)}</pre>
          {fromEarlierRun && table && !running ? (
            <p role="note" aria-label={selectors.results.earlierRun.name} className="results-earlier-run">
              The results below are from an earlier run; this one did not replace them.
            </p>
          ) : null}
        </div>
      ) : null}
      {table ? (
        <>
          <div role="tablist" aria-label={selectors.results.tabs.name} className="results-tabs" onKeyDown={onTabKeyDown}>
            {tables.map((t, i) => (
              <button
                key={i}
                ref={(el) => { tabRefs.current[i] = el; }}
                type="button"
                role="tab"
                id={`${baseId}-tab-${i}`}
                aria-selected={i === index}
                aria-controls={`${baseId}-panel`}
                tabIndex={i === index ? 0 : -1}
                onClick={() => setActive(i)}
              >
                {tableTitle(t, i)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${baseId}-panel`} aria-labelledby={`${baseId}-tab-${index}`} className="results-tabpanel">
            {wrapTableView ? (
              <Fragment key={viewKey(table)}>
                {wrapTableView(table, () => <ResultView table={table} title={tableTitle(table, index)} query={query} ops={ops} theme={theme} onViewChange={onViewChange} />)}
              </Fragment>
            ) : (
              <ResultView key={viewKey(table)} table={table} title={tableTitle(table, index)} query={query} ops={ops} theme={theme} onViewChange={onViewChange} />
            )}
          </div>
        </>
      ) : dataSet && !error ? <p>The query returned no tables.</p> : null}
    </section>
  );
}
