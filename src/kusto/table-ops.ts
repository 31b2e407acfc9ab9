/**
 * Sort and search over a ColumnarTable, as pure functions over its typed arrays: they return row
 * permutations (Uint32Array) rather than reordered rows, so a worker can run them and transfer
 * the answer back. No DOM, no React.
 */

import { cellText, isNullAt, stringAt } from './columnar';
import type { ColumnarColumn, ColumnarTable } from './types';

export type SortDirection = 'asc' | 'desc';

/**
 * The seam for sorting and searching a result: the results panel asks for row permutations and
 * does not care where they are computed (the main thread, or the decode worker that holds the table).
 */
export interface ResultTableOps {
  /** Every row index once, in `sort by <column> <direction>` order (Kusto's null placement). */
  sort(table: ColumnarTable, column: number, direction: SortDirection): Promise<Uint32Array>;
  /** Indices of the rows with a cell containing `text` (case-insensitive), ascending. */
  search(table: ColumnarTable, text: string): Promise<Uint32Array>;
}

function compareNumbers(a: number, b: number): number {
  // .NET's double.CompareTo, which Kusto follows: NaN sorts below every number, -Infinity included.
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareText(a: string, b: string): number {
  // Ordinal (UTF-16 code unit) order, what Kusto's sort uses for strings; localeCompare is
  // culture-aware and would put "a" before "B".
  return a < b ? -1 : a > b ? 1 : 0;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Compares two decimal texts exactly (Kusto sends decimals as strings with up to 34 digits,
 * beyond what a double holds). Exponent forms fall back to Number.
 */
export function compareDecimalText(a: string, b: string): number {
  const ma = DECIMAL.exec(a.trim());
  const mb = DECIMAL.exec(b.trim());
  if (!ma || !mb || ma[4] !== undefined || mb[4] !== undefined) return compareNumbers(Number(a), Number(b));
  const intA = (ma[2] ?? '').replace(/^0+/, '');
  const intB = (mb[2] ?? '').replace(/^0+/, '');
  const fracA = (ma[3] ?? '').replace(/0+$/, '');
  const fracB = (mb[3] ?? '').replace(/0+$/, '');
  const zeroA = intA === '' && fracA === '';
  const zeroB = intB === '' && fracB === '';
  const signA = zeroA ? 0 : ma[1] === '-' ? -1 : 1;
  const signB = zeroB ? 0 : mb[1] === '-' ? -1 : 1;
  if (signA !== signB) return signA < signB ? -1 : 1;
  if (signA === 0) return 0;
  let magnitude: number;
  if (intA.length !== intB.length) magnitude = intA.length < intB.length ? -1 : 1;
  else {
    magnitude = compareText(intA, intB);
    if (magnitude === 0) {
      const width = Math.max(fracA.length, fracB.length);
      magnitude = compareText(fracA.padEnd(width, '0'), fracB.padEnd(width, '0'));
    }
  }
  return signA * magnitude;
}

/** Compares the non-null values of two rows of one column, ascending. */
export function compareValues(column: ColumnarColumn, a: number, b: number): number {
  switch (column.type) {
    case 'bool': case 'int': case 'real':
      return compareNumbers(column.values[a]!, column.values[b]!);
    case 'long': {
      const x = column.values[a]!;
      const y = column.values[b]!;
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'datetime': {
      // Milliseconds in a double lose the last 100-ns digit near today's epoch; `ticks` breaks ties.
      const byValue = compareNumbers(column.values[a]!, column.values[b]!);
      return byValue !== 0 ? byValue : compareNumbers(column.ticks[a]!, column.ticks[b]!);
    }
    case 'timespan':
      return compareNumbers(column.values[a]!, column.values[b]!);
    case 'decimal':
      return compareDecimalText(stringAt(column, a), stringAt(column, b));
    case 'guid':
      return compareText(stringAt(column, a).toLowerCase(), stringAt(column, b).toLowerCase());
    case 'string':
    case 'dynamic':
      // Kusto refuses to sort by dynamic; the grid orders by the JSON text so the click does something.
      return compareText(stringAt(column, a), stringAt(column, b));
  }
}

/**
 * Row order for one column, like `sort by c asc|desc`: nulls first ascending and last descending
 * (Kusto's defaults), equal values keep their original order.
 */
export function sortRows(table: ColumnarTable, columnIndex: number, direction: SortDirection): Uint32Array {
  const order = identityOrder(table.rowCount);
  const column = table.columns[columnIndex];
  if (!column) return order;
  const sign = direction === 'asc' ? 1 : -1;
  const nulls = new Uint8Array(table.rowCount);
  for (let r = 0; r < table.rowCount; r++) nulls[r] = isNullAt(column, r) ? 1 : 0;
  // Strings are decoded from UTF-8 on each read: decode each once, not once per comparison.
  const texts = column.type === 'string' || column.type === 'dynamic' || column.type === 'guid' ? decodeAll(column, table.rowCount) : null;
  order.sort((a, b) => {
    const na = nulls[a]!;
    const nb = nulls[b]!;
    let c: number;
    if (na || nb) c = na === nb ? 0 : na ? -1 : 1;
    else c = texts ? compareText(texts[a]!, texts[b]!) : compareValues(column, a, b);
    return c !== 0 ? sign * c : a - b;
  });
  return order;
}

function decodeAll(column: ColumnarColumn, rowCount: number): string[] {
  const out = new Array<string>(rowCount);
  for (let r = 0; r < rowCount; r++) out[r] = column.type === 'guid' ? stringAt(column, r).toLowerCase() : stringAt(column, r);
  return out;
}

export function identityOrder(rowCount: number): Uint32Array {
  const order = new Uint32Array(rowCount);
  for (let r = 0; r < rowCount; r++) order[r] = r;
  return order;
}

/**
 * Rows where any cell's display text contains `text`, case-insensitively, in table order. An
 * empty search matches every row.
 */
export function searchRows(table: ColumnarTable, text: string): Uint32Array {
  const needle = text.trim().toLowerCase();
  if (needle === '') return identityOrder(table.rowCount);
  const hits = new Uint8Array(table.rowCount);
  let count = 0;
  // Column by column: each column's loop stays on one typed array and one branch of formatCell.
  for (const column of table.columns) {
    for (let r = 0; r < table.rowCount; r++) {
      if (hits[r]) continue;
      if (cellText(column, r).toLowerCase().includes(needle)) {
        hits[r] = 1;
        count++;
      }
    }
  }
  const rows = new Uint32Array(count);
  let i = 0;
  for (let r = 0; r < table.rowCount; r++) if (hits[r]) rows[i++] = r;
  return rows;
}

/** The rows of `order` that are also in `matches` (any order), keeping `order`'s sequence. */
export function keepMatching(order: Uint32Array, matches: Uint32Array, rowCount: number): Uint32Array {
  const keep = new Uint8Array(rowCount);
  for (let i = 0; i < matches.length; i++) keep[matches[i]!] = 1;
  const out = new Uint32Array(matches.length);
  let n = 0;
  for (let i = 0; i < order.length; i++) {
    const r = order[i]!;
    if (keep[r]) out[n++] = r;
  }
  return n === out.length ? out : out.slice(0, n);
}
