/** How a cell's text is cut down for one grid line; the full value opens in the detail panel. */

import type { ColumnarColumn } from '../../kusto/types';

/**
 * Characters drawn per cell. Measuring and drawing a multi-megabyte string on every frame stalls
 * the canvas, and no column is wide enough to show more than this.
 */
export const DISPLAY_MAX_CHARS = 500;

/** One line of at most DISPLAY_MAX_CHARS: line breaks become spaces, overflow ends in "…". */
export function displayText(text: string): string {
  const cut = text.length > DISPLAY_MAX_CHARS ? `${text.slice(0, DISPLAY_MAX_CHARS)}…` : text;
  return /[\r\n]/.test(cut) ? cut.replace(/\r\n|[\r\n]/g, ' ') : cut;
}

/** Strings longer than this, or with line breaks, open in the detail panel when activated. */
export const LONG_TEXT_CHARS = 100;

export function isNumericColumn(column: ColumnarColumn): boolean {
  return column.type === 'int' || column.type === 'long' || column.type === 'real' || column.type === 'decimal';
}

/** A cell worth opening: dynamic values (as a JSON tree) and long or multi-line strings. */
export function isExpandable(column: ColumnarColumn, text: string): boolean {
  if (column.type === 'dynamic') return true;
  return column.type === 'string' && (text.length > LONG_TEXT_CHARS || /[\r\n]/.test(text));
}

/**
 * A starting width in CSS pixels from the header and the first rows' text (about 7 px per
 * character of the 13 px grid font), clamped so one wide column cannot push the rest away.
 */
export function initialColumnWidth(name: string, sampleTexts: readonly string[]): number {
  let chars = name.length + 2;
  for (const t of sampleTexts) chars = Math.max(chars, Math.min(t.length, 60));
  return Math.max(60, Math.min(360, Math.ceil(chars * 7.2) + 24));
}

/**
 * Rows to size columns from: the first and last rows and an even spread between, so a
 * `range` or a sorted result (short values first, long ones last) gets widths that fit.
 */
export function sampleRows(rowCount: number, edge = 50, spread = 100): number[] {
  if (rowCount <= 2 * edge + spread) return Array.from({ length: rowCount }, (_, i) => i);
  const rows: number[] = [];
  for (let r = 0; r < edge; r++) rows.push(r);
  for (let k = 1; k <= spread; k++) rows.push(Math.floor((k * (rowCount - 2 * edge)) / (spread + 1)) + edge);
  for (let r = rowCount - edge; r < rowCount; r++) rows.push(r);
  return rows;
}
