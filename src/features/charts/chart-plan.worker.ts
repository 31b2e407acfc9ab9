/**
 * Builds a chart plan off the main thread: for a 500k-row timechart, reading every cell, sorting
 * and LTTB-downsampling costs tens of milliseconds the grid and the editor should not wait for.
 * The table arrives as a structured clone (typed arrays are copied, not transferred: the grid
 * keeps reading the originals); the plan that goes back is already downsampled and small.
 */
import { toChartOptions } from './chart-options';
import type { PlanRequest, PlanResponse } from './chart-plan';
import { toChartTable } from './from-columnar';

const scope = self as unknown as { onmessage: ((event: MessageEvent<PlanRequest>) => void) | null; postMessage(message: PlanResponse): void };

scope.onmessage = (event) => {
  const { id, spec, table, theme, settings } = event.data;
  try {
    scope.postMessage({ id, ok: true, plan: toChartOptions(spec, toChartTable(table), theme, settings) });
  } catch (e) {
    scope.postMessage({ id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
};
