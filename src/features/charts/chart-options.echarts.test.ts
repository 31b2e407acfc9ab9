/**
 * The options are plain data, so a typo'd key or a wrong axis index only shows when ECharts reads
 * them. Render each kind with ECharts' server-side SVG renderer and look for drawn marks.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as echarts from 'echarts';
import { chartTableFromColumns, type ChartTable } from './chart-data';
import { toChartOptions } from './chart-options';
import { INTERVAL_RENDER_ITEM, VISIBLE_LINES } from './interval-options';
import { renderInterval } from './interval-render-item';
import { parseVisualization } from './visualization';

// As echarts-renderer.tsx does.
echarts.registerCustomSeries(INTERVAL_RENDER_ITEM, renderInterval);

const hour = 3_600_000;
const table = chartTableFromColumns([
  { name: 'StartTime', type: 'datetime', values: Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2007, 0, 1) + (i % 24) * hour).toISOString()) },
  { name: 'State', type: 'string', values: Array.from({ length: 48 }, (_, i) => (i < 24 ? 'TEXAS' : 'KANSAS')) },
  { name: 'Count', type: 'long', values: Array.from({ length: 48 }, (_, i) => BigInt(1 + ((i * 7) % 13))) },
  { name: 'Damage', type: 'real', values: Array.from({ length: 48 }, (_, i) => (i % 5 === 0 ? null : i * 1.5)) },
]);

// Intervals in their last two columns (ladderchart), flags in a column named like anomalies.
const intervals = chartTableFromColumns([
  { name: 'State', type: 'string', values: ['TEXAS', 'KANSAS', 'TEXAS'] },
  { name: 'anomalies', type: 'int', values: [0, 1, -1] },
  { name: 'Count', type: 'long', values: [3n, 9n, 1n] },
  { name: 'StartTime', type: 'datetime', values: ['2007-01-01T00:00:00Z', '2007-01-03T00:00:00Z', '2007-01-02T00:00:00Z'] },
  { name: 'EndTime', type: 'datetime', values: ['2007-01-04T00:00:00Z', '2007-01-05T00:00:00Z', '2007-01-02T12:00:00Z'] },
]);

function renderSvg(visualization: string, properties: Record<string, unknown> = {}, input: ChartTable = table): string {
  const spec = parseVisualization({ Visualization: visualization, ...properties });
  if (!spec) throw new Error('no spec');
  const plan = toChartOptions(spec, input, 'dark', { plotWidth: 400 });
  if (plan.type !== 'echarts') throw new Error(`not a chart: ${plan.notes.join(' ')}`);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height: 360 });
  try {
    chart.setOption(plan.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

describe('ECharts accepts the options', () => {
  let warnings: unknown[][] = [];
  beforeEach(() => {
    warnings = [];
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void warnings.push(args));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([
    ['timechart', {}],
    ['timechart', { YAxis: 'log', Ymin: 1, Ymax: 100, Legend: 'hidden', Title: 'Storms', XTitle: 'Time', YTitle: 'n' }],
    ['timechart', { YSplit: 'axes' }],
    ['timechart', { YSplit: 'panels' }],
    ['linechart', { Accumulate: true }],
    ['areachart', {}],
    ['stackedareachart', {}],
    ['areachart', { Kind: 'stacked100' }],
    ['columnchart', { XColumn: 'State', YColumns: 'Count' }],
    ['columnchart', { Kind: 'stacked' }],
    ['barchart', { Kind: 'stacked100', XColumn: 'State' }],
    ['barchart', { YSplit: 'panels', XColumn: 'State' }],
    ['scatterchart', { XColumn: 'Damage', YColumns: 'Count' }],
    ['piechart', { XColumn: 'State', YColumns: 'Count' }],
  ])('%s %j', (visualization, properties) => {
    const svg = renderSvg(visualization, properties);
    expect(svg).toMatch(/^<svg/);
    // The first series is drawn in the theme's first colour.
    expect(svg.toLowerCase()).toMatch(/(fill|stroke)="(#4fa8e8|rgb\(79,\s*168,\s*232\))"/);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['pivotchart', {}, table],
    ['ladderchart', {}, intervals],
    ['ladderchart', { Series: 'State' }, intervals],
    ['timepivot', {}, intervals],
    ['anomalychart', {}, intervals],
  ] as const)('%s %j', (visualization, properties, input) => {
    const svg = renderSvg(visualization, properties, input);
    expect(svg).toMatch(/^<svg/);
    expect(svg.toLowerCase()).toMatch(/(fill|stroke)="(#4fa8e8|rgb\(79,\s*168,\s*232\))"/);
    expect(warnings).toEqual([]);
  });

  it('draws a treemap: a rectangle and a label per state, the first branch in the palette\'s first colour', () => {
    const counts = chartTableFromColumns([
      { name: 'EventType', type: 'string', values: ['Hail', 'Hail', 'Flood'] },
      { name: 'State', type: 'string', values: ['TEXAS', 'KANSAS', 'IOWA'] },
      { name: 'StormEvents', type: 'long', values: [300n, 120n, 40n] },
    ]);
    const svg = renderSvg('treemap', {}, counts);
    for (const name of ['Hail', 'Flood', 'TEXAS', 'KANSAS', 'IOWA']) expect(svg).toContain(`>${name}<`);
    expect(svg).toMatch(/fill="#4fa8e8" ecmeta_series_index="0" ecmeta_data_index="\d+" ecmeta_ssr_type="chart"/);
    expect(warnings).toEqual([]);
  });

  it('draws a bar per interval of a ladder chart, as wide as its interval', () => {
    const svg = renderSvg('ladderchart', { Series: 'State' }, intervals);
    // Three rows, three bars in the two series' colours; TEXAS has two, KANSAS one.
    const bars = [...svg.matchAll(/<path d="M([\d.]+) ([\d.]+)l([\d.]+) 0l0 ([\d.]+)l-[\d.]+ 0Z" fill="(#4fa8e8|#f0b429)" ecmeta_series_index/g)];
    expect(bars.map((b) => b[5])).toEqual(['#4fa8e8', '#4fa8e8', '#f0b429']);
    // TEXAS 1 Jan–4 Jan (3 days) is six times as wide as TEXAS 2 Jan 00:00–12:00 (half a day).
    expect(Number(bars[0]![3]) / Number(bars[1]![3])).toBeCloseTo(6, 1);
    expect(warnings).toEqual([]);
  });

  it('shows VISIBLE_LINES lines of a long ladder at once, the rest behind a scroll slider', () => {
    const n = 40;
    const long = chartTableFromColumns([
      { name: 'State', type: 'string', values: Array.from({ length: n }, (_, i) => `S${i}`) },
      { name: 'From', type: 'datetime', values: Array.from({ length: n }, () => '2007-01-01T00:00:00Z') },
      { name: 'To', type: 'datetime', values: Array.from({ length: n }, () => '2007-02-01T00:00:00Z') },
    ]);
    const svg = renderSvg('ladderchart', {}, long);
    const labels = [...svg.matchAll(/>(S\d+)</g)].map((m) => m[1]);
    expect(labels).toEqual(Array.from({ length: VISIBLE_LINES }, (_, i) => `S${i}`));
    expect(warnings).toEqual([]);
  });

  it('marks the anomalies of an anomaly chart in the alert colour', () => {
    const svg = renderSvg('anomalychart', {}, intervals);
    // Two non-zero flags → two marks on the plot (the legend draws their symbols too).
    expect(svg.match(/fill="#ff6b6b"[^>]*ecmeta_ssr_type="chart"/g)).toHaveLength(2);
  });
});
