/**
 * One result table drawn as its `render` asks. Computes the plan (pure, in a worker for big tables),
 * then hands it to the ECharts renderer, which React.lazy loads on first use: a workbench that
 * never draws a chart never downloads ECharts.
 */
import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import type { ColumnarTable } from '../../../kusto/types';
import { selectors } from '../../../testing/selectors';
import type { ChartPlan, ChartTheme } from '../chart-options';
import type { EChartsRendererHandle } from '../echarts-renderer';
import { useChartPlan } from '../hooks/use-chart-plan';
import type { VisualizationSpec } from '../visualization';
import '../charts.css';

const EChartsRenderer = lazy(() => import('../echarts-renderer'));

/** Opaque backgrounds for the PNG, matching .chart-view in charts.css. */
const PNG_BACKGROUND: Record<ChartTheme, string> = { light: '#ffffff', dark: '#1e1e1e' };

export interface ChartViewProps {
  spec: VisualizationSpec;
  table: ColumnarTable;
  theme: ChartTheme;
  /** Shown in place of the chart when the plan falls back to the table (no numeric column, …). */
  fallback?: ReactNode;
  /** After the chart is drawn (ECharts `finished`), or the card shown; for benchmarks and tests. */
  onRendered?: (plan: ChartPlan) => void;
}

function fileName(spec: VisualizationSpec): string {
  const base = (spec.title ?? spec.visualization).replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '');
  return `${base || 'chart'}.png`;
}

function Notes({ notes }: { notes: string[] }) {
  if (notes.length === 0) return null;
  return (
    <div role={selectors.charts.note.role} className="chart-notes">
      {notes.map((n, i) => <p key={i}>{n}</p>)}
    </div>
  );
}

export function ChartView({ spec, table, theme, fallback, onRendered }: ChartViewProps) {
  const frame = useRef<HTMLDivElement>(null);
  const renderer = useRef<EChartsRendererHandle>(null);
  // The plot width sets the downsampling budget; measured once, as re-planning 500k rows on every
  // pixel of a resize would cost more than the extra points it would add.
  const [plotWidth, setPlotWidth] = useState<number | null>(null);
  useLayoutEffect(() => {
    const width = frame.current?.clientWidth ?? 0;
    setPlotWidth(width > 0 ? width : 800);
  }, []);
  const state = useChartPlan(spec, table, theme, plotWidth);
  const plan = state.status === 'ready' ? state.plan : null;

  const rendered = useCallback(() => {
    if (plan) onRendered?.(plan);
  }, [plan, onRendered]);
  useEffect(() => {
    if (plan && plan.type !== 'echarts') onRendered?.(plan);
  }, [plan, onRendered]);

  const download = () => {
    const url = renderer.current?.toPngDataUrl(PNG_BACKGROUND[theme]);
    if (!url) return;
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName(spec);
    link.click();
  };

  let body: ReactNode;
  if (state.status === 'failed') {
    body = <div role="alert" className="error-box">The chart could not be built: {state.message}</div>;
  } else if (!plan) {
    body = <p className="chart-loading">Preparing the chart…</p>;
  } else if (plan.type === 'table') {
    body = (
      <>
        <Notes notes={plan.notes} />
        {fallback}
      </>
    );
  } else if (plan.type === 'card') {
    body = (
      <>
        <Notes notes={plan.notes} />
        <figure role={selectors.charts.card.role} aria-label={plan.label} className="chart-card">
          <figcaption>{plan.label}</figcaption>
          <output className="chart-card-value">{plan.value}</output>
        </figure>
      </>
    );
  } else {
    body = (
      <>
        <div className="chart-toolbar">
          <button type="button" onClick={download}>{selectors.charts.downloadPng.name}</button>
        </div>
        <Notes notes={plan.notes} />
        <Suspense fallback={<p className="chart-loading">Loading the chart library…</p>}>
          <EChartsRenderer
            ref={renderer}
            option={plan.option}
            onRendered={rendered}
            className="chart-canvas"
            ariaLabel={spec.title ?? selectors.charts.chart.name}
          />
        </Suspense>
      </>
    );
  }
  return (
    <div ref={frame} className={`chart-view chart-${theme}`} data-theme={theme}>
      {body}
    </div>
  );
}
