/**
 * The `Visualization` row of `@ExtendedProperties`, written by `render`, as a typed spec.
 * Keys as the service writes them (PY deft.json, GO validFrames.json): Visualization, Title,
 * XColumn, Series, YColumns, AnomalyColumns, XTitle, YTitle, XAxis, YAxis, Legend, YSplit,
 * Accumulate, IsQuerySorted, Kind, Ymin, Ymax, Xmin, Xmax. monaco-kusto's getRenderInfo uses the
 * same names in lower case, so keys are matched case-insensitively.
 */

export type DrawnVisualization =
  | 'timechart'
  | 'linechart'
  | 'areachart'
  | 'stackedareachart'
  | 'barchart'
  | 'columnchart'
  | 'piechart'
  | 'scatterchart'
  | 'card'
  | 'table'
  | 'anomalychart'
  | 'ladderchart'
  | 'timepivot'
  | 'treemap'
  | 'pivotchart';

// ladderchart, pivotchart, timepivot and treemap are Kusto.Explorer's (the ADX web UI draws none
// of them); they are drawn here as that client describes them (docs "render operator").
const DRAWN = new Set<string>([
  'anomalychart',
  'ladderchart',
  'timepivot',
  'treemap',
  'pivotchart',
  'timechart',
  'linechart',
  'areachart',
  'stackedareachart',
  'barchart',
  'columnchart',
  'piechart',
  'scatterchart',
  'card',
  'table',
]);

export type ChartKind = 'default' | 'unstacked' | 'stacked' | 'stacked100' | 'map';

export interface VisualizationSpec {
  /** What to draw. A kind we can't draw becomes `table`, with `note` saying so. */
  visualization: DrawnVisualization;
  /** The visualization name as the query wrote it. */
  requested: string;
  note: string | null;
  kind: ChartKind;
  title: string | null;
  xColumn: string | null;
  yColumns: string[];
  series: string[];
  /** anomalychart: columns of anomaly flags (-1, 0, +1 as series_decompose_anomalies writes them). */
  anomalyColumns: string[];
  xTitle: string | null;
  yTitle: string | null;
  legend: 'visible' | 'hidden';
  xAxis: 'linear' | 'log';
  yAxis: 'linear' | 'log';
  /** null when unset (the service writes "NaN"). */
  yMin: number | null;
  yMax: number | null;
  ySplit: 'none' | 'axes' | 'panels';
  accumulate: boolean;
}

function readRecord(json: unknown): Record<string, unknown> | null {
  let value = json;
  // The Visualization value is a JSON string inside a dynamic column: parse it a second time.
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key.toLowerCase()] = v;
  return out;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function names(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v !== '');
  return [];
}

function bound(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  return (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
}

/**
 * The spec for one result table, or null when the query has no `render` (the service still sends
 * the row then, with every field null).
 */
export function parseVisualization(json: unknown): VisualizationSpec | null {
  const record = readRecord(json);
  if (record === null) return null;
  const requested = text(record['visualization']);
  if (requested === null) return null;
  const name = requested.toLowerCase();

  let visualization: DrawnVisualization = 'table';
  let note: string | null = null;
  if (DRAWN.has(name)) visualization = name as DrawnVisualization;
  else note = `Unknown visualization "${requested}"; showing the table.`;

  return {
    visualization,
    requested,
    note,
    kind: oneOf(record['kind'], ['default', 'unstacked', 'stacked', 'stacked100', 'map'], 'default'),
    title: text(record['title']),
    xColumn: text(record['xcolumn']),
    yColumns: names(record['ycolumns']),
    series: names(record['series']),
    anomalyColumns: names(record['anomalycolumns']),
    xTitle: text(record['xtitle']),
    yTitle: text(record['ytitle']),
    legend: oneOf(record['legend'], ['visible', 'hidden'], 'visible'),
    xAxis: oneOf(record['xaxis'], ['linear', 'log'], 'linear'),
    yAxis: oneOf(record['yaxis'], ['linear', 'log'], 'linear'),
    yMin: bound(record['ymin']),
    yMax: bound(record['ymax']),
    ySplit: oneOf(record['ysplit'], ['none', 'axes', 'panels'], 'none'),
    accumulate: record['accumulate'] === true || record['accumulate'] === 'true',
  };
}
