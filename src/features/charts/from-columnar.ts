/**
 * The decoder's ColumnarTable seen as a ChartTable. Typed arrays without nulls are handed over as
 * they are; a column with nulls is copied once, on first read, with null in the null cells.
 */
import { bitIsSet, dynamicAt, isNullAt, stringAt } from '../../kusto/columnar';
import type { ColumnarColumn, ColumnarTable } from '../../kusto/types';
import type { ChartCell, ChartTable } from './chart-data';

function hasNulls(bits: Uint8Array): boolean {
  for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) return true;
  return false;
}

function cells(column: ColumnarColumn, rowCount: number): ArrayLike<ChartCell> {
  switch (column.type) {
    case 'bool':
    case 'int':
    case 'real':
    case 'long':
    case 'datetime':
    case 'timespan': {
      const { values, nulls } = column;
      if (!hasNulls(nulls)) return values;
      const out = new Array<ChartCell>(rowCount);
      for (let r = 0; r < rowCount; r++) out[r] = bitIsSet(nulls, r) ? null : (values[r] ?? null);
      return out;
    }
    case 'decimal':
    case 'guid':
    case 'string': {
      // Text lives as UTF-8 in the store; a chart needs the whole column, so make the strings once.
      const out = new Array<ChartCell>(rowCount);
      for (let r = 0; r < rowCount; r++) out[r] = isNullAt(column, r) ? null : stringAt(column, r);
      return out;
    }
    case 'dynamic': {
      // A dynamic cell can't sit on an axis; charts read scalars in it and show the rest as JSON.
      const out = new Array<ChartCell>(rowCount);
      for (let r = 0; r < rowCount; r++) {
        const v = dynamicAt(column, r);
        out[r] =
          v === null || v === undefined ? null
          : typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint' ? v
          : JSON.stringify(v, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
      }
      return out;
    }
  }
}

export function toChartTable(table: ColumnarTable): ChartTable {
  const cache = new Map<number, ArrayLike<ChartCell>>();
  return {
    columns: table.columns.map((c) => ({ name: c.name, type: c.type })),
    rowCount: table.rowCount,
    column(index) {
      let found = cache.get(index);
      if (!found) {
        const column = table.columns[index];
        if (!column) throw new RangeError(`No column ${index}`);
        found = cells(column, table.rowCount);
        cache.set(index, found);
      }
      return found;
    },
  };
}
