// Dev-only page showing the issue-5 components on synthetic data; dev/harness/check-issue5.ts drives
// and screenshots it. ?theme=dark switches <html data-theme>. No JSX: dev/ is typechecked without it.
import { createElement as h, Fragment, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { buildColumn } from '../../src/kusto/columnar';
import type { ColumnarTable } from '../../src/kusto/types';
import { openHistoryStore, type HistoryStore } from '../../src/features/history/history-store';
import { HistoryPanel, OpenLinkAction, ParametersForm, ShareMenu, TableChartSwitch, useQueryParameters } from './load-issue5';

const params = new URLSearchParams(location.search);
document.documentElement.dataset['theme'] = params.get('theme') === 'dark' ? 'dark' : 'light';

function table(columns: [string, string][], rows: unknown[][]): ColumnarTable {
  const wire = columns.map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType }));
  return { tableId: 0, tableKind: 'PrimaryResult', tableName: 'PrimaryResult', rowCount: rows.length, columns: wire.map((c, i) => buildColumn(c, i, rows, false)) };
}

const day = 86_400_000;
const states = ['TEXAS', 'KANSAS', 'IOWA'];
const daily = table(
  [['StartTime', 'datetime'], ['State', 'string'], ['count_', 'long']],
  states.flatMap((s, k) =>
    Array.from({ length: 120 }, (_, i) => [new Date(Date.UTC(2007, 0, 1) + i * day).toISOString(), s, Math.round(40 + 25 * Math.sin(i / 9 + k) + ((i * 37 + k * 11) % 17))]),
  ),
);
const byState = table(
  [['State', 'string'], ['EventType', 'string'], ['count_', 'long']],
  states.flatMap((s, k) => ['Hail', 'Flood', 'Tornado'].map((e, j) => [s, e, 100 + ((k * 31 + j * 17) % 90)])),
);

function plainTable(t: ColumnarTable) {
  return () => h('p', null, `(the results grid would show ${t.rowCount} rows here)`);
}

function Parameters() {
  const query = 'declare query_parameters(state:string = "TEXAS", since:datetime, n:long = 10, exact:bool = false);\nStormEvents | where State == state and StartTime >= since | take n';
  const p = useQueryParameters(query, { since: '2007-13-01', n: 'ten' });
  return h(Fragment, null,
    h(ParametersForm, { declared: p.declared, values: p.values, onChange: p.setValue }),
    h('pre', { className: 'out', 'data-testid': 'parameters-result' }, JSON.stringify(p.result)),
  );
}

function History() {
  const [store, setStore] = useState<HistoryStore | null>(null);
  const [reopened, setReopened] = useState('');
  useEffect(() => {
    void (async () => {
      const s = await openHistoryStore({ name: 'issue5-harness' });
      await s.clear();
      const base = { clusterUrl: 'https://localhost:8443', database: 'Samples', durationMs: 412 };
      await s.record({ ...base, text: 'StormEvents\n| take 10', startedAt: Date.UTC(2024, 4, 2, 9, 15), records: 10, outcome: 'success' }, { tables: [daily], primaryResults: [daily], visualizations: new Map(), stats: null, cancelled: false });
      await s.record({ ...base, text: 'StormEvents\n| summarize count() by bin(StartTime, 1d), State\n| render timechart', startedAt: Date.UTC(2024, 4, 2, 9, 17), durationMs: 1880, records: 1095, outcome: 'success' });
      await s.record({ ...base, text: 'Nope | take 1', startedAt: Date.UTC(2024, 4, 2, 9, 20), durationMs: 95, records: null, outcome: 'failed', message: "'Nope' not found" });
      await s.record({ ...base, text: 'StormEvents | where State == "TEXAS" | count', startedAt: Date.UTC(2024, 4, 2, 9, 22), durationMs: 230, records: 1, outcome: 'success' });
      setStore(s);
    })();
  }, []);
  if (!store) return h('p', null, 'Opening history…');
  return h(Fragment, null,
    h(HistoryPanel, { store, onReopen: (e) => setReopened(e.text), onShowResult: (e) => setReopened(`result of #${e.id}`) }),
    h('pre', { className: 'out', 'data-testid': 'history-out' }, reopened),
  );
}

function Share() {
  const [opened, setOpened] = useState('');
  return h(Fragment, null,
    h(ShareMenu, { clusterUrl: 'https://localhost:8443', database: 'Samples', query: 'StormEvents\n| summarize count() by State\n| top 3 by count_', table: byState }),
    h('div', { style: { marginTop: '0.5rem' } }, h(OpenLinkAction, { onOpen: (l) => setOpened(`${l.query ?? ''} → ${l.decision.run ? 'runs' : 'does not run'}`) })),
    h('pre', { className: 'out', 'data-testid': 'share-out' }, opened),
  );
}

function section(id: string, title: string, body: ReturnType<typeof h>) {
  return h('section', { className: 'harness', id: `${id}-section` }, h('h2', null, title), h('div', { id }, body));
}

function Page() {
  const [drawn, setDrawn] = useState(0);
  return h(Fragment, null,
    section('chart', 'render timechart', h(TableChartSwitch, {
      table: daily,
      visualization: { Visualization: 'timechart', Title: 'Storm events per day', YTitle: 'events' },
      renderTable: plainTable(daily),
      onChartRendered: () => setDrawn((n) => n | 1),
    })),
    section('chart2', 'render columnchart kind=stacked', h(TableChartSwitch, {
      table: byState,
      visualization: { Visualization: 'columnchart', Kind: 'stacked', XColumn: 'State', Series: 'EventType' },
      renderTable: plainTable(byState),
      onChartRendered: () => setDrawn((n) => n | 2),
    })),
    section('card', 'render card / ladderchart', h(Fragment, null,
      h(TableChartSwitch, { table: table([['Total', 'long']], [[59066]]), visualization: { Visualization: 'card', Title: 'Storm events' }, renderTable: plainTable(daily) }),
      h(TableChartSwitch, { table: daily, visualization: { Visualization: 'ladderchart' }, renderTable: plainTable(daily) }),
    )),
    h('p', { 'data-testid': 'drawn' }, `charts drawn: ${(drawn & 1) + ((drawn >> 1) & 1)}`),
    section('parameters', 'Query parameters', h(Parameters)),
    section('history', 'History', h(History)),
    section('share', 'Share', h(Share)),
  );
}

createRoot(document.getElementById('root')!).render(h(Page));
