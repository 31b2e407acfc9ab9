/**
 * Where the keyboard's active cell goes in the results grid, after the WAI-ARIA grid pattern's
 * keys (https://www.w3.org/WAI/ARIA/apg/patterns/grid/#keyboardinteraction-settingfocusandnavigatinginsideacompositewidget).
 * Row -1 is the header row: its cells are where Enter sorts. Pure, so the keys are tested alone.
 */

export interface GridCursor {
  column: number;
  /** Display row; -1 is the header. */
  row: number;
}

export interface GridShape {
  columns: number;
  rows: number;
  /** Rows in view, for Page Up / Page Down. */
  page: number;
}

export interface GridKey {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, value));
}

/** The cursor after `press`, or null when the key is not a grid movement key. */
export function moveGridCursor(cursor: GridCursor, press: GridKey, shape: GridShape): GridCursor | null {
  const lastRow = shape.rows - 1;
  const lastColumn = Math.max(0, shape.columns - 1);
  const primary = press.ctrlKey || press.metaKey;
  const page = Math.max(1, shape.page - 1);
  switch (press.key) {
    case 'ArrowRight': return { ...cursor, column: clamp(cursor.column + 1, 0, lastColumn) };
    case 'ArrowLeft': return { ...cursor, column: clamp(cursor.column - 1, 0, lastColumn) };
    case 'ArrowDown': return { ...cursor, row: clamp(cursor.row + 1, -1, lastRow) };
    case 'ArrowUp': return { ...cursor, row: clamp(cursor.row - 1, -1, lastRow) };
    case 'Home': return primary ? { column: 0, row: Math.min(0, lastRow) } : { ...cursor, column: 0 };
    case 'End': return primary ? { column: lastColumn, row: lastRow } : { ...cursor, column: lastColumn };
    case 'PageDown': return { ...cursor, row: clamp(cursor.row + page, -1, lastRow) };
    case 'PageUp': return { ...cursor, row: clamp(cursor.row - page, -1, lastRow) };
    default: return null;
  }
}

/** The cursor kept inside a grid whose shape changed (a new sort, search or result). */
export function clampGridCursor(cursor: GridCursor, shape: Pick<GridShape, 'columns' | 'rows'>): GridCursor {
  return { column: clamp(cursor.column, 0, Math.max(0, shape.columns - 1)), row: clamp(cursor.row, -1, shape.rows - 1) };
}
