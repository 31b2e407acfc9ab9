/**
 * `render` spec + result table → an ECharts option (plain data; the view passes it to setOption).
 *
 * Column roles follow the render operator (DOCS `kusto/query/render-operator.md`): x is `xcolumn`
 * or the first suitable column (the first datetime for timechart); y is `ycolumns` or every numeric
 * column that isn't x or a series column; series are `series` or the remaining string columns,
 * and each distinct combination of their values is one line. The docs let a client guess what the
 * query leaves out; the guesses here match the web UI's for the common shapes.
 */
import type {
  BarSeriesOption,
  EChartsOption,
  LineSeriesOption,
  PieSeriesOption,
  ScatterSeriesOption,
  XAXisComponentOption,
  YAXisComponentOption,
} from 'echarts';
import { cellToLabel, cellToNumber, cellToTime, columnRole, findColumns, groupRows, roleOf, type ChartCell, type ChartTable, type ColumnRole, type RowGroup } from './chart-data';
import { lttb, pointBudget } from './downsample';
import { unrollSeriesArrays } from './series-arrays';
import { anomalyColumns, anomalyPoints, anomalyTargets } from './anomaly-points';
import { axisStyle, baseOption, INK, type ChartTheme } from './chart-style';
import { intervalChartOption, type IntervalChartSettings } from './interval-options';
import { ladderRungs, type Ladder } from './ladder-rungs';
import { pivotSummary, pivotTable } from './pivot-summary';
import { timepivotLanes } from './timepivot-lanes';
import { treemapOption } from './treemap-options';
import { treemapTree } from './treemap-tree';
import type { VisualizationSpec } from './visualization';

export type { ChartTheme } from './chart-style';

export interface ChartSettings {
  /** Plot width in CSS pixels; lines are downsampled to two points per pixel. */
  plotWidth?: number;
  /** Most lines drawn; a query that splits into thousands of series is unreadable and slow. */
  maxSeries?: number;
  /** Most pie slices; the smallest beyond it are summed into "Other". */
  maxPieSlices?: number;
}

export type ChartPlan =
  | { type: 'echarts'; option: EChartsOption; notes: string[] }
  | { type: 'card'; label: string; value: string; notes: string[] }
  | { type: 'table'; notes: string[] };

const DEFAULTS = { plotWidth: 800, maxSeries: 100, maxPieSlices: 50 };

export function toChartOptions(spec: VisualizationSpec, table: ChartTable, theme: ChartTheme, settings: ChartSettings = {}): ChartPlan {
  const notes: string[] = spec.note ? [spec.note] : [];
  const s = { ...DEFAULTS, ...settings };
  if (spec.visualization === 'table') return { type: 'table', notes };
  if (table.rowCount === 0) return { type: 'table', notes: [...notes, 'No rows to chart.'] };
  if (spec.visualization === 'card') return toCard(spec, table, notes);
  if (spec.kind === 'map' && (spec.visualization === 'piechart' || spec.visualization === 'scatterchart')) {
    notes.push('Maps are not drawn; showing a plain chart.');
  }
  if (spec.visualization === 'piechart') return toPie(spec, table, theme, s, notes);
  if (spec.visualization === 'treemap') return toTreemap(spec, table, theme, notes);
  if (spec.visualization === 'ladderchart') return toIntervals(ladderRungs(table, spec.series, notes), spec, theme, s, notes, { zoom: false, legend: true });
  if (spec.visualization === 'timepivot') return toIntervals(timepivotLanes(table, spec, notes), spec, theme, s, notes, { zoom: true, legend: false });
  if (spec.visualization === 'pivotchart') return toPivot(spec, table, theme, s, notes);
  // make-series rows (arrays per row) are drawn one point per element.
  return toAxisChart(spec, unrollSeriesArrays(table) ?? table, theme, s, notes);
}

// ---------------------------------------------------------------------------------------------
// Kusto.Explorer's kinds: treemap, ladderchart, timepivot, pivotchart

function toTreemap(spec: VisualizationSpec, table: ChartTable, theme: ChartTheme, notes: string[]): ChartPlan {
  const tree = treemapTree(table, spec, notes);
  if (typeof tree === 'string') return { type: 'table', notes: [...notes, tree] };
  const sizeName = spec.yColumns[0] ?? table.columns.find((c) => columnRole(c.type) === 'numeric')?.name ?? '';
  return { type: 'echarts', option: treemapOption(tree, sizeName, spec, theme), notes };
}

function toIntervals(
  ladder: Ladder | string,
  spec: VisualizationSpec,
  theme: ChartTheme,
  s: typeof DEFAULTS,
  notes: string[],
  settings: IntervalChartSettings,
): ChartPlan {
  if (typeof ladder === 'string') return { type: 'table', notes: [...notes, ladder] };
  let shown = ladder;
  // A line per row: past a few hundred the labels overlap and say nothing.
  const maxLines = s.maxSeries * 5;
  if (ladder.lines.length > maxLines) {
    notes.push(`Showing ${maxLines} of ${ladder.lines.length} lines.`);
    shown = { ...ladder, lines: ladder.lines.slice(0, maxLines), rungs: ladder.rungs.filter((r) => r.line < maxLines) };
  }
  return { type: 'echarts', option: intervalChartOption(shown, spec, theme, settings), notes };
}

function toPivot(spec: VisualizationSpec, table: ChartTable, theme: ChartTheme, s: typeof DEFAULTS, notes: string[]): ChartPlan {
  const summary = pivotSummary(table, spec, notes);
  if (typeof summary === 'string') return { type: 'table', notes: [...notes, summary] };
  const columns = summary.columnName === '' ? '' : ` and ${summary.columnName}`;
  notes.push(`Pivot: ${summary.valueName} by ${summary.rowName}${columns}.`);
  const drawn: VisualizationSpec = {
    ...spec,
    visualization: 'columnchart',
    xColumn: null,
    yColumns: [],
    series: [],
    yTitle: spec.yTitle ?? summary.valueName,
  };
  return toAxisChart(drawn, pivotTable(summary), theme, s, notes);
}

// ---------------------------------------------------------------------------------------------
// Card and pie

function formatCell(table: ChartTable, column: number, row: number): string {
  const cell = table.column(column)[row];
  if (cell === null || cell === undefined) return '';
  const role = roleOf(table, column);
  if (role === 'numeric' && (typeof cell === 'number' || typeof cell === 'bigint')) {
    return cell.toLocaleString('en-US', { maximumFractionDigits: 6 });
  }
  return cellToLabel(cell, role);
}

function toCard(spec: VisualizationSpec, table: ChartTable, notes: string[]): ChartPlan {
  const column = table.columns[0];
  if (!column) return { type: 'table', notes: [...notes, 'The result has no columns.'] };
  return { type: 'card', label: spec.title ?? column.name, value: formatCell(table, 0, 0), notes };
}

function toPie(spec: VisualizationSpec, table: ChartTable, theme: ChartTheme, s: typeof DEFAULTS, notes: string[]): ChartPlan {
  const explicitX = spec.xColumn ? findColumns(table, [spec.xColumn], 'xcolumn', notes) : [];
  const labelIndex = explicitX[0] ?? 0;
  const explicitY = findColumns(table, spec.yColumns, 'ycolumns', notes).filter((i) => roleOf(table, i) === 'numeric');
  const valueIndex = explicitY[0] ?? table.columns.findIndex((c, i) => i !== labelIndex && columnRole(c.type) === 'numeric');
  if (valueIndex === -1) return { type: 'table', notes: [...notes, 'A pie chart needs a numeric column.'] };

  const labels = table.column(labelIndex);
  const values = table.column(valueIndex);
  const labelRole = roleOf(table, labelIndex);
  const sums = new Map<string, number>();
  let negatives = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const v = cellToNumber(values[r]);
    if (v === null || !Number.isFinite(v)) continue;
    if (v < 0) {
      negatives++;
      continue;
    }
    const label = cellToLabel(labels[r], labelRole);
    sums.set(label, (sums.get(label) ?? 0) + v);
  }
  if (negatives > 0) notes.push(`${negatives} negative value${negatives === 1 ? '' : 's'} left out of the pie.`);

  let slices = [...sums].map(([name, value]) => ({ name, value }));
  if (slices.length > s.maxPieSlices) {
    const ranked = [...slices].sort((a, b) => b.value - a.value);
    const kept = new Set(ranked.slice(0, s.maxPieSlices - 1).map((d) => d.name));
    const other = ranked.slice(s.maxPieSlices - 1).reduce((sum, d) => sum + d.value, 0);
    notes.push(`${slices.length - kept.size} smallest slices are summed into "Other".`);
    slices = [...slices.filter((d) => kept.has(d.name)), { name: 'Other', value: other }];
  }

  const series: PieSeriesOption = {
    type: 'pie',
    name: table.columns[valueIndex]?.name ?? '',
    radius: '65%',
    center: ['50%', '50%'],
    data: slices,
    label: { color: INK[theme].text },
    labelLine: { lineStyle: { color: INK[theme].axis } },
  };
  const option = baseOption(spec, theme);
  return { type: 'echarts', option: { ...option, tooltip: { ...option.tooltip, trigger: 'item' }, series: [series] }, notes };
}

// ---------------------------------------------------------------------------------------------
// Axis charts

interface Roles {
  x: number;
  ys: number[];
  series: number[];
}

type StackMode = 'none' | 'stacked' | 'stacked100';

interface Shape {
  seriesType: 'line' | 'bar' | 'scatter';
  area: boolean;
  stack: StackMode;
  horizontal: boolean;
  categoryX: boolean;
}

function shapeOf(spec: VisualizationSpec): Shape {
  const stack: StackMode = spec.kind === 'stacked' || spec.kind === 'stacked100' ? spec.kind : 'none';
  switch (spec.visualization) {
    case 'areachart':
      return { seriesType: 'line', area: true, stack, horizontal: false, categoryX: false };
    case 'stackedareachart':
      return { seriesType: 'line', area: true, stack: stack === 'none' ? 'stacked' : stack, horizontal: false, categoryX: false };
    case 'columnchart':
      return { seriesType: 'bar', area: false, stack, horizontal: false, categoryX: true };
    case 'barchart':
      return { seriesType: 'bar', area: false, stack, horizontal: true, categoryX: true };
    case 'scatterchart':
      return { seriesType: 'scatter', area: false, stack: 'none', horizontal: false, categoryX: false };
    default:
      return { seriesType: 'line', area: false, stack: 'none', horizontal: false, categoryX: false };
  }
}

/** Charts whose x axis is the first datetime column unless xcolumn says otherwise. */
const TIME_X = new Set(['timechart', 'anomalychart']);

/** `exclude`: columns with another job (anomaly flags) that are neither x, y nor series. */
function resolveRoles(spec: VisualizationSpec, table: ChartTable, notes: string[], exclude: readonly number[] = []): Roles | string {
  const explicitY = findColumns(table, spec.yColumns, 'ycolumns', notes).filter((i) => !exclude.includes(i));
  const explicitSeries = findColumns(table, spec.series, 'series', notes).filter((i) => !exclude.includes(i));
  const explicitX = spec.xColumn ? findColumns(table, [spec.xColumn], 'xcolumn', notes) : [];
  const taken = (i: number) => explicitY.includes(i) || explicitSeries.includes(i) || exclude.includes(i);

  let x = explicitX[0] ?? -1;
  if (x === -1) {
    x =
      TIME_X.has(spec.visualization)
        ? table.columns.findIndex((c, i) => !taken(i) && columnRole(c.type) === 'datetime')
        : table.columns.findIndex((_, i) => !taken(i));
  }
  if (x === -1) {
    return TIME_X.has(spec.visualization) ? 'A time chart needs a datetime column for its x-axis.' : 'No column is left for the x-axis.';
  }

  let ys = explicitY.filter((i) => i !== x);
  for (const i of ys) {
    if (roleOf(table, i) !== 'numeric') notes.push(`ycolumns: "${table.columns[i]!.name}" is not numeric and is not drawn.`);
  }
  ys = ys.filter((i) => roleOf(table, i) === 'numeric');
  const series = explicitSeries.length > 0 ? explicitSeries.filter((i) => i !== x) : [];
  if (explicitY.length === 0) {
    ys = table.columns.map((_, i) => i).filter((i) => i !== x && !series.includes(i) && !exclude.includes(i) && roleOf(table, i) === 'numeric');
  }
  if (ys.length === 0) return 'No numeric column to plot.';
  if (explicitSeries.length === 0) {
    series.push(...table.columns.map((_, i) => i).filter((i) => i !== x && !ys.includes(i) && roleOf(table, i) === 'text'));
  }
  return { x, ys, series };
}

type XAxisKind = 'category' | 'time' | 'value' | 'log';

function xAxisKind(spec: VisualizationSpec, shape: Shape, role: ColumnRole): XAxisKind {
  if (shape.categoryX) return 'category';
  if (role === 'datetime') return 'time';
  if (role === 'numeric') return spec.xAxis === 'log' ? 'log' : 'value';
  return 'category';
}

interface Line {
  name: string;
  yIndex: number; // position in roles.ys
  data: (number | null)[] | [number, number | null][] | [number, number, number][];
  points: number;
  /** Anomaly marks of an anomalychart: points on top of the line they belong to. */
  marks?: boolean;
}

function accumulateInPlace(values: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    sum += v;
    values[i] = sum;
  }
}

function toPercentOfTotal(columns: Float64Array[], length: number): void {
  for (let i = 0; i < length; i++) {
    let total = 0;
    for (const c of columns) if (!Number.isNaN(c[i]!)) total += c[i]!;
    for (const c of columns) c[i] = total === 0 || Number.isNaN(c[i]!) ? Number.NaN : (c[i]! / total) * 100;
  }
}

function nullIfGap(v: number, logY: boolean): number | null {
  return Number.isNaN(v) || (logY && v <= 0) ? null : v;
}

function toAxisChart(spec: VisualizationSpec, table: ChartTable, theme: ChartTheme, s: typeof DEFAULTS, notes: string[]): ChartPlan {
  const anomalies = spec.visualization === 'anomalychart' ? anomalyColumns(table, spec.anomalyColumns, notes) : [];
  const roles = resolveRoles(spec, table, notes, anomalies);
  if (typeof roles === 'string') return { type: 'table', notes: [...notes, roles] };
  const shape = shapeOf(spec);
  const xRole = roleOf(table, roles.x);
  const xKind = xAxisKind(spec, shape, xRole);
  const logY = spec.yAxis === 'log';
  const budget = pointBudget(s.plotWidth);

  let groups = groupRows(table, roles.series);
  const maxGroups = Math.max(1, Math.floor(s.maxSeries / roles.ys.length));
  if (groups.length > maxGroups) {
    notes.push(`Showing ${maxGroups * roles.ys.length} of ${groups.length * roles.ys.length} series.`);
    groups = groups.slice(0, maxGroups);
  }
  const nameOf = (g: RowGroup, yIndex: number): string => {
    const yName = table.columns[roles.ys[yIndex]!]!.name;
    if (g.key === '' && roles.series.length === 0) return yName;
    return roles.ys.length === 1 ? g.key : `${g.key} (${yName})`;
  };
  const xCells = table.column(roles.x);
  const yCells = roles.ys.map((i) => table.column(i));

  let categories: string[] = [];
  const lines: Line[] = [];
  if (xKind === 'category') {
    const index = new Map<string, number>();
    const labels = new Array<string>(table.rowCount);
    for (let r = 0; r < table.rowCount; r++) {
      const label = cellToLabel(xCells[r], xRole);
      labels[r] = label;
      if (!index.has(label)) index.set(label, index.size);
    }
    categories = [...index.keys()];
    const columns: { name: string; yIndex: number; values: Float64Array }[] = [];
    for (const g of groups) {
      for (let k = 0; k < roles.ys.length; k++) {
        const values = new Float64Array(categories.length).fill(Number.NaN);
        for (const r of g.rows) {
          const v = cellToNumber(yCells[k]![r]);
          if (v === null) continue;
          const c = index.get(labels[r]!)!;
          // Several rows for one category in one series: the bar shows their sum.
          values[c] = Number.isNaN(values[c]!) ? v : values[c]! + v;
        }
        if (spec.accumulate) accumulateInPlace(values);
        columns.push({ name: nameOf(g, k), yIndex: k, values });
      }
    }
    if (shape.stack === 'stacked100') toPercentOfTotal(columns.map((c) => c.values), categories.length);
    for (const c of columns) {
      lines.push({ name: c.name, yIndex: c.yIndex, data: Array.from(c.values, (v) => nullIfGap(v, logY)), points: categories.length });
    }
  } else {
    const toX = xKind === 'time' ? cellToTime : cellToNumber;
    const xs = new Float64Array(table.rowCount);
    for (let r = 0; r < table.rowCount; r++) {
      const v = toX(xCells[r]);
      xs[r] = v === null || (xKind === 'log' && v <= 0) ? Number.NaN : v;
    }
    const source: XYLines = { groups, roles, xs, yCells, shape, spec, budget, nameOf, logY };
    lines.push(...(shape.stack !== 'none' ? alignedLines(source) : freeLines(source)));
    // Marks at the values as queried (not accumulated), every one kept: downsampling the line
    // must not hide an anomaly.
    const targets = anomalyTargets(roles.ys, anomalies);
    for (const g of groups) {
      anomalies.forEach((a, k) => {
        const yIndex = targets[k]!;
        const data = anomalyPoints(xs, yCells[yIndex]!, table.column(a), g.rows);
        if (data.length > 0) lines.push({ name: `${nameOf(g, yIndex)} · ${table.columns[a]!.name}`, yIndex, data, points: data.length, marks: true });
      });
    }
  }
  if (lines.length > 0 && lines.every((l) => l.points === 0)) return { type: 'table', notes: [...notes, 'No rows have values to chart.'] };

  return {
    type: 'echarts',
    option: assemble(spec, theme, shape, roles, table, xKind, categories, lines),
    notes,
  };
}

/** What the lines on a time or value axis are drawn from; `xs` is NaN where a row has no x. */
interface XYLines {
  groups: RowGroup[];
  roles: Roles;
  xs: Float64Array;
  yCells: ArrayLike<ChartCell>[];
  shape: Shape;
  spec: VisualizationSpec;
  budget: number;
  nameOf: (g: RowGroup, yIndex: number) => string;
  logY: boolean;
}

/** Lines on a time or value axis, each with its own x values, sorted and downsampled. */
function freeLines({ groups, roles, xs, yCells, shape, spec, budget, nameOf, logY }: XYLines): Line[] {
  const lines: Line[] = [];
  for (const g of groups) {
    const rows = g.rows.filter((r) => !Number.isNaN(xs[r]!));
    let sorted = true;
    for (let i = 1; i < rows.length && sorted; i++) if (xs[rows[i]!]! < xs[rows[i - 1]!]!) sorted = false;
    if (!sorted) rows.sort((a, b) => xs[a]! - xs[b]!);
    const px = Float64Array.from(rows, (r) => xs[r]!);
    for (let k = 0; k < roles.ys.length; k++) {
      const cells = yCells[k]!;
      const py = Float64Array.from(rows, (r) => cellToNumber(cells[r]) ?? Number.NaN);
      if (spec.accumulate) accumulateInPlace(py);
      const keep = shape.seriesType === 'line' && px.length > budget ? lttb(px, py, budget) : null;
      const count = keep ? keep.length : px.length;
      const data: [number, number | null][] = new Array(count);
      for (let i = 0; i < count; i++) {
        const at = keep ? keep[i]! : i;
        data[i] = [px[at]!, nullIfGap(py[at]!, logY)];
      }
      lines.push({ name: nameOf(g, k), yIndex: k, data, points: count });
    }
  }
  return lines;
}

/**
 * Stacked areas on a time or value axis. ECharts stacks by data index, not by x value, so every
 * line gets the same x values (a missing point counts as 0) and the same downsampled indices,
 * chosen on the stack's total.
 */
function alignedLines({ groups, roles, xs, yCells, shape, spec, budget, nameOf, logY }: XYLines): Line[] {
  const unique = Float64Array.from(new Set(Array.from(xs).filter((v) => !Number.isNaN(v)))).sort();
  const position = new Map<number, number>();
  unique.forEach((v, i) => position.set(v, i));
  const columns: { name: string; yIndex: number; values: Float64Array }[] = [];
  for (const g of groups) {
    for (let k = 0; k < roles.ys.length; k++) {
      const values = new Float64Array(unique.length);
      for (const r of g.rows) {
        const p = position.get(xs[r]!);
        const v = cellToNumber(yCells[k]![r]);
        if (p === undefined || v === null || Number.isNaN(v)) continue;
        values[p] = values[p]! + v;
      }
      if (spec.accumulate) accumulateInPlace(values);
      columns.push({ name: nameOf(g, k), yIndex: k, values });
    }
  }
  if (shape.stack === 'stacked100') toPercentOfTotal(columns.map((c) => c.values), unique.length);
  let keep: Uint32Array | null = null;
  if (unique.length > budget) {
    const total = new Float64Array(unique.length);
    for (const c of columns) for (let i = 0; i < total.length; i++) total[i] = total[i]! + (Number.isNaN(c.values[i]!) ? 0 : c.values[i]!);
    keep = lttb(unique, total, budget);
  }
  return columns.map((c) => {
    const count = keep ? keep.length : unique.length;
    const data: [number, number | null][] = new Array(count);
    for (let i = 0; i < count; i++) {
      const at = keep ? keep[i]! : i;
      data[i] = [unique[at]!, nullIfGap(c.values[at]!, logY)];
    }
    return { name: c.name, yIndex: c.yIndex, data, points: count };
  });
}

function assemble(
  spec: VisualizationSpec,
  theme: ChartTheme,
  shape: Shape,
  roles: Roles,
  table: ChartTable,
  xKind: XAxisKind,
  categories: string[],
  lines: Line[],
): EChartsOption {
  const style = axisStyle(theme);
  const panels = spec.ySplit === 'panels' && roles.ys.length > 1 ? roles.ys.length : 1;
  const valueAxesCount = spec.ySplit === 'none' ? 1 : roles.ys.length;
  const percent = shape.stack === 'stacked100';

  // The axis along which x runs ("domain") and the one that carries values. A bar chart is a
  // column chart turned on its side: its domain axis is ECharts' y axis.
  const domainAxes = Array.from({ length: panels }, (_, p) => ({
    ...style,
    type: xKind,
    gridIndex: p,
    name: p === panels - 1 ? (spec.xTitle ?? undefined) : undefined,
    nameLocation: 'middle' as const,
    nameGap: 28,
    ...(xKind === 'category' ? { data: categories } : {}),
    splitLine: { ...style.splitLine, show: xKind !== 'category' },
  }));
  const valueAxes = Array.from({ length: valueAxesCount }, (_, k) => {
    const panel = panels > 1 ? k : 0;
    const sideBySide = spec.ySplit === 'axes' && valueAxesCount > 1;
    const title = valueAxesCount > 1 ? table.columns[roles.ys[k]!]!.name : spec.yTitle;
    return {
      ...style,
      type: spec.yAxis === 'log' ? ('log' as const) : ('value' as const),
      gridIndex: panel,
      name: title ?? undefined,
      nameLocation: 'middle' as const,
      nameGap: 44,
      min: percent ? 0 : (spec.yMin ?? undefined),
      max: percent ? 100 : (spec.yMax ?? undefined),
      axisLabel: { ...style.axisLabel, ...(percent ? { formatter: '{value}%' } : {}) },
      ...(sideBySide ? { position: k % 2 === 0 ? ('left' as const) : ('right' as const), offset: Math.floor(k / 2) * 56 } : {}),
      splitLine: { ...style.splitLine, show: !sideBySide || k === 0 },
    };
  });

  const grid = Array.from({ length: panels }, (_, p) => {
    const top = spec.title ? 40 : 16;
    const bottom = spec.legend === 'visible' ? 48 : 24;
    if (panels === 1) return { top, bottom, left: 64, right: spec.ySplit === 'axes' ? 64 : 24 };
    const height = `${(100 - 12) / panels - 4}%`;
    return { top: `${((100 - 12) / panels) * p + 6}%`, height, left: 64, right: 24 };
  });

  const series = lines.map((line) => {
    const panel = panels > 1 ? line.yIndex : 0;
    const valueAxis = valueAxesCount > 1 ? line.yIndex : 0;
    const [xAxisIndex, yAxisIndex] = shape.horizontal ? [valueAxis, panel] : [panel, valueAxis];
    const common = { name: line.name, data: line.data, xAxisIndex, yAxisIndex, emphasis: { focus: 'series' as const } };
    const stack = shape.stack !== 'none' ? { stack: `total-${valueAxis}` } : {};
    if (line.marks) {
      return {
        ...common,
        type: 'scatter',
        symbolSize: 8,
        z: 3,
        itemStyle: { color: INK[theme].alert, borderColor: INK[theme].tooltip, borderWidth: 1 },
      } satisfies ScatterSeriesOption;
    }
    if (shape.seriesType === 'bar') {
      return { ...common, ...stack, type: 'bar', large: line.points > 2_000 } satisfies BarSeriesOption;
    }
    if (shape.seriesType === 'scatter') {
      return { ...common, type: 'scatter', symbolSize: 6, large: line.points > 2_000 } satisfies ScatterSeriesOption;
    }
    return {
      ...common,
      ...stack,
      type: 'line',
      showSymbol: line.points <= 100,
      connectNulls: false,
      lineStyle: { width: 1.5 },
      ...(shape.area ? { areaStyle: { opacity: shape.stack === 'none' ? 0.35 : 0.75 } } : {}),
    } satisfies LineSeriesOption;
  });

  const option = baseOption(spec, theme);
  const xAxis = (shape.horizontal ? valueAxes : domainAxes) as XAXisComponentOption[];
  const yAxis = (shape.horizontal ? domainAxes : valueAxes) as YAXisComponentOption[];
  return {
    ...option,
    grid,
    xAxis,
    yAxis,
    tooltip: { ...option.tooltip, trigger: shape.seriesType === 'scatter' ? 'item' : 'axis' },
    series,
  };
}
