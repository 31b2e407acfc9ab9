// The bench page: builds an N-point timechart table in memory and measures, on request, the time from
// handing it to the view until the browser painted it — as a chart and as the results grid.
import { createElement as h } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { ColumnarTable, DataSet } from '../../src/kusto/types';
import { TableChartSwitch } from '../../src/features/charts/components/table-chart-switch';
import { ResultsPanel } from '../../src/features/results/components/results-panel';

function timechartTable(points: number): ColumnarTable {
  const start = Date.UTC(2007, 0, 1);
  const time = new Float64Array(points);
  const count = new BigInt64Array(points);
  let walk = 1000;
  for (let i = 0; i < points; i++) {
    time[i] = start + i * 60_000;
    walk += Math.sin(i / 5000) * 3 + (((i * 2654435761) >>> 0) % 21) - 10;
    count[i] = BigInt(Math.max(0, Math.round(walk)));
  }
  return {
    tableId: 0,
    tableKind: 'PrimaryResult',
    tableName: 'PrimaryResult',
    rowCount: points,
    columns: [
      { name: 'StartTime', declaredType: 'datetime', type: 'datetime', values: time, ticks: new Uint16Array(points), nulls: new Uint8Array(Math.ceil(points / 8)) },
      { name: 'count_', declaredType: 'long', type: 'long', values: count, nulls: new Uint8Array(Math.ceil(points / 8)) },
    ],
  };
}

/** Resolves after the next frame has been painted (rAF runs before paint; a task queued from it runs after). */
function afterPaint(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));
}

let root: Root | null = null;
function fresh(): Root {
  root?.unmount();
  const element = document.getElementById('root')!;
  root = createRoot(element);
  return root;
}

const tables = new Map<number, ColumnarTable>();
function tableOf(points: number): ColumnarTable {
  let t = tables.get(points);
  if (!t) tables.set(points, (t = timechartTable(points)));
  return t;
}

async function measureTable(points: number): Promise<number> {
  const table = tableOf(points);
  const dataSet: DataSet = { tables: [table], primaryResults: [table], visualizations: new Map(), stats: null, cancelled: false };
  const r = fresh();
  await afterPaint();
  const t0 = performance.now();
  r.render(h(ResultsPanel, { dataSet, error: null, running: false, durationMs: 1 }));
  // The grid is drawn once its canvas has a size and a first frame went out.
  for (;;) {
    const t = await afterPaint();
    const canvas = document.querySelector('#root canvas') as HTMLCanvasElement | null;
    if (canvas && canvas.width > 0) return t - t0;
    if (t - t0 > 30_000) throw new Error('the grid never drew a canvas');
  }
}

async function measureChart(points: number): Promise<number> {
  const table = tableOf(points);
  const r = fresh();
  await afterPaint();
  const drawn = new Promise<void>((resolve) => {
    const t0 = performance.now();
    (window as unknown as { chartStart: number }).chartStart = t0;
    r.render(
      h(TableChartSwitch, {
        table,
        visualization: { Visualization: 'timechart' },
        theme: 'light',
        renderTable: () => null,
        onChartRendered: () => resolve(),
      }),
    );
  });
  await drawn;
  const t = await afterPaint();
  return t - (window as unknown as { chartStart: number }).chartStart;
}

Object.assign(window, { measureTable, measureChart, ready: true });
