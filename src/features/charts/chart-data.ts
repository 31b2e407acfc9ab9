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
