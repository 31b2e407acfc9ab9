/**
 * `render timepivot`: "interactive navigation over the events time-line, pivoting on time axis"
 * (docs "Time pivot"; its example: flood events of some states `with (series=State)`, an older
 * version of the page wrote `with (xcolumn=State)`). One lane per value of the pivot columns, each
 * row an event on the lane at its time — from its first datetime column to the next one when the
 * row has two (StartTime, EndTime), else a moment.
 */
import { cellToTime, findColumn, findColumns, roleOf, rowKey, type ChartTable } from './chart-data';
import type { Ladder, Rung } from './ladder-rungs';

/** Label of the lane when the table has nothing to pivot on. */
export const ALL_ROWS = 'All rows';

export interface PivotColumns {
  series: readonly string[];
  xColumn: string | null;
}

/**
 * The lanes (labelled "value (events)", sorted by value) and events of a result table, or why
 * there are none. Pivot columns: `series`; else `xcolumn` when it is not a datetime; else the
 * first string column; else one lane.
 */
export function timepivotLanes(table: ChartTable, properties: PivotColumns, notes: string[]): Ladder | string {
  const role = (i: number) => roleOf(table, i);
  let pivot = findColumns(table, properties.series, 'series', notes);
  if (pivot.length === 0 && properties.xColumn) {
    const i = findColumn(table, properties.xColumn);
    if (i !== -1 && role(i) !== 'datetime') pivot = [i];
  }
  if (pivot.length === 0) {
    const text = table.columns.findIndex((_, i) => role(i) === 'text');
    if (text !== -1) pivot = [text];
  }
  const times = table.columns.map((_, i) => i).filter((i) => !pivot.includes(i) && role(i) === 'datetime');
  if (times.length === 0) return 'A time pivot needs a datetime column for its events.';
  const startIndex = times[0]!;
  const endIndex = times[1] ?? startIndex;

  const starts = table.column(startIndex);
  const ends = table.column(endIndex);
  const laneOf = rowKey(table, pivot);
  const byLane = new Map<string, { start: number; end: number }[]>();
  let missing = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const start = cellToTime(starts[r]);
    if (start === null) {
      missing++;
      continue;
    }
    const end = cellToTime(ends[r]) ?? start;
    const key = pivot.length === 0 ? ALL_ROWS : laneOf(r);
    let events = byLane.get(key);
    if (!events) byLane.set(key, (events = []));
    events.push({ start: Math.min(start, end), end: Math.max(start, end) });
  }
  if (missing > 0) notes.push(`${missing} row${missing === 1 ? '' : 's'} without a time left out.`);
  if (byLane.size === 0) return 'No rows have a time to place on the time line.';

  const keys = [...byLane.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rungs: Rung[] = [];
  keys.forEach((key, line) => {
    for (const e of byLane.get(key)!) rungs.push({ line, start: e.start, end: e.end, series: line });
  });
  return {
    lines: keys.map((key) => `${key} (${byLane.get(key)!.length})`),
    series: keys,
    rungs,
    axis: 'time',
    startName: table.columns[startIndex]!.name,
    endName: table.columns[endIndex]!.name,
  };
}
