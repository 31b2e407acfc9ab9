/**
 * Intervals on labelled lines — a ladder chart's rungs, a time pivot's events — as an ECharts
 * option: a category axis of lines (first line on top), a time or value axis, and one custom
 * series per colour whose items are `[line, start, end]`. The bars are drawn by the renderer
 * registered as INTERVAL_RENDER_ITEM (`interval-render-item.ts`, in the lazily loaded chart
 * chunk): a plan stays plain data, as the chart worker must clone it.
 */
import type { CustomSeriesOption, EChartsOption } from 'echarts';
import { axisStyle, baseOption, INK, type ChartTheme } from './chart-style';
import type { Ladder } from './ladder-rungs';
import type { VisualizationSpec } from './visualization';

export const INTERVAL_RENDER_ITEM = 'kqlw-interval';

/**
 * Height one line needs: a 12 px label needs ~15 px (at an 800 px window the result pane's plot is
 * ~120 px tall, where 15 lines overprinted — seen in the e2e captures).
 */
export const LINE_HEIGHT_PX = 15;

/** Lines shown before the renderer knows the plot's height (the plan is computed before it is drawn). */
export const VISIBLE_LINES = 8;

/** The line axis' scroll slider and its wheel scrolling, updated by linesWindow(). */
const LINES_SLIDER_ID = 'interval-lines-slider';
const LINES_INSIDE_ID = 'interval-lines-inside';

const GRID_RIGHT = { fits: 24, scrolls: 32 };

/**
 * The update that shows as many lines as a chart `chartHeight` px tall holds: every line when they
 * fit, else the first ones with the scroll slider. Null for an option without a line axis (not an
 * interval chart). The renderer applies it when the chart is drawn and on every resize.
 */
export function linesWindow(option: EChartsOption, chartHeight: number): EChartsOption | null {
  const zooms = Array.isArray(option.dataZoom) ? option.dataZoom : [];
  if (!zooms.some((z) => z.id === LINES_SLIDER_ID)) return null;
  const grid = option.grid as { top?: number; bottom?: number };
  const lines = ((option.yAxis as { data?: unknown[] }).data ?? []).length;
  const fit = Math.max(1, Math.floor((chartHeight - (grid.top ?? 0) - (grid.bottom ?? 0)) / LINE_HEIGHT_PX));
  const scrolls = lines > fit;
  return {
    grid: { right: scrolls ? GRID_RIGHT.scrolls : GRID_RIGHT.fits },
    dataZoom: [
      { id: LINES_SLIDER_ID, show: scrolls, startValue: 0, endValue: (scrolls ? fit : lines) - 1 },
      { id: LINES_INSIDE_ID, disabled: !scrolls },
    ],
  };
}

export interface IntervalChartSettings {
  /** A zoom slider under the time axis and wheel/drag zoom on the plot (time pivot's navigation). */
  zoom: boolean;
  /** A legend of the colours; off when the colours only tell lines apart. */
  legend: boolean;
}

export function intervalChartOption(ladder: Ladder, spec: VisualizationSpec, theme: ChartTheme, settings: IntervalChartSettings): EChartsOption {
  const style = axisStyle(theme);
  const base = baseOption(spec, theme);
  const bySeries = ladder.series.map(() => [] as [number, number, number][]);
  for (const rung of ladder.rungs) bySeries[rung.series]!.push([rung.line, rung.start, rung.end]);
  const timeType = ladder.axis === 'time' ? ('time' as const) : ('number' as const);
  const series = ladder.series.map(
    (key, k) =>
      ({
        type: 'custom',
        name: key === '' ? `${ladder.startName} – ${ladder.endName}` : key,
        renderItem: INTERVAL_RENDER_ITEM as unknown as CustomSeriesOption['renderItem'],
        dimensions: [
          { name: 'line', type: 'ordinal' },
          { name: ladder.startName, type: timeType },
          { name: ladder.endName, type: timeType },
        ],
        encode: { x: [1, 2], y: 0, tooltip: [1, 2] },
        data: bySeries[k]!,
      }) satisfies CustomSeriesOption,
  );
  const legend = settings.legend && ladder.series.some((key) => key !== '');
  const top = spec.title ? 40 : 16;
  const ink = INK[theme];
  const slider = {
    type: 'slider' as const,
    filterMode: 'weakFilter' as const,
    backgroundColor: 'transparent',
    borderColor: ink.split,
    fillerColor: theme === 'dark' ? 'rgba(79, 168, 232, 0.25)' : 'rgba(0, 114, 178, 0.15)',
    handleStyle: { color: ink.tooltip, borderColor: ink.axis },
    moveHandleStyle: { color: ink.axis },
    textStyle: { color: ink.muted },
    dataBackground: { lineStyle: { color: ink.axis }, areaStyle: { color: ink.split } },
  };
  return {
    ...base,
    legend: { ...(base.legend as object), show: legend && spec.legend === 'visible' },
    tooltip: { ...base.tooltip, trigger: 'item' },
    grid: {
      top,
      bottom: (settings.zoom ? 56 : 24) + (legend && spec.legend === 'visible' ? 24 : 0),
      left: 16,
      right: ladder.lines.length > VISIBLE_LINES ? GRID_RIGHT.scrolls : GRID_RIGHT.fits,
      // Line labels are as long as the data makes them: keep them inside the chart.
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: {
      ...style,
      type: ladder.axis,
      name: spec.xTitle ?? undefined,
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: {
      ...style,
      type: 'category',
      data: ladder.lines,
      inverse: true,
      name: spec.yTitle ?? undefined,
      axisLabel: { ...style.axisLabel, width: 220, overflow: 'truncate' },
      splitLine: { ...style.splitLine, show: true },
    },
    dataZoom: [
      ...(settings.zoom
        ? [
            { ...slider, xAxisIndex: 0, bottom: legend && spec.legend === 'visible' ? 32 : 8, height: 20 },
            { type: 'inside' as const, xAxisIndex: 0, filterMode: 'weakFilter' as const },
          ]
        : []),
      // Lines that do not fit the plot's height scroll (slider, wheel) instead of overprinting; the
      // renderer sizes the window to the plot (linesWindow), VISIBLE_LINES until it knows it.
      ...(ladder.lines.length > 1
        ? [
            {
              ...slider,
              id: LINES_SLIDER_ID,
              show: ladder.lines.length > VISIBLE_LINES,
              yAxisIndex: 0,
              startValue: 0,
              endValue: Math.min(ladder.lines.length, VISIBLE_LINES) - 1,
              right: 4,
              width: 14,
              showDetail: false,
            },
            {
              type: 'inside' as const,
              id: LINES_INSIDE_ID,
              disabled: ladder.lines.length <= VISIBLE_LINES,
              yAxisIndex: 0,
              zoomOnMouseWheel: false,
              moveOnMouseWheel: true,
              moveOnMouseMove: false,
              filterMode: 'weakFilter' as const,
            },
          ]
        : []),
    ],
    series,
  };
}
