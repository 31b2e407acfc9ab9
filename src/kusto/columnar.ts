/**
 * Row arrays from the wire → one store per column. Numbers go into typed arrays so a result can
 * be transferred from a worker and read by the grid and charts without an object per row.
 */

import { markedBigInteger, restoreBigIntegers, stringifyDynamic } from './lossless-json';
import type { ColumnarColumn, KustoScalarType, NullBitmap } from './types';
import { parseKustoDatetime, parseKustoReal, parseKustoTimespan, resolveKustoType } from './values';

export interface WireColumn {
  ColumnName: string;
  ColumnType: string;
}

export function newNullBitmap(rowCount: number): NullBitmap {
  return new Uint8Array(Math.ceil(rowCount / 8));
}

function setNull(bits: NullBitmap, row: number): void {
  bits[row >> 3]! |= 1 << (row & 7);
}

export function bitIsSet(bits: NullBitmap, row: number): boolean {
  return ((bits[row >> 3] ?? 0) & (1 << (row & 7))) !== 0;
}

function toBigInt(value: unknown): bigint | null {
  const digits = markedBigInteger(value);
  if (digits !== null) return BigInt(digits);
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return null;
}

/**
 * Builds one column from `rows[*][index]`. A cell that does not fit its type (a string in an int
 * column) reads as null rather than failing the whole result; the raw row is not kept.
 */
export function buildColumn(column: WireColumn, index: number, rows: readonly unknown[][], restoreBig: boolean): ColumnarColumn {
  const type: KustoScalarType = resolveKustoType(column.ColumnType);
  const base = { name: column.ColumnName, declaredType: column.ColumnType };
  const n = rows.length;
  switch (type) {
    case 'bool': {
      const values = new Uint8Array(n);
      const nulls = newNullBitmap(n);
      for (let r = 0; r < n; r++) {
        const v = rows[r]![index];
        if (typeof v === 'boolean') values[r] = v ? 1 : 0;
        else if (v === 0 || v === 1) values[r] = v;
        else setNull(nulls, r);
      }
      return { ...base, type, values, nulls };
    }
    case 'int': {
      const values = new Int32Array(n);
      const nulls = newNullBitmap(n);
      for (let r = 0; r < n; r++) {
        const v = rows[r]![index];
        if (typeof v === 'number' && Number.isFinite(v)) values[r] = v;
        else setNull(nulls, r);
      }
      return { ...base, type, values, nulls };
    }
    case 'real': {
      const values = new Float64Array(n);
      const nulls = newNullBitmap(n);
      for (let r = 0; r < n; r++) {
        const raw = rows[r]![index];
        const digits = markedBigInteger(raw);
        const v = digits !== null ? Number(digits) : parseKustoReal(raw);
        if (v === null) setNull(nulls, r);
        else values[r] = v;
      }
      return { ...base, type, values, nulls };
    }
    case 'long': {
      const values = new BigInt64Array(n);
      const nulls = newNullBitmap(n);
      for (let r = 0; r < n; r++) {
        const v = toBigInt(rows[r]![index]);
        if (v === null) setNull(nulls, r);
        else values[r] = v;
      }
      return { ...base, type, values, nulls };
    }
    case 'datetime':
    case 'timespan': {
      const values = new Float64Array(n);
      const text: (string | null)[] = new Array<string | null>(n);
      const nulls = newNullBitmap(n);
      for (let r = 0; r < n; r++) {
        const v = rows[r]![index];
        const ms = typeof v === 'string' ? (type === 'datetime' ? parseKustoDatetime(v) : parseKustoTimespan(v))
          : typeof v === 'number' && type === 'timespan' ? parseKustoTimespan(v) : NaN;
        if (Number.isNaN(ms)) {
          setNull(nulls, r);
          text[r] = null;
        } else {
          values[r] = ms;
          text[r] = typeof v === 'string' ? v : String(v);
        }
      }
      return { ...base, type, values, text, nulls };
    }
    case 'decimal':
    case 'guid': {
      const values: (string | null)[] = new Array<string | null>(n);
      for (let r = 0; r < n; r++) {
        const v = rows[r]![index];
        const digits = markedBigInteger(v);
        values[r] = digits ?? (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
      }
      return { ...base, type, values };
    }
    case 'string': {
      const values: string[] = new Array<string>(n);
      for (let r = 0; r < n; r++) {
        const v = rows[r]![index];
        values[r] = typeof v === 'string' ? v : v === null || v === undefined ? '' : stringifyDynamic(v);
      }
      return { ...base, type, values };
    }
    case 'dynamic': {
      const values: unknown[] = new Array<unknown>(n);
      for (let r = 0; r < n; r++) {
        const v = rows[r]![index] ?? null;
        values[r] = restoreBig ? restoreBigIntegers(v) : v;
      }
      return { ...base, type, values };
    }
  }
}

export function isNullAt(column: ColumnarColumn, row: number): boolean {
  switch (column.type) {
    case 'bool': case 'int': case 'real': case 'long': case 'datetime': case 'timespan':
      return bitIsSet(column.nulls, row);
    case 'decimal': case 'guid':
      return column.values[row] === null;
    case 'string':
      return false;
    case 'dynamic':
      return column.values[row] === null;
  }
}

function formatReal(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return String(v);
}

/** Display text of one cell: Kusto's own spelling where it has one, '' for null. */
export function formatCell(column: ColumnarColumn, row: number): string {
  if (isNullAt(column, row)) return '';
  switch (column.type) {
    case 'bool': return column.values[row] ? 'true' : 'false';
    case 'int': return String(column.values[row]);
    case 'real': return formatReal(column.values[row]!);
    case 'long': return column.values[row]!.toString();
    case 'datetime': case 'timespan': return column.text[row] ?? '';
    case 'decimal': case 'guid': return column.values[row] ?? '';
    case 'string': return column.values[row] ?? '';
    case 'dynamic': {
      const v = column.values[row];
      // A dynamic string shows as its text, the way the web UI shows it.
      return typeof v === 'string' ? v : stringifyDynamic(v);
    }
  }
}
