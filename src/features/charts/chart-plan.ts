/**
 * Where a chart plan is computed: small tables on the main thread (a worker round trip costs more
 * than the work), large ones in a module worker. Without Worker (jsdom, old runtimes) or when the
 * worker fails, the main thread does it.
 */
import type { ChartPlan, ChartSettings, ChartTheme } from './chart-options';
import type { ColumnarTable } from '../../kusto/types';
import type { VisualizationSpec } from './visualization';

export interface PlanRequest {
  id: number;
  spec: VisualizationSpec;
  table: ColumnarTable;
  theme: ChartTheme;
  settings: ChartSettings;
}

export type PlanResponse = { id: number; ok: true; plan: ChartPlan } | { id: number; ok: false; message: string };

/** Rows from which the worker pays for itself (measured with bench/chart: cloning 50k rows ≈ 5 ms). */
export const WORKER_MIN_ROWS = 50_000;

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (plan: ChartPlan) => void; reject: (error: Error) => void }>();

function planWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  if (!worker) {
    worker = new Worker(new URL('./chart-plan.worker.ts', import.meta.url), { type: 'module', name: 'chart-plan' });
    worker.onmessage = (event: MessageEvent<PlanResponse>) => {
      const waiting = pending.get(event.data.id);
      if (!waiting) return;
      pending.delete(event.data.id);
      if (event.data.ok) waiting.resolve(event.data.plan);
      else waiting.reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new Error(event.message || 'The chart worker failed.');
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      worker?.terminate();
      worker = null;
    };
  }
  return worker;
}

/**
 * The planner is loaded on first use, like the ECharts chunk: it is not part of the JS that comes
 * before the editor (bench/client (d)), and a workbench that never draws a chart never loads it.
 */
export async function planOnMainThread(spec: VisualizationSpec, table: ColumnarTable, theme: ChartTheme, settings: ChartSettings = {}): Promise<ChartPlan> {
  const [{ toChartOptions }, { toChartTable }] = await Promise.all([import('./chart-options'), import('./from-columnar')]);
  return toChartOptions(spec, toChartTable(table), theme, settings);
}

export async function computeChartPlan(
  spec: VisualizationSpec,
  table: ColumnarTable,
  theme: ChartTheme,
  settings: ChartSettings = {},
  options: { minWorkerRows?: number } = {},
): Promise<ChartPlan> {
  const w = table.rowCount >= (options.minWorkerRows ?? WORKER_MIN_ROWS) ? planWorker() : null;
  if (!w) return planOnMainThread(spec, table, theme, settings);
  const id = nextId++;
  try {
    return await new Promise<ChartPlan>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ id, spec, table, theme, settings } satisfies PlanRequest);
    });
  } catch {
    // A worker that can't load (CSP without worker-src, a bundler quirk) must not cost the chart.
    return await planOnMainThread(spec, table, theme, settings);
  }
}
