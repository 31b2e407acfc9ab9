import { useEffect, useState } from 'react';
import type { ColumnarTable } from '../../../kusto/types';
import type { ChartPlan, ChartTheme } from '../chart-options';
import { computeChartPlan } from '../chart-plan';
import type { VisualizationSpec } from '../visualization';

export type ChartPlanState = { status: 'computing' } | { status: 'ready'; plan: ChartPlan } | { status: 'failed'; message: string };

/** The plan for a table, recomputed when the table, spec, theme or plot width changes; stale answers are dropped. */
export function useChartPlan(spec: VisualizationSpec, table: ColumnarTable, theme: ChartTheme, plotWidth: number | null): ChartPlanState {
  const [state, setState] = useState<ChartPlanState>({ status: 'computing' });
  useEffect(() => {
    if (plotWidth === null) return;
    let live = true;
    setState({ status: 'computing' });
    computeChartPlan(spec, table, theme, { plotWidth }).then(
      (plan) => live && setState({ status: 'ready', plan }),
      (e: unknown) => live && setState({ status: 'failed', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [spec, table, theme, plotWidth]);
  return state;
}
