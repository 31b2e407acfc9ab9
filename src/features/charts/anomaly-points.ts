/**
 * `render anomalychart`: a timechart whose anomalies are marked as points. The docs (render
 * operator, "anomalycolumns") name the columns of anomaly flags that are "displayed as points on
 * the chart"; series_decompose_anomalies writes them as +1 (up), -1 (down) and 0 (none). This file
 * decides which columns hold the flags, which drawn column each one marks, and where the points go.
 */
import { cellToNumber, findColumns, roleOf, type ChartCell, type ChartTable } from './chart-data';

/** Names that read as anomaly flags when the query gives no `anomalycolumns` (render lets a client guess). */
const ANOMALY_NAME = /anomal/i;

function holdsOnlyFlags(cells: ArrayLike<ChartCell>, rowCount: number): boolean {
  for (let r = 0; r < rowCount; r++) {
    const v = cellToNumber(cells[r]);
    if (v !== null && v !== 0 && v !== 1 && v !== -1) return false;
  }
  return true;
}

/**
 * Indices of the anomaly-flag columns: those `anomalycolumns` names (a note for each missing or
 * non-numeric one), or else every numeric column whose name contains "anomal" and whose values are
 * all -1, 0, 1 or null.
 */
export function anomalyColumns(table: ChartTable, requested: readonly string[], notes: string[]): number[] {
  const numeric = (i: number) => roleOf(table, i) === 'numeric';
  if (requested.length > 0) {
    return findColumns(table, requested, 'anomalycolumns', notes).filter((i) => {
      if (!numeric(i)) notes.push(`anomalycolumns: "${table.columns[i]!.name}" is not numeric and is not drawn.`);
      return numeric(i);
    });
  }
  return table.columns
    .map((_, i) => i)
    .filter((i) => numeric(i) && ANOMALY_NAME.test(table.columns[i]!.name) && holdsOnlyFlags(table.column(i), table.rowCount));
}

/**
 * Which drawn y column each anomaly column marks, by position: the k-th anomaly column marks the
 * k-th y column, or the first when there are fewer y columns (one series with its flags is the
 * shape series_decompose_anomalies gives: `extend anomalies = series_decompose_anomalies(y)`).
 * Returns positions in `ys`.
 */
export function anomalyTargets(ys: readonly number[], anomalies: readonly number[]): number[] {
  return anomalies.map((_, k) => (k < ys.length ? k : 0));
}

/**
 * The points to mark for one series: `[x, y, flag]` for each of `rows` whose flag is non-zero and
 * whose x (epoch ms, NaN for none) and y are numbers, in order of x. The flag keeps its sign (+1 a
 * spike, -1 a dip).
 */
export function anomalyPoints(
  xs: ArrayLike<number>,
  ys: ArrayLike<ChartCell>,
  flags: ArrayLike<ChartCell>,
  rows: readonly number[],
): [number, number, number][] {
  const points: [number, number, number][] = [];
  for (const r of rows) {
    const flag = cellToNumber(flags[r]);
    if (flag === null || flag === 0 || Number.isNaN(flag)) continue;
    const x = xs[r]!;
    const y = cellToNumber(ys[r]);
    if (Number.isNaN(x) || y === null || !Number.isFinite(y)) continue;
    points.push([x, y, Math.sign(flag)]);
  }
  return points.sort((a, b) => a[0] - b[0]);
}
