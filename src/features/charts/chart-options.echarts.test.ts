/**
 * The options are plain data, so a typo'd key or a wrong axis index only shows when ECharts reads
 * them. Render each kind with ECharts' server-side SVG renderer and look for drawn marks.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as echarts from 'echarts';
import { chartTableFromColumns } from './chart-data';
import { toChartOptions } from './chart-options';
import { parseVisualization } from './visualization';

const hour = 3_600_000;
const table = chartTableFromColumns([
  { name: 'StartTime', type: 'datetime', values: Array.from({ length: 48 }, (_, i) => new Date(Date.UTC(2007, 0, 1) + (i % 24) * hour).toISOString()) },
  { name: 'State', type: 'string', values: Array.from({ length: 48 }, (_, i) => (i < 24 ? 'TEXAS' : 'KANSAS')) },
  { name: 'Count', type: 'long', values: Array.from({ length: 48 }, (_, i) => BigInt(1 + ((i * 7) % 13))) },
  { name: 'Damage', type: 'real', values: Array.from({ length: 48 }, (_, i) => (i % 5 === 0 ? null : i * 1.5)) },
]);

function renderSvg(visualization: string, properties: Record<string, unknown> = {}): string {
  const spec = parseVisualization({ Visualization: visualization, ...properties });
  if (!spec) throw new Error('no spec');
  const plan = toChartOptions(spec, table, 'dark', { plotWidth: 400 });
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
});
