import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import { chartTableFromColumns, type ChartCell } from './chart-data';
import { toChartOptions, type ChartPlan } from './chart-options';
import { parseVisualization, type VisualizationSpec } from './visualization';

function spec(visualization: string, properties: Record<string, unknown> = {}): VisualizationSpec {
  const parsed = parseVisualization({ Visualization: visualization, Ymin: 'NaN', Ymax: 'NaN', ...properties });
  if (!parsed) throw new Error('no spec');
  return parsed;
}

function col(name: string, type: string, values: ChartCell[]) {
  return { name, type, values };
}

function chart(plan: ChartPlan): EChartsOption {
  if (plan.type !== 'echarts') throw new Error(`expected a chart, got ${plan.type}: ${plan.notes.join(' ')}`);
  return plan.option;
}

interface SeriesLike {
  type?: string;
  name?: string;
  stack?: string;
  data?: unknown[];
  areaStyle?: unknown;
  yAxisIndex?: number;
  xAxisIndex?: number;
}
function seriesOf(option: EChartsOption): SeriesLike[] {
  return (Array.isArray(option.series) ? option.series : [option.series]) as SeriesLike[];
}
function axes(option: EChartsOption, which: 'xAxis' | 'yAxis'): { type?: string; min?: unknown; max?: unknown; name?: string; data?: unknown[] }[] {
  const a = option[which];
  return (Array.isArray(a) ? a : [a]) as { type?: string }[];
}

const t = (h: number) => `2007-01-01T${String(h).padStart(2, '0')}:00:00.0000000Z`;
const ms = (h: number) => Date.UTC(2007, 0, 1, h);

// Rows deliberately out of time order.
const storms = chartTableFromColumns([
  col('StartTime', 'datetime', [t(2), t(0), t(1), t(0), t(1), t(2)]),
  col('State', 'string', ['TEXAS', 'TEXAS', 'TEXAS', 'KANSAS', 'KANSAS', 'KANSAS']),
  col('Count', 'long', [3n, 1n, 2n, 10n, 20n, 30n]),
  col('Damage', 'real', [0.5, null, 1.5, 2, 3, 4]),
]);

const byState = chartTableFromColumns([
  col('State', 'string', ['TEXAS', 'KANSAS', 'IOWA']),
  col('Injuries', 'long', [30, 10, 0]),
  col('Deaths', 'int', [10, 10, 20]),
]);

describe('timechart', () => {
  it('draws one line per series value and y column on a time axis, sorted by time', () => {
    const option = chart(toChartOptions(spec('timechart'), storms, 'light'));
    const series = seriesOf(option);
    expect(series.map((s) => s.name)).toEqual(['TEXAS (Count)', 'TEXAS (Damage)', 'KANSAS (Count)', 'KANSAS (Damage)']);
    expect(series.every((s) => s.type === 'line' && s.stack === undefined && s.areaStyle === undefined)).toBe(true);
    expect(axes(option, 'xAxis')[0]?.type).toBe('time');
    expect(axes(option, 'yAxis')[0]?.type).toBe('value');
    expect(series[0]?.data).toEqual([
      [ms(0), 1],
      [ms(1), 2],
      [ms(2), 3],
    ]);
    expect(series[1]?.data).toEqual([
      [ms(0), null],
      [ms(1), 1.5],
      [ms(2), 0.5],
    ]);
  });

  it('names lines by series value alone with one y column', () => {
    const option = chart(toChartOptions(spec('timechart', { YColumns: 'Count' }), storms, 'light'));
    expect(seriesOf(option).map((s) => s.name)).toEqual(['TEXAS', 'KANSAS']);
  });

  it('names the line by the y column when there is no series column', () => {
    const table = chartTableFromColumns([col('t', 'datetime', [ms(0), ms(1)]), col('n', 'long', [1, 2])]);
    expect(seriesOf(chart(toChartOptions(spec('timechart'), table, 'light'))).map((s) => s.name)).toEqual(['n']);
  });

  it('finds the datetime column when it is not first, and honours explicit series', () => {
    const table = chartTableFromColumns([
      col('Kind', 'string', ['a', 'b']),
      col('Region', 'string', ['x', 'x']),
      col('When', 'datetime', [t(1), t(2)]),
      col('n', 'real', [1, 2]),
    ]);
    const option = chart(toChartOptions(spec('timechart', { Series: 'Region' }), table, 'light'));
    expect(seriesOf(option).map((s) => s.name)).toEqual(['x']);
    expect(seriesOf(option)[0]?.data).toEqual([
      [ms(1), 1],
      [ms(2), 2],
    ]);
  });

  it('falls back to the table without a datetime column', () => {
    const plan = toChartOptions(spec('timechart'), byState, 'light');
    expect(plan).toEqual({ type: 'table', notes: [expect.stringMatching(/datetime/)] });
  });

  it('falls back to the table without a numeric column', () => {
    const table = chartTableFromColumns([col('t', 'datetime', [ms(0)]), col('s', 'string', ['a'])]);
    expect(toChartOptions(spec('timechart'), table, 'light')).toEqual({ type: 'table', notes: ['No numeric column to plot.'] });
  });

  it('notes columns the render names that the result lacks', () => {
    const plan = toChartOptions(spec('timechart', { YColumns: 'Count,Nope' }), storms, 'light');
    expect(plan.notes).toEqual(['ycolumns: no column named "Nope".']);
    expect(seriesOf(chart(plan))).toHaveLength(2);
  });

  it('accumulates each series', () => {
    const option = chart(toChartOptions(spec('timechart', { YColumns: 'Count', Accumulate: true }), storms, 'light'));
    expect(seriesOf(option)[1]?.data).toEqual([
      [ms(0), 10],
      [ms(1), 30],
      [ms(2), 60],
    ]);
  });

  it('downsamples long lines to two points per pixel, keeping a spike', () => {
    const n = 20_000;
    const values = Array.from({ length: n }, (_, i) => (i === 12_345 ? 1_000 : Math.sin(i / 50)));
    const table = chartTableFromColumns([
      col('t', 'datetime', Array.from({ length: n }, (_, i) => ms(0) + i * 1000)),
      col('v', 'real', values),
    ]);
    const data = seriesOf(chart(toChartOptions(spec('timechart'), table, 'light', { plotWidth: 500 })))[0]?.data as [number, number][];
    expect(data).toHaveLength(1000);
    expect(data.some(([, y]) => y === 1_000)).toBe(true);
    expect(data[0]?.[0]).toBe(ms(0));
    expect(data.at(-1)?.[0]).toBe(ms(0) + (n - 1) * 1000);
  });

  it('caps the number of series', () => {
    const n = 30;
    const table = chartTableFromColumns([
      col('t', 'datetime', Array.from({ length: n }, () => ms(0))),
      col('k', 'string', Array.from({ length: n }, (_, i) => `k${i}`)),
      col('v', 'long', Array.from({ length: n }, (_, i) => i)),
    ]);
    const plan = toChartOptions(spec('timechart'), table, 'light', { maxSeries: 10 });
    expect(seriesOf(chart(plan))).toHaveLength(10);
    expect(plan.notes).toEqual(['Showing 10 of 30 series.']);
  });
});

describe('linechart and scatterchart', () => {
  const numeric = chartTableFromColumns([col('x', 'real', [3, 1, 2, 10]), col('y', 'long', [30, 10, 20, 100])]);

  it('puts a numeric x on a value axis, or a log axis when asked', () => {
    expect(axes(chart(toChartOptions(spec('linechart'), numeric, 'light')), 'xAxis')[0]?.type).toBe('value');
    expect(axes(chart(toChartOptions(spec('linechart', { XAxis: 'log' }), numeric, 'light')), 'xAxis')[0]?.type).toBe('log');
  });

  it('puts a string x on a category axis', () => {
    const option = chart(toChartOptions(spec('linechart'), byState, 'light'));
    expect(axes(option, 'xAxis')[0]).toMatchObject({ type: 'category', data: ['TEXAS', 'KANSAS', 'IOWA'] });
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['Injuries', [30, 10, 0]],
      ['Deaths', [10, 10, 20]],
    ]);
  });

  it('draws points for scatterchart with an item tooltip', () => {
    const option = chart(toChartOptions(spec('scatterchart'), numeric, 'light'));
    expect(seriesOf(option).map((s) => s.type)).toEqual(['scatter']);
    expect(seriesOf(option)[0]?.data).toHaveLength(4);
    expect((option.tooltip as { trigger?: string }).trigger).toBe('item');
  });
});

describe('columnchart and barchart', () => {
  it('draws one bar series per y column on a category x axis, unstacked by default', () => {
    const option = chart(toChartOptions(spec('columnchart'), byState, 'light'));
    const series = seriesOf(option);
    expect(series.map((s) => [s.type, s.name, s.stack])).toEqual([
      ['bar', 'Injuries', undefined],
      ['bar', 'Deaths', undefined],
    ]);
    expect(axes(option, 'xAxis')[0]?.type).toBe('category');
    expect(axes(option, 'yAxis')[0]?.type).toBe('value');
  });

  it('stacks with kind=stacked', () => {
    const series = seriesOf(chart(toChartOptions(spec('columnchart', { Kind: 'stacked' }), byState, 'light')));
    expect(new Set(series.map((s) => s.stack)).size).toBe(1);
    expect(series[0]?.stack).toBeDefined();
  });

  it('stacks to 100% with kind=stacked100', () => {
    const option = chart(toChartOptions(spec('columnchart', { Kind: 'stacked100' }), byState, 'light'));
    const [injuries, deaths] = seriesOf(option).map((s) => s.data as number[]);
    expect(injuries).toEqual([75, 50, 0]);
    expect(deaths).toEqual([25, 50, 100]);
    expect(axes(option, 'yAxis')[0]).toMatchObject({ min: 0, max: 100 });
  });

  it('sums rows that share a category and series', () => {
    const table = chartTableFromColumns([col('k', 'string', ['a', 'b', 'a']), col('v', 'long', [1, 2, 3])]);
    expect(seriesOf(chart(toChartOptions(spec('columnchart'), table, 'light')))[0]?.data).toEqual([4, 2]);
  });

  it('lays barchart on its side: categories on the y axis', () => {
    const option = chart(toChartOptions(spec('barchart', { Kind: 'stacked' }), byState, 'light'));
    expect(axes(option, 'xAxis')[0]?.type).toBe('value');
    expect(axes(option, 'yAxis')[0]).toMatchObject({ type: 'category', data: ['TEXAS', 'KANSAS', 'IOWA'] });
    expect(seriesOf(option).every((s) => s.type === 'bar' && s.stack !== undefined)).toBe(true);
  });

  it('splits columns by a string series column', () => {
    const table = chartTableFromColumns([
      col('Year', 'long', [2007, 2007, 2008]),
      col('Kind', 'string', ['Hail', 'Flood', 'Hail']),
      col('n', 'long', [5, 6, 7]),
    ]);
    const option = chart(toChartOptions(spec('columnchart', { XColumn: 'Year' }), table, 'light'));
    expect(axes(option, 'xAxis')[0]?.data).toEqual(['2007', '2008']);
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['Hail', [5, 7]],
      ['Flood', [6, null]],
    ]);
  });
});

describe('areachart and stackedareachart', () => {
  it('fills areas without stacking by default', () => {
    const series = seriesOf(chart(toChartOptions(spec('areachart', { YColumns: 'Count' }), storms, 'light')));
    expect(series.every((s) => s.type === 'line' && s.areaStyle !== undefined && s.stack === undefined)).toBe(true);
  });

  it('stacks stackedareachart on shared x values, a missing point counting as 0', () => {
    const table = chartTableFromColumns([
      col('t', 'datetime', [ms(0), ms(1), ms(0), ms(2)]),
      col('k', 'string', ['a', 'a', 'b', 'b']),
      col('v', 'long', [1, 2, 3, 4]),
    ]);
    const series = seriesOf(chart(toChartOptions(spec('stackedareachart'), table, 'light')));
    expect(series.map((s) => s.stack)).toEqual(['total-0', 'total-0']);
    expect(series.map((s) => s.data)).toEqual([
      [
        [ms(0), 1],
        [ms(1), 2],
        [ms(2), 0],
      ],
      [
        [ms(0), 3],
        [ms(1), 0],
        [ms(2), 4],
      ],
    ]);
  });

  it('stacks areachart to 100%', () => {
    const table = chartTableFromColumns([col('t', 'datetime', [ms(0), ms(0)]), col('k', 'string', ['a', 'b']), col('v', 'real', [1, 3])]);
    const option = chart(toChartOptions(spec('areachart', { Kind: 'stacked100' }), table, 'light'));
    expect(seriesOf(option).map((s) => (s.data as [number, number][])[0]?.[1])).toEqual([25, 75]);
  });
});

describe('piechart', () => {
  it('takes labels from the first column and values from the second, summing repeats', () => {
    const table = chartTableFromColumns([col('State', 'string', ['TX', 'KS', 'TX']), col('n', 'long', [1n, 2n, 3n])]);
    const option = chart(toChartOptions(spec('piechart'), table, 'light'));
    const series = seriesOf(option);
    expect(series).toHaveLength(1);
    expect(series[0]?.type).toBe('pie');
    expect(series[0]?.data).toEqual([
      { name: 'TX', value: 4 },
      { name: 'KS', value: 2 },
    ]);
    expect((option.tooltip as { trigger?: string }).trigger).toBe('item');
  });

  it('sums the smallest slices into Other past the cap', () => {
    const table = chartTableFromColumns([
      col('k', 'string', Array.from({ length: 12 }, (_, i) => `k${i}`)),
      col('n', 'long', Array.from({ length: 12 }, (_, i) => i + 1)),
    ]);
    const plan = toChartOptions(spec('piechart'), table, 'light', { maxPieSlices: 5 });
    const data = seriesOf(chart(plan))[0]?.data as { name: string; value: number }[];
    expect(data.map((d) => d.name)).toEqual(['k8', 'k9', 'k10', 'k11', 'Other']);
    expect(data.at(-1)?.value).toBe(1 + 2 + 3 + 4 + 5 + 6 + 7 + 8);
    expect(plan.notes).toHaveLength(1);
  });

  it('falls back to the table without a numeric column', () => {
    const table = chartTableFromColumns([col('a', 'string', ['x']), col('b', 'string', ['y'])]);
    expect(toChartOptions(spec('piechart'), table, 'light').type).toBe('table');
  });
});

describe('card, table and fallbacks', () => {
  it('shows the first value on a card', () => {
    const table = chartTableFromColumns([col('Total', 'long', [1234567n]), col('x', 'string', ['ignored'])]);
    expect(toChartOptions(spec('card'), table, 'light')).toEqual({ type: 'card', label: 'Total', value: '1,234,567', notes: [] });
    expect(toChartOptions(spec('card', { Title: 'Storms' }), table, 'dark')).toMatchObject({ label: 'Storms' });
  });

  it('keeps the table for table and for kinds that are not drawn, passing the note on', () => {
    expect(toChartOptions(spec('table'), byState, 'light')).toEqual({ type: 'table', notes: [] });
    const plan = toChartOptions(spec('plotly'), byState, 'light');
    expect(plan.type).toBe('table');
    expect(plan.notes[0]).toMatch(/plotly/);
  });

  it('shows the table when there are no rows', () => {
    const empty = chartTableFromColumns([col('t', 'datetime', []), col('n', 'long', [])]);
    expect(toChartOptions(spec('timechart'), empty, 'light')).toEqual({ type: 'table', notes: ['No rows to chart.'] });
  });
});

describe('render properties and theme', () => {
  it('turns animation off and shows time as UTC', () => {
    const option = chart(toChartOptions(spec('timechart'), storms, 'light'));
    expect(option.animation).toBe(false);
    expect(option.useUTC).toBe(true);
  });

  it('applies title, axis titles, legend, log y axis and y bounds', () => {
    const option = chart(
      toChartOptions(
        spec('linechart', { Title: 'Injuries', XTitle: 'State', YTitle: 'People', Legend: 'hidden', YAxis: 'log', Ymin: 1, Ymax: '1000' }),
        byState,
        'light',
      ),
    );
    expect((option.title as { text?: string }).text).toBe('Injuries');
    expect((option.legend as { show?: boolean }).show).toBe(false);
    expect(axes(option, 'xAxis')[0]?.name).toBe('State');
    expect(axes(option, 'yAxis')[0]).toMatchObject({ type: 'log', name: 'People', min: 1, max: 1000 });
    // a log axis cannot show 0
    expect(seriesOf(option)[0]?.data).toEqual([30, 10, null]);
  });

  it('leaves ymin/ymax unset when the service sends NaN', () => {
    const option = chart(toChartOptions(spec('linechart'), byState, 'light'));
    expect(axes(option, 'yAxis')[0]).toMatchObject({ min: undefined, max: undefined });
  });

  it('gives each y column its own axis with ysplit=axes, and its own panel with ysplit=panels', () => {
    const withAxes = chart(toChartOptions(spec('columnchart', { YSplit: 'axes' }), byState, 'light'));
    expect(axes(withAxes, 'yAxis')).toHaveLength(2);
    expect(seriesOf(withAxes).map((s) => s.yAxisIndex)).toEqual([0, 1]);

    const panels = chart(toChartOptions(spec('columnchart', { YSplit: 'panels' }), byState, 'light'));
    expect(panels.grid).toHaveLength(2);
    expect(axes(panels, 'xAxis')).toHaveLength(2);
    expect(seriesOf(panels).map((s) => [s.xAxisIndex, s.yAxisIndex])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('uses different colours for dark and light', () => {
    const light = chart(toChartOptions(spec('timechart'), storms, 'light'));
    const dark = chart(toChartOptions(spec('timechart'), storms, 'dark'));
    expect(light.color).not.toEqual(dark.color);
    expect((light.textStyle as { color?: string }).color).not.toBe((dark.textStyle as { color?: string }).color);
  });
});

describe('make-series output', () => {
  // `make-series n = count() default = 0 on StartTime from … to … step 1h by State | render timechart`
  const series = chartTableFromColumns([
    col('State', 'string', ['TEXAS', 'KANSAS']),
    col('n', 'dynamic', ['[1,0,3]', '[10,20,30]']),
    col('StartTime', 'dynamic', [JSON.stringify([t(0), t(1), t(2)]), JSON.stringify([t(0), t(1), t(2)])]),
  ]);

  it('draws one line per row, its array of values over its array of times', () => {
    const option = chart(toChartOptions(spec('timechart'), series, 'light'));
    expect(axes(option, 'xAxis')[0]?.type).toBe('time');
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['TEXAS', [[ms(0), 1], [ms(1), 0], [ms(2), 3]]],
      ['KANSAS', [[ms(0), 10], [ms(1), 20], [ms(2), 30]]],
    ]);
  });

  it('draws a linechart of several arrays per row, a missing element as a gap', () => {
    const two = chartTableFromColumns([
      col('x', 'dynamic', ['[1,2,3]']),
      col('a', 'dynamic', ['[5,null,7]']),
      col('b', 'dynamic', ['[1,1]']),
    ]);
    const option = chart(toChartOptions(spec('linechart'), two, 'light'));
    expect(seriesOf(option).map((s) => [s.name, s.data])).toEqual([
      ['a', [[1, 5], [2, null], [3, 7]]],
      ['b', [[1, 1], [2, 1], [3, null]]],
    ]);
  });
});

describe('anomalychart', () => {
  // The series_outliers docs example's shape: `summarize t = make_list(t), series = make_list(y) |
  // extend outliers = series_outliers(series) | extend pos_anomalies = array_iff(series_greater_equals(outliers, 1.5), 1, 0)
  // | render anomalychart with (xcolumn=t, ycolumns=series, anomalycolumns=pos_anomalies)`.
  const outliers = chartTableFromColumns([
    col('t', 'dynamic', [JSON.stringify([t(0), t(1), t(2), t(3)])]),
    col('series', 'dynamic', ['[1.5,22.5,2,3]']),
    col('outliers', 'dynamic', ['[0.1,9.8,0.2,-0.4]']),
    col('pos_anomalies', 'dynamic', ['[0,1,0,0]']),
  ]);

  it('draws the ycolumns line and marks the anomalycolumns points on it, the score column left out', () => {
    const option = chart(toChartOptions(spec('anomalychart', { XColumn: 't', YColumns: 'series', AnomalyColumns: 'pos_anomalies' }), outliers, 'light'));
    expect(axes(option, 'xAxis')[0]?.type).toBe('time');
    expect(seriesOf(option).map((s) => [s.type, s.name, s.data])).toEqual([
      ['line', 'series', [[ms(0), 1.5], [ms(1), 22.5], [ms(2), 2], [ms(3), 3]]],
      // The one flagged element, at its value on the line, with its flag.
      ['scatter', 'series · pos_anomalies', [[ms(1), 22.5, 1]]],
    ]);
  });

  it('guesses the flags column by its name and values when anomalycolumns is not given', () => {
    const table = chartTableFromColumns([
      col('Timestamp', 'datetime', [t(0), t(1), t(2)]),
      col('num', 'long', [5n, 90n, 1n]),
      col('anomalies', 'int', [0, 1, -1]),
    ]);
    const option = chart(toChartOptions(spec('anomalychart'), table, 'dark'));
    expect(seriesOf(option).map((s) => [s.type, s.name, s.data])).toEqual([
      ['line', 'num', [[ms(0), 5], [ms(1), 90], [ms(2), 1]]],
      ['scatter', 'num · anomalies', [[ms(1), 90, 1], [ms(2), 1, -1]]],
    ]);
  });

  it('falls back to the table without a datetime column, as a timechart does', () => {
    const plan = toChartOptions(spec('anomalychart'), byState, 'light');
    expect(plan).toEqual({ type: 'table', notes: ['A time chart needs a datetime column for its x-axis.'] });
  });
});
