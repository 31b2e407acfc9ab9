/**
 * Columns read in JavaScript (JSON, JSON Lines, Parquet through hyparquet) get their Kusto type from
 * their values, and are staged in DuckDB as an Arrow table: long as Int64, real as Float64, bool as
 * Bool, and datetime, string and dynamic as text (datetime cast to TIMESTAMP by DuckDB afterwards,
 * dynamic as JSON text).
 */
import { Bool, Float64, Int64, makeData, Table, Utf8, Vector } from 'apache-arrow';
import type { LocalKustoType } from './kusto-columns';

/** ISO 8601 date or date-time, the forms Kusto's `todatetime` reads from JSON strings. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface JsColumn {
  name: string;
  values: unknown[];
  /** A type the source declares (Parquet's physical type) over what the values suggest. */
  declared?: LocalKustoType;
}

export function inferKustoType(values: readonly unknown[]): LocalKustoType {
  let kinds = 0;
  const BOOL = 1, INT = 2, REAL = 4, DATETIME = 8, STRING = 16, NESTED = 32;
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (typeof v === 'boolean') kinds |= BOOL;
    else if (typeof v === 'bigint') kinds |= INT;
    else if (typeof v === 'number') kinds |= Number.isSafeInteger(v) ? INT : REAL;
    else if (v instanceof Date) kinds |= DATETIME;
    else if (typeof v === 'string') kinds |= ISO_DATETIME.test(v) ? DATETIME : STRING;
    else kinds |= NESTED;
  }
  if (kinds === 0) return 'string';
  if (kinds === BOOL) return 'bool';
  if (kinds === INT) return 'long';
  if (kinds === REAL || kinds === (INT | REAL)) return 'real';
  if (kinds === DATETIME) return 'datetime';
  // Text that is sometimes a date is text; anything mixing kinds or holding objects is dynamic.
  if (kinds === STRING || kinds === (STRING | DATETIME)) return 'string';
  return 'dynamic';
}

function jsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? (Number.isSafeInteger(Number(v)) ? Number(v) : String(v)) : v));
}

/** Arrow's validity bitmap (bit i set: row i has a value, least significant bit first), or none without nulls. */
function validity(values: readonly unknown[]): { nullCount: number; nullBitmap?: Uint8Array } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (v === null) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  });
  return nullCount > 0 ? { nullCount, nullBitmap: bitmap } : { nullCount };
}

function utf8Vector(values: readonly (string | null)[]): Vector {
  const encoder = new TextEncoder();
  const encoded = values.map((v) => (v === null ? new Uint8Array(0) : encoder.encode(v)));
  const valueOffsets = new Int32Array(values.length + 1);
  encoded.forEach((bytes, i) => (valueOffsets[i + 1] = valueOffsets[i]! + bytes.length));
  const data = new Uint8Array(valueOffsets[values.length]!);
  encoded.forEach((bytes, i) => data.set(bytes, valueOffsets[i]));
  return new Vector([makeData({ type: new Utf8(), length: values.length, ...validity(values), valueOffsets, data })]);
}

/**
 * The Arrow vector of one column, made from its buffers. Not `vectorFromArray`: Arrow's builders
 * compile their null check with `Function(...)` (apache-arrow builder.ts, createIsValidFunction),
 * which the local-files worker's content security policy refuses (no 'unsafe-eval').
 */
function stagedVector(type: LocalKustoType, values: readonly unknown[]): Vector {
  const present = (v: unknown) => v !== null && v !== undefined;
  const length = values.length;
  switch (type) {
    case 'long': {
      const cells = values.map((v) => (present(v) ? BigInt(v as number | bigint) : null));
      return new Vector([makeData({ type: new Int64(), length, ...validity(cells), data: BigInt64Array.from(cells, (v) => v ?? 0n) })]);
    }
    case 'real': {
      const cells = values.map((v) => (present(v) ? Number(v) : null));
      return new Vector([makeData({ type: new Float64(), length, ...validity(cells), data: Float64Array.from(cells, (v) => v ?? 0) })]);
    }
    case 'bool': {
      const cells = values.map((v) => (present(v) ? Boolean(v) : null));
      const data = new Uint8Array(Math.ceil(length / 8));
      cells.forEach((v, i) => {
        if (v) data[i >> 3]! |= 1 << (i & 7);
      });
      return new Vector([makeData({ type: new Bool(), length, ...validity(cells), data })]);
    }
    case 'datetime':
      return utf8Vector(values.map((v) => (v instanceof Date ? v.toISOString() : present(v) ? String(v) : null)));
    case 'string':
      return utf8Vector(values.map((v) => (present(v) ? (typeof v === 'string' ? v : jsonText(v)) : null)));
    case 'dynamic':
      return utf8Vector(values.map((v) => (present(v) ? jsonText(v) : null)));
  }
}

/** The staged Arrow table and the Kusto type of each column, in column order. */
export function stageJsColumns(columns: readonly JsColumn[]): { table: Table; types: Map<string, LocalKustoType> } {
  const types = new Map<string, LocalKustoType>();
  const vectors: Record<string, Vector> = {};
  for (const column of columns) {
    const type = column.declared ?? inferKustoType(column.values);
    types.set(column.name, type);
    vectors[column.name] = stagedVector(type, column.values);
  }
  return { table: new Table(vectors), types };
}
