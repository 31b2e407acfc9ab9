/**
 * One store per column, typed arrays only, so a result moves from the decode worker by transfer
 * and the grid and charts read it without an object per row.
 *
 * Readers go through the accessors at the end of this file (`formatCell`/`cellText`, `stringAt`,
 * `isNullAt`, `dynamicAt`, `datetimeText`): text cells are UTF-8 bytes until someone asks.
 */

import { markedBigInteger, parseJsonLossless, restoreBigIntegers, stringifyDynamic } from './lossless-json';
import type { ColumnarColumn, KustoScalarType, NullBitmap, TextStore } from './types';
import { formatKustoDatetime, parseKustoDatetimeParts, parseKustoReal, parseKustoTimespan, resolveKustoType } from './values';

export interface WireColumn {
  ColumnName: string;
  ColumnType: string;
}

export function bitIsSet(bits: NullBitmap, row: number): boolean {
  return ((bits[row >> 3] ?? 0) & (1 << (row & 7))) !== 0;
}

/** Small integer per type, for the decoder's per-cell switch. */
export const KIND = {
  bool: 0, int: 1, real: 2, long: 3, datetime: 4, timespan: 5, decimal: 6, guid: 7, string: 8, dynamic: 9,
} as const satisfies Record<KustoScalarType, number>;

const EMPTY_U8 = new Uint8Array(0);
const EMPTY_I32 = new Int32Array(0);
const EMPTY_F64 = new Float64Array(0);
const EMPTY_U16 = new Uint16Array(0);
const EMPTY_I64 = new BigInt64Array(0);

const encoder = new TextEncoder();

/** A growing TextStore. */
export class TextBuilder {
  bytes: Uint8Array;
  length = 0;
  offsets: Uint32Array;

  constructor(rowCapacity: number) {
    this.bytes = new Uint8Array(Math.max(256, rowCapacity * 8));
    this.offsets = new Uint32Array(rowCapacity + 1);
  }

  growRows(rowCapacity: number): void {
    const offsets = new Uint32Array(rowCapacity + 1);
    offsets.set(this.offsets);
    this.offsets = offsets;
  }

  /** Makes room for `extra` more bytes. */
  reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.length + extra));
    bytes.set(this.bytes.subarray(0, this.length));
    this.bytes = bytes;
  }

  appendBytes(source: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.reserve(n);
    if (n > 32) {
      this.bytes.set(source.subarray(start, end), this.length);
      this.length += n;
    } else {
      const out = this.bytes;
      let o = this.length;
      for (let k = start; k < end; k++) out[o++] = source[k]!;
      this.length = o;
    }
  }

  appendString(text: string): void {
    this.reserve(text.length * 3);
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }

  finish(rowCount: number): TextStore {
    return { bytes: this.bytes.subarray(0, this.length), offsets: this.offsets.subarray(0, rowCount + 1) };
  }
}

/**
 * The arrays of one column while rows arrive. One class for every type (unused arrays stay
 * empty) so the decoder's hot loop sees a single object shape.
 */
export class ColumnBuilder {
  readonly kind: number;
  readonly type: KustoScalarType;
  u8 = EMPTY_U8;
  i32 = EMPTY_I32;
  /** Same buffer as i32 for longs: small values are written as two int32 halves, no BigInt per cell. */
  i64 = EMPTY_I64;
  f64 = EMPTY_F64;
  u16 = EMPTY_U16;
  nulls = EMPTY_U8;
  text: TextBuilder | null = null;

  constructor(readonly name: string, readonly declaredType: string, capacity: number) {
    this.type = resolveKustoType(declaredType);
    this.kind = KIND[this.type];
    this.allocate(capacity);
    if (this.type === 'timespan' || this.type === 'decimal' || this.type === 'guid' || this.type === 'string' || this.type === 'dynamic') {
      this.text = new TextBuilder(capacity);
    }
  }

  private allocate(capacity: number): void {
    if (this.type !== 'string') {
      const nulls = new Uint8Array(Math.ceil(capacity / 8));
      nulls.set(this.nulls);
      this.nulls = nulls;
    }
    switch (this.type) {
      case 'bool': {
        const values = new Uint8Array(capacity);
        values.set(this.u8);
        this.u8 = values;
        break;
      }
      case 'int': {
        const values = new Int32Array(capacity);
        values.set(this.i32);
        this.i32 = values;
        break;
      }
      case 'long': {
        const values = new BigInt64Array(capacity);
        values.set(this.i64);
        this.i64 = values;
        this.i32 = new Int32Array(values.buffer);
        break;
      }
      case 'datetime': case 'real': case 'timespan': {
        if (this.type === 'datetime') {
          const ticks = new Uint16Array(capacity);
          ticks.set(this.u16);
          this.u16 = ticks;
        }
        const values = new Float64Array(capacity);
        values.set(this.f64);
        this.f64 = values;
        break;
      }
      default: break;
    }
  }

  grow(capacity: number): void {
    this.allocate(capacity);
    this.text?.growRows(capacity);
  }

  setNull(row: number): void {
    this.nulls[row >> 3]! |= 1 << (row & 7);
  }

  /** Forgets whatever a row from `row` on had written (a row cut off part way): its text bytes and null bit. */
  dropRowsFrom(row: number): void {
    if (this.text) this.text.length = this.text.offsets[row]!;
    if (row >> 3 < this.nulls.length) this.nulls[row >> 3]! &= ~(1 << (row & 7));
  }

  /** Empties the column (a DataReplace fragment); capacity stays. */
  reset(): void {
    this.nulls.fill(0);
    if (this.text) this.text.length = 0;
  }

  finish(rowCount: number): ColumnarColumn {
    const base = { name: this.name, declaredType: this.declaredType };
    const nulls = this.nulls.subarray(0, Math.ceil(rowCount / 8));
    const text = this.text?.finish(rowCount) ?? { bytes: EMPTY_U8, offsets: new Uint32Array(1) };
    switch (this.type) {
      case 'bool': return { ...base, type: 'bool', values: this.u8.subarray(0, rowCount), nulls };
      case 'int': return { ...base, type: 'int', values: this.i32.subarray(0, rowCount), nulls };
      case 'real': return { ...base, type: 'real', values: this.f64.subarray(0, rowCount), nulls };
      case 'long': return { ...base, type: 'long', values: this.i64.subarray(0, rowCount), nulls };
      case 'datetime': return { ...base, type: 'datetime', values: this.f64.subarray(0, rowCount), ticks: this.u16.subarray(0, rowCount), nulls };
      case 'timespan': return { ...base, type: 'timespan', values: this.f64.subarray(0, rowCount), text, nulls };
      case 'decimal': return { ...base, type: 'decimal', text, nulls };
      case 'guid': return { ...base, type: 'guid', text, nulls };
      case 'string': return { ...base, type: 'string', text };
      case 'dynamic': return { ...base, type: 'dynamic', text, nulls };
    }
  }
}

/** Whether int32 halves land in a BigInt64Array low word first (every browser engine today). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Writes an integer (exact when |v| ≤ 2^53) into row `row` of a long column without a BigInt. */
export function writeSafeLong(builder: ColumnBuilder, row: number, v: number): void {
  if (LITTLE_ENDIAN) {
    const hi = Math.floor(v / 4_294_967_296);
    builder.i32[2 * row] = v - hi * 4_294_967_296;
    builder.i32[2 * row + 1] = hi;
  } else {
    builder.i64[row] = BigInt(v);
  }
}

function toBigInt(value: unknown): bigint | null {
  const digits = markedBigInteger(value);
  if (digits !== null) return BigInt(digits);
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  return null;
}

function jsonText(value: unknown, restoreBig: boolean): string {
  return stringifyDynamic(restoreBig ? restoreBigIntegers(value) : value);
}

/** Writes one parsed JSON value into row `row` (the path for v1 responses and JSON already parsed). */
export function pushValue(builder: ColumnBuilder, row: number, v: unknown, restoreBig: boolean): void {
  const text = builder.text;
  switch (builder.type) {
    case 'bool':
      if (typeof v === 'boolean') builder.u8[row] = v ? 1 : 0;
      else if (v === 0 || v === 1) builder.u8[row] = v;
      else builder.setNull(row);
      break;
    case 'int':
      if (typeof v === 'number' && Number.isFinite(v)) builder.i32[row] = v;
      else builder.setNull(row);
      break;
    case 'real': {
      const digits = markedBigInteger(v);
      const n = digits !== null ? Number(digits) : typeof v === 'bigint' ? Number(v) : parseKustoReal(v);
      if (n === null) builder.setNull(row);
      else builder.f64[row] = n;
      break;
    }
    case 'long': {
      const n = toBigInt(v);
      if (n === null) builder.setNull(row);
      else builder.i64[row] = n;
      break;
    }
    case 'datetime': {
      // The ticks come from the text's digits, as the v2 decoder reads them: not from a float.
      const parts = typeof v === 'string' ? parseKustoDatetimeParts(v) : null;
      if (parts === null) builder.setNull(row);
      else {
        builder.f64[row] = parts.ms + parts.ticks / 10_000;
        builder.u16[row] = parts.ticks;
      }
      break;
    }
    case 'timespan': {
      const ms = typeof v === 'string' || typeof v === 'number' ? parseKustoTimespan(v) : NaN;
      if (Number.isNaN(ms)) builder.setNull(row);
      else {
        builder.f64[row] = ms;
        text!.appendString(String(v));
      }
      break;
    }
    case 'decimal':
    case 'guid': {
      const digits = markedBigInteger(v);
      const s = digits ?? (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : null);
      if (s === null) builder.setNull(row);
      else text!.appendString(s);
      break;
    }
    case 'string':
      text!.appendString(typeof v === 'string' ? v : v === null || v === undefined ? '' : jsonText(v, restoreBig));
      break;
    case 'dynamic':
      if (v === null || v === undefined) builder.setNull(row);
      else text!.appendString(jsonText(v, restoreBig));
      break;
  }
  if (text) text.offsets[row + 1] = text.length;
}

/**
 * Builds one column from `rows[*][index]` of parsed JSON. A cell that does not fit its type (a
 * string in an int column) reads as null rather than failing the whole result.
 */
export function buildColumn(column: WireColumn, index: number, rows: readonly unknown[][], restoreBig: boolean): ColumnarColumn {
  const builder = new ColumnBuilder(column.ColumnName, column.ColumnType, rows.length);
  for (let r = 0; r < rows.length; r++) pushValue(builder, r, rows[r]![index], restoreBig);
  return builder.finish(rows.length);
}

// ---- reading cells ----

const decoder = new TextDecoder();

/** The text of row `row` of a TextStore. Short ASCII cells skip TextDecoder's call overhead. */
export function textAt(store: TextStore, row: number): string {
  const start = store.offsets[row] ?? 0;
  const end = store.offsets[row + 1] ?? start;
  const bytes = store.bytes;
  if (end - start <= 32) {
    let ascii = true;
    for (let k = start; k < end; k++) if (bytes[k]! >= 0x80) { ascii = false; break; }
    if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  return decoder.decode(bytes.subarray(start, end));
}

export function isNullAt(column: ColumnarColumn, row: number): boolean {
  return column.type === 'string' ? false : bitIsSet(column.nulls, row);
}

/** The text of a string, guid, decimal, timespan or dynamic cell ('' for null); other types: their display text. */
export function stringAt(column: ColumnarColumn, row: number): string {
  switch (column.type) {
    case 'string': return textAt(column.text, row);
    case 'guid': case 'decimal': case 'timespan': case 'dynamic':
      return bitIsSet(column.nulls, row) ? '' : textAt(column.text, row);
    default: return formatCell(column, row);
  }
}

/** Kusto's 7-digit text of a datetime cell, '' for null. */
export function datetimeText(column: Extract<ColumnarColumn, { type: 'datetime' }>, row: number): string {
  return bitIsSet(column.nulls, row) ? '' : formatKustoDatetime(column.values[row]!, column.ticks[row]!);
}

/** The parsed value of a dynamic cell (null for null); a long inside that a double can't hold is a bigint. */
export function dynamicAt(column: Extract<ColumnarColumn, { type: 'dynamic' }>, row: number): unknown {
  if (bitIsSet(column.nulls, row)) return null;
  const text = textAt(column.text, row);
  try {
    const parsed = parseJsonLossless(text);
    return parsed.hasBigIntegers ? restoreBigIntegers(parsed.value) : parsed.value;
  } catch {
    return text;
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
    case 'datetime': return datetimeText(column, row);
    case 'timespan': case 'decimal': case 'guid': case 'string': return textAt(column.text, row);
    case 'dynamic': {
      const text = textAt(column.text, row);
      // A dynamic string shows as its text, the way the web UI shows it.
      if (text.charCodeAt(0) !== 34) return text;
      try {
        const value: unknown = JSON.parse(text);
        return typeof value === 'string' ? value : text;
      } catch {
        return text;
      }
    }
  }
}

/** The name the grid and exports use. */
const FRACTION_ZEROS = /\.?0+Z$/;

/**
 * The text the results show for a cell: Kusto's own spelling, with a datetime's fraction cut to
 * its significant digits as the web UI writes it (2007-01-01T00:00:00Z, …T00:00:00.1234567Z).
 */
export function cellText(column: ColumnarColumn, row: number): string {
  const text = formatCell(column, row);
  return column.type === 'datetime' && text.includes('.') ? text.replace(FRACTION_ZEROS, 'Z') : text;
}

/** Every buffer a column holds: the transfer list when it crosses to another thread. */
export function columnBuffers(column: ColumnarColumn): ArrayBuffer[] {
  const views: ArrayBufferView[] = [];
  if ('values' in column) views.push(column.values);
  if ('nulls' in column) views.push(column.nulls);
  if (column.type === 'datetime') views.push(column.ticks);
  if ('text' in column) views.push(column.text.bytes, column.text.offsets);
  const buffers = new Set<ArrayBuffer>();
  for (const v of views) if (v.buffer instanceof ArrayBuffer) buffers.add(v.buffer);
  return [...buffers];
}

/** A copy of a column in exact-size buffers of its own (the decoder's stores are views into grown arrays). */
export function copyColumn(column: ColumnarColumn): ColumnarColumn {
  const text = (t: TextStore): TextStore => ({ bytes: t.bytes.slice(), offsets: t.offsets.slice() });
  switch (column.type) {
    case 'bool': return { ...column, values: column.values.slice(), nulls: column.nulls.slice() };
    case 'int': return { ...column, values: column.values.slice(), nulls: column.nulls.slice() };
    case 'real': return { ...column, values: column.values.slice(), nulls: column.nulls.slice() };
    case 'long': return { ...column, values: column.values.slice(), nulls: column.nulls.slice() };
    case 'datetime': return { ...column, values: column.values.slice(), ticks: column.ticks.slice(), nulls: column.nulls.slice() };
    case 'timespan': return { ...column, values: column.values.slice(), text: text(column.text), nulls: column.nulls.slice() };
    case 'decimal': case 'guid': case 'dynamic': return { ...column, text: text(column.text), nulls: column.nulls.slice() };
    case 'string': return { ...column, text: text(column.text) };
  }
}
