/**
 * `render ladderchart`: "the last two columns are the x-axis, and the other columns are the y-axis"
 * (docs "Ladder chart"; its examples: `summarize min(StartTime), max(EndTime) by State`). Each row
 * is one rung: an interval from the first of those two columns to the second, on the line named by
 * the row's other columns. Columns named by `series` colour the rungs instead of naming lines
 * (the docs' `with (series=State, EventType)`); when every other column is a series column, the
 * series names the line too.
 */
import { cellToNumber, cellToTime, findColumns, roleOf, rowKey, type ChartTable, type ColumnRole } from './chart-data';

export interface Rung {
  /** Position of the rung's line in `lines`. */
  line: number;
  start: number;
  end: number;
  /** Position of the rung's colour in `series`. */
  series: number;
}

export interface Ladder {
  /** Line labels, in the order rows first name them (drawn top to bottom). */
  lines: string[];
  /** Series keys ('' when the query names no series). */
  series: string[];
  rungs: Rung[];
  /** The x axis: datetimes (epoch ms) or plain numbers. */
  axis: 'time' | 'value';
  startName: string;
  endName: string;
}

function endpoint(role: ColumnRole): ((cell: Parameters<typeof cellToTime>[0]) => number | null) | null {
  if (role === 'datetime') return cellToTime;
  if (role === 'numeric') return cellToNumber;
  return null;
}

/** The ladder of a result table, or why there is none. Rows without both ends are left out (noted). */
export function ladderRungs(table: ChartTable, seriesNames: readonly string[], notes: string[]): Ladder | string {
  const n = table.columns.length;
  if (n < 2) return 'A ladder chart needs two columns for the start and end of each interval.';
  const startIndex = n - 2;
  const endIndex = n - 1;
  const startRole = roleOf(table, startIndex);
  const endRole = roleOf(table, endIndex);
  const readStart = endpoint(startRole);
  const readEnd = endpoint(endRole);
  if (!readStart || !readEnd || startRole !== endRole) {
    return `A ladder chart draws intervals from its last two columns; "${table.columns[startIndex]!.name}" and "${table.columns[endIndex]!.name}" must both be datetimes or both numbers.`;
  }

  const seriesColumns = findColumns(table, seriesNames, 'series', notes).filter((i) => i < startIndex);
  const labelColumns = Array.from({ length: startIndex }, (_, i) => i).filter((i) => !seriesColumns.includes(i));
  const nameColumns = labelColumns.length > 0 ? labelColumns : seriesColumns;
  const lineOf = rowKey(table, nameColumns);
  const seriesOf = rowKey(table, seriesColumns);

  const lines = new Map<string, number>();
  const series = new Map<string, number>();
  const rungs: Rung[] = [];
  const starts = table.column(startIndex);
  const ends = table.column(endIndex);
  let missing = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const a = readStart(starts[r]);
    const b = readEnd(ends[r]);
    if (a === null || b === null || Number.isNaN(a) || Number.isNaN(b)) {
      missing++;
      continue;
    }
    const label = nameColumns.length > 0 ? lineOf(r) : String(r + 1);
    const key = seriesOf(r);
    if (!lines.has(label)) lines.set(label, lines.size);
    if (!series.has(key)) series.set(key, series.size);
    rungs.push({ line: lines.get(label)!, start: Math.min(a, b), end: Math.max(a, b), series: series.get(key)! });
  }
  if (missing > 0) notes.push(`${missing} row${missing === 1 ? '' : 's'} without a start or end left out.`);
  if (rungs.length === 0) return 'No rows have both a start and an end.';
  return {
    lines: [...lines.keys()],
    series: [...series.keys()],
    rungs,
    axis: startRole === 'datetime' ? 'time' : 'value',
    startName: table.columns[startIndex]!.name,
    endName: table.columns[endIndex]!.name,
  };
}
