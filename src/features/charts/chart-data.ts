/**
 * The table a chart reads: columns by index, cells through an array-like per column. Kept as an
 * interface so the decoder's columnar table (typed arrays plus null bitmaps) can be adapted in
 * one small file, and tests can hand in plain arrays.
 */

export type ChartCell = number | string | null | bigint | boolean;

export interface ChartColumn {
  name: string;
  /** Kusto type name as in v2 `ColumnType` (`long`, `real`, `datetime`, …); aliases are accepted. */
  type: string;
}

export interface ChartTable {
  columns: readonly ChartColumn[];
  rowCount: number;
  /**
   * Cells of column `index`; null where the cell is null. A datetime cell is epoch milliseconds
   * or the ISO text Kusto sends; a decimal may be its text.
   */
  column(index: number): ArrayLike<ChartCell>;
}

export type ColumnRole = 'numeric' | 'datetime' | 'timespan' | 'text' | 'other';

// Aliases from DOCS `kusto/query/scalar-data-types/index.md`.
export function columnRole(type: string): ColumnRole {
  switch (type.toLowerCase()) {
    case 'int':
    case 'long':
    case 'real':
    case 'double':
    case 'decimal':
      return 'numeric';
    case 'datetime':
    case 'date':
      return 'datetime';
    case 'timespan':
    case 'time':
      return 'timespan';
    case 'string':
      return 'text';
    default:
      return 'other';
  }
}

export function cellToNumber(cell: ChartCell | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (cell.trim() === '') return null;
  const n = Number(cell);
  if (!Number.isNaN(n)) return n;
  return /^nan$/i.test(cell) ? Number.NaN : null;
}

/**
 * Epoch milliseconds of a datetime cell. Kusto writes up to 7 fractional digits; cut to 3 so every
 * engine's Date.parse reads it.
 */
export function cellToTime(cell: ChartCell | undefined): number | null {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell !== 'string') return null;
  const t = Date.parse(cell.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(t) ? null : t;
}

export function cellToLabel(cell: ChartCell | undefined, role: ColumnRole): string {
  if (cell === null || cell === undefined) return '';
  if (role === 'datetime') {
    const t = cellToTime(cell);
    return t === null ? String(cell) : new Date(t).toISOString().replace('.000Z', 'Z');
  }
  return String(cell);
}

/** The column a render property names: exact name first, then ignoring case; -1 when none. */
export function findColumn(table: ChartTable, name: string): number {
  const exact = table.columns.findIndex((c) => c.name === name);
  return exact !== -1 ? exact : table.columns.findIndex((c) => c.name.toLowerCase() === name.toLowerCase());
}

/** The role of column `index`; 'other' when there is no such column. */
export function roleOf(table: ChartTable, index: number): ColumnRole {
  return columnRole(table.columns[index]?.type ?? '');
}

/**
 * Indices of the columns a render property names (`series`, `ycolumns`, …), each once and in the
 * order named; a note `property: no column named "x".` for each name no column has.
 */
export function findColumns(table: ChartTable, names: readonly string[], property: string, notes: string[]): number[] {
  const found: number[] = [];
  for (const name of names) {
    const i = findColumn(table, name);
    if (i === -1) notes.push(`${property}: no column named "${name}".`);
    else if (!found.includes(i)) found.push(i);
  }
  return found;
}

/**
 * The label of a row over some columns — their cells as text (datetimes in ISO), joined by ", ":
 * the name of a series, a ladder line, a time pivot lane, a treemap branch, a pivot row.
 */
export function rowKey(table: ChartTable, columns: readonly number[]): (row: number) => string {
  const cells = columns.map((i) => ({ cells: table.column(i), role: roleOf(table, i) }));
  return (r) => cells.map((c) => cellToLabel(c.cells[r], c.role)).join(', ');
}

export interface RowGroup {
  key: string;
  rows: number[];
}

/** Rows grouped by their key over `columns`, groups in the order rows first name them; one group of every row when there are no columns. */
export function groupRows(table: ChartTable, columns: readonly number[]): RowGroup[] {
  if (columns.length === 0) return [{ key: '', rows: Array.from({ length: table.rowCount }, (_, i) => i) }];
  const keyOf = rowKey(table, columns);
  const groups = new Map<string, number[]>();
  for (let r = 0; r < table.rowCount; r++) {
    const key = keyOf(r);
    let rows = groups.get(key);
    if (!rows) groups.set(key, (rows = []));
    rows.push(r);
  }
  return [...groups].map(([key, rows]) => ({ key, rows }));
}

/** A ChartTable over plain arrays, for tests and small adapters. */
export function chartTableFromColumns(columns: readonly (ChartColumn & { values: ArrayLike<ChartCell> })[]): ChartTable {
  const rowCount = columns.reduce((max, c) => Math.max(max, c.values.length), 0);
  return {
    columns: columns.map(({ name, type }) => ({ name, type })),
    rowCount,
    column: (index) => {
      const c = columns[index];
      if (!c) throw new RangeError(`No column ${index}`);
      return c.values;
    },
  };
}
