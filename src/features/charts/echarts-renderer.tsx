/**
 * The only file that imports ECharts' runtime. It registers just the charts, components and the
 * canvas renderer that chart-options.ts produces (`echarts/core` + `use`), so the lazy chunk holds
 * a fraction of the full bundle; chart-view.tsx loads it with React.lazy when a chart is shown.
 */
import { BarChart, CustomChart, LineChart, PieChart, ScatterChart, TreemapChart } from 'echarts/charts';
import {
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GridComponent,
  LegendScrollComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, registerCustomSeries, use as registerECharts, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { INTERVAL_RENDER_ITEM, linesWindow } from './interval-options';
import { renderInterval } from './interval-render-item';

registerECharts([
  LineChart,
  BarChart,
  PieChart,
  ScatterChart,
  CustomChart,
  TreemapChart,
  GridComponent,
  LegendScrollComponent,
  TitleComponent,
  TooltipComponent,
  DataZoomSliderComponent,
  DataZoomInsideComponent,
  CanvasRenderer,
]);
registerCustomSeries(INTERVAL_RENDER_ITEM, renderInterval);

export interface EChartsRendererHandle {
  /** PNG of the chart as drawn, on an opaque background (a transparent PNG is unreadable in dark viewers). */
  toPngDataUrl(background: string): string | null;
}

export interface EChartsRendererProps {
  option: EChartsCoreOption;
  /** Called after ECharts has drawn the option (its `finished` event). */
  onRendered?: () => void;
  className?: string;
  ariaLabel: string;
}

const EChartsRenderer = forwardRef<EChartsRendererHandle, EChartsRendererProps>(function EChartsRenderer(
  { option, onRendered, className, ariaLabel },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const rendered = useRef(onRendered);
  rendered.current = onRendered;
  const drawn = useRef(option);

  /** Ladder and time pivot charts show as many lines as the plot's height holds (interval-options.ts). */
  const fitLines = (instance: ECharts) => {
    const window = linesWindow(drawn.current as Parameters<typeof linesWindow>[0], instance.getHeight());
    if (window) instance.setOption(window);
  };

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const instance = init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('finished', () => rendered.current?.());
    const observer = new ResizeObserver(() => {
      instance.resize();
      fitLines(instance);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // notMerge: a new plan (other theme, other table) replaces every series instead of merging into the old ones.
    drawn.current = option;
    if (!chart.current) return;
    chart.current.setOption(option, { notMerge: true, lazyUpdate: false });
    fitLines(chart.current);
  }, [option]);

  useImperativeHandle(ref, () => ({
    toPngDataUrl: (background) => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }) ?? null,
  }));

  return <div ref={host} role="img" aria-label={ariaLabel} className={className} />;
});

export default EChartsRenderer;
