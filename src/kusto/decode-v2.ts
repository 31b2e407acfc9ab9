/**
 * Decodes a v2 query response (a JSON array of frames, https://learn.microsoft.com/kusto/api/rest/response-v2) into columnar
 * tables. Pure: runs the same in the decode worker, in Node tests and on the main thread.
 *
 * One pass over the UTF-8 bytes. Frame headers are parsed as small JSON values; `Rows` are scanned
 * by a reader that knows each column's type from the table header and writes straight into the
 * column stores: no JSON.parse tree, no row arrays, no string per text cell, and longs are read
 * from their digits so they stay exact above 2^53.
 *
 * Strict where a mistake would show wrong data (frame order, row width, a cut-off body) and
 * lenient where the protocol may grow (unknown frame types and table kinds are skipped/kept).
 */

import { ColumnBuilder, KIND, formatCell, isNullAt, stringAt, writeSafeLong, type WireColumn } from './columnar';
import { kustoError, parseOneApiError, partialError, type KustoError, type OneApiError } from './errors';
import type { ColumnarColumn, ColumnarTable, DataSet, QueryStats, Visualization } from './types';
import { daysFromCivil, parseKustoDatetimeParts, parseKustoReal, parseKustoTimespan } from './values';

export type DecodeResult =
  | { ok: true; dataSet: DataSet; /** Set when rows arrived but the query failed part way or was cancelled. */ partial: KustoError | null }
  | { ok: false; error: KustoError };

class MalformedResponse extends Error {}

function fail(message: string): never {
  throw new MalformedResponse(message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const COLON = 58;
const MINUS = 45;

/** Powers of ten a double holds exactly: m·10^k with m < 2^53 and |k| ≤ 22 rounds once (Clinger's fast path). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const MS_PER_DAY = 86_400_000;

// KIND's values as module constants: the per-cell switch then compares literals, with no
// property load through an imported binding (bundlers and tsx may turn those into getters).
const K_BOOL = 0;
const K_INT = 1;
const K_REAL = 2;
const K_LONG = 3;
const K_DATETIME = 4;
const K_TIMESPAN = 5;
const K_DECIMAL = 6;
const K_GUID = 7;
const K_STRING = 8;
const K_DYNAMIC = 9;
const LOCAL_KINDS = [K_BOOL, K_INT, K_REAL, K_LONG, K_DATETIME, K_TIMESPAN, K_DECIMAL, K_GUID, K_STRING, K_DYNAMIC];
if (LOCAL_KINDS.join() !== [KIND.bool, KIND.int, KIND.real, KIND.long, KIND.datetime, KIND.timespan, KIND.decimal, KIND.guid, KIND.string, KIND.dynamic].join()) {
  throw new Error('decode-v2 kind constants are out of step with columnar KIND');
}

function digit(b: Uint8Array, k: number): number {
  const v = b[k]! - 48;
  return v >= 0 && v <= 9 ? v : -1000;
}

/**
 * Milliseconds of `[-][d.]hh:mm:ss[.fffffff]` read from bytes; NaN when it isn't that form.
 */
function timespanFromBytes(b: Uint8Array, start: number, end: number): number {
  let i = start;
  let sign = 1;
  if (b[i] === MINUS) {
    sign = -1;
    i++;
  }
  let first = 0;
  let n = 0;
  while (i < end && b[i]! >= 48 && b[i]! <= 57) {
    first = first * 10 + b[i]! - 48;
    i++;
    n++;
  }
  if (n === 0) return NaN;
  let days = 0;
  let hours = first;
  if (b[i] === 46) {
    days = first;
    i++;
    hours = digit(b, i) * 10 + digit(b, i + 1);
    i += 2;
  } else if (n > 2) return NaN;
  if (b[i] !== COLON || b[i + 3] !== COLON) return NaN;
  const minutes = digit(b, i + 1) * 10 + digit(b, i + 2);
  const seconds = digit(b, i + 4) * 10 + digit(b, i + 5);
  if (hours < 0 || minutes < 0 || seconds < 0) return NaN;
  i += 6;
  let fraction = 0;
  if (i < end && b[i] === 46) {
    i++;
    let scale = 100;
    let k = 0;
    while (i < end && b[i]! >= 48 && b[i]! <= 57 && k < 7) {
      fraction += (b[i]! - 48) * scale;
      scale /= 10;
      i++;
      k++;
    }
    if (k === 0) return NaN;
  }
  if (i !== end) return NaN;
  return sign * ((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 + fraction);
}

interface PendingTable {
  tableId: number;
  tableKind: string;
  tableName: string;
  builders: ColumnBuilder[];
  kinds: Uint8Array;
  rowCount: number;
  capacity: number;
  completed: boolean;
  /** Whether TableHeader started it (fragments allowed) rather than DataTable. */
  progressive: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

function newTable(tableId: number, tableKind: string, tableName: string, columns: WireColumn[], progressive: boolean): PendingTable {
  const capacity = tableKind === 'PrimaryResult' ? 1024 : 16;
  const builders = columns.map((c) => new ColumnBuilder(c.ColumnName, c.ColumnType, capacity));
  return {
    tableId, tableKind, tableName, builders, kinds: Uint8Array.from(builders, (b) => b.kind),
    rowCount: 0, capacity, completed: !progressive, progressive,
  };
}

/** The byte reader. `i` is the position of the next unread byte. */
class Reader {
  i = 0;
  readonly n: number;

  constructor(readonly b: Uint8Array) {
    this.n = b.length;
  }

  eof(): never {
    fail('the response ends in the middle of a value (it was cut off)');
  }

  ws(): number {
    const b = this.b;
    let i = this.i;
    let c = b[i];
    while (c === 32 || c === 10 || c === 13 || c === 9) c = b[++i];
    this.i = i;
    if (i >= this.n) this.eof();
    return c!;
  }

  expect(byte: number, what: string): void {
    if (this.ws() !== byte) fail(`expected ${what} at byte ${this.i}`);
    this.i++;
  }

  /** Position just past the closing quote of the string starting at `i` (which holds the opening quote). */
  stringEnd(i: number): number {
    const b = this.b;
    const n = this.n;
    i++;
    for (;;) {
      if (i >= n) this.eof();
      const c = b[i]!;
      if (c === QUOTE) return i + 1;
      i += c === BACKSLASH ? 2 : 1;
    }
  }

  /** Moves past one JSON value of any kind, checking brackets only; returns its start. */
  skipValue(): number {
    const b = this.b;
    const c = this.ws();
    const start = this.i;
    if (c === QUOTE) {
      this.i = this.stringEnd(start);
    } else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      let depth = 0;
      let i = start;
      for (;;) {
        if (i >= this.n) this.eof();
        const d = b[i]!;
        if (d === QUOTE) {
          i = this.stringEnd(i);
          continue;
        }
        if (d === OPEN_ARRAY || d === OPEN_OBJECT) depth++;
        else if (d === CLOSE_ARRAY || d === CLOSE_OBJECT) {
          if (--depth === 0) break;
        }
        i++;
      }
      this.i = i + 1;
    } else {
      let i = start;
      for (;;) {
        const d = b[i];
        if (d === undefined) this.eof();
        if (d === COMMA || d === CLOSE_ARRAY || d === CLOSE_OBJECT || d === 32 || d === 10 || d === 13 || d === 9) break;
        i++;
      }
      if (i === start) fail(`expected a value at byte ${start}`);
      const first = b[start]!;
      if (!((first >= 48 && first <= 57) || first === MINUS || first === 116 || first === 102 || first === 110)) {
        fail(`unexpected '${String.fromCharCode(first)}' at byte ${start}`);
      }
      this.i = i;
    }
    return start;
  }

  latin1(start: number, end: number): string {
    return String.fromCharCode.apply(null, this.b.subarray(start, end) as unknown as number[]);
  }

  /** A whole JSON value as JS, for frame headers and in-data errors (small); big integers become bigint. */
  parseValue(): unknown {
    const c = this.ws();
    if (c === OPEN_OBJECT) {
      this.i++;
      const out: Record<string, unknown> = {};
      if (this.ws() === CLOSE_OBJECT) {
        this.i++;
        return out;
      }
      for (;;) {
        if (this.ws() !== QUOTE) fail(`expected a key at byte ${this.i}`);
        const key = this.parseString();
        this.expect(COLON, "':'");
        out[key] = this.parseValue();
        const d = this.ws();
        this.i++;
        if (d === CLOSE_OBJECT) return out;
        if (d !== COMMA) fail(`expected ',' or '}' at byte ${this.i - 1}`);
      }
    }
    if (c === OPEN_ARRAY) {
      this.i++;
      const out: unknown[] = [];
      if (this.ws() === CLOSE_ARRAY) {
        this.i++;
        return out;
      }
      for (;;) {
        out.push(this.parseValue());
        const d = this.ws();
        this.i++;
        if (d === CLOSE_ARRAY) return out;
        if (d !== COMMA) fail(`expected ',' or ']' at byte ${this.i - 1}`);
      }
    }
    if (c === QUOTE) return this.parseString();
    const start = this.skipValue();
    const token = this.latin1(start, this.i);
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (token === 'null') return null;
    if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) return BigInt(token);
    const n = Number(token);
    if (!/^-?\d/.test(token) || Number.isNaN(n)) fail(`'${token}' is not a JSON value`);
    return n;
  }

  parseString(): string {
    const start = this.i;
    const end = this.stringEnd(start);
    this.i = end;
    try {
      const value: unknown = JSON.parse(utf8.decode(this.b.subarray(start, end)));
      if (typeof value === 'string') return value;
    } catch {
      // fall through to the error below
    }
    return fail(`invalid string at byte ${start}`);
  }

  // ---- the typed row scanner ----

  /**
   * Reads a number token. Exact for up to 15 significant digits and |exponent| ≤ 22 (one rounding);
   * anything else goes through Number() on the token text, which rounds correctly.
   */
  number(): number {
    const b = this.b;
    let i = this.i;
    const start = i;
    let negative = false;
    if (b[i] === MINUS) {
      negative = true;
      i++;
    }
    let m = 0;
    let significant = 0;
    let exponent = 0;
    let digits = 0;
    let c = b[i]!;
    while (c >= 48 && c <= 57) {
      if (m !== 0 || c !== 48) significant++;
      m = m * 10 + (c - 48);
      digits++;
      c = b[++i]!;
    }
    if (c === 46) {
      c = b[++i]!;
      while (c >= 48 && c <= 57) {
        if (m !== 0 || c !== 48) significant++;
        m = m * 10 + (c - 48);
        exponent--;
        digits++;
        c = b[++i]!;
      }
    }
    if (digits === 0) fail(`expected a number at byte ${start}`);
    const exact = significant <= 15;
    if (c === 101 || c === 69) {
      c = b[++i]!;
      let sign = 1;
      if (c === MINUS || c === 43) {
        if (c === MINUS) sign = -1;
        c = b[++i]!;
      }
      let e = 0;
      let eDigits = 0;
      while (c >= 48 && c <= 57) {
        e = e * 10 + (c - 48);
        eDigits++;
        c = b[++i]!;
      }
      if (eDigits === 0) fail(`expected an exponent at byte ${i}`);
      exponent += sign * e;
    }
    if (i >= this.n) this.eof();
    this.i = i;
    if (exact && exponent >= -22 && exponent <= 22) {
      const v = exponent < 0 ? m / POW10[-exponent]! : m * POW10[exponent]!;
      return negative ? -v : v;
    }
    return Number(this.latin1(start, i));
  }

  /** Whether the number token just read (from `start`) is an integer of more than 15 digits. */
  bigIntegerToken(start: number): boolean {
    const b = this.b;
    let digits = 0;
    for (let k = start; k < this.i; k++) {
      const c = b[k]!;
      if (c === 46 || c === 101 || c === 69) return false;
      if (c !== MINUS) digits++;
    }
    return digits > 15;
  }

  /** At 'n': consumes `null` or fails. */
  literalNull(): void {
    const b = this.b;
    const i = this.i;
    if (b[i + 1] !== 117 || b[i + 2] !== 108 || b[i + 3] !== 108) fail(`unexpected token at byte ${i}`);
    this.i = i + 4;
  }

  /**
   * Copies the string at `i` (opening quote) into the column's text store, unescaped, as UTF-8.
   * Lone surrogates from \u escapes become U+FFFD: UTF-8 can't hold them (JSON.parse would keep them).
   */
  stringInto(builder: ColumnBuilder): void {
    const text = builder.text!;
    const b = this.b;
    const n = this.n;
    const start = this.i + 1;
    let i = start;
    let c = 0;
    while (i < n && (c = b[i]!) !== QUOTE && c !== BACKSLASH) i++;
    if (i >= n) this.eof();
    text.appendBytes(b, start, i);
    if (c === QUOTE) {
      this.i = i + 1;
      return;
    }
    for (;;) {
      if (i >= n) this.eof();
      c = b[i]!;
      if (c === QUOTE) break;
      if (c !== BACKSLASH) {
        const runStart = i;
        while (i < n && (c = b[i]!) !== QUOTE && c !== BACKSLASH) i++;
        text.appendBytes(b, runStart, i);
        continue;
      }
      const e = b[i + 1];
      text.reserve(4);
      const out = text.bytes;
      switch (e) {
        case QUOTE: case BACKSLASH: case 47: out[text.length++] = e; i += 2; break;
        case 98: out[text.length++] = 8; i += 2; break;
        case 102: out[text.length++] = 12; i += 2; break;
        case 110: out[text.length++] = 10; i += 2; break;
        case 114: out[text.length++] = 13; i += 2; break;
        case 116: out[text.length++] = 9; i += 2; break;
        case 117: {
          let cp = this.hex4(i + 2);
          i += 6;
          if (cp >= 0xd800 && cp <= 0xdbff && b[i] === BACKSLASH && b[i + 1] === 117) {
            const low = this.hex4(i + 2);
            if (low >= 0xdc00 && low <= 0xdfff) {
              cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
              i += 6;
            }
          }
          if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
          let o = text.length;
          if (cp < 0x80) out[o++] = cp;
          else if (cp < 0x800) {
            out[o++] = 0xc0 | (cp >> 6);
            out[o++] = 0x80 | (cp & 63);
          } else if (cp < 0x10000) {
            out[o++] = 0xe0 | (cp >> 12);
            out[o++] = 0x80 | ((cp >> 6) & 63);
            out[o++] = 0x80 | (cp & 63);
          } else {
            out[o++] = 0xf0 | (cp >> 18);
            out[o++] = 0x80 | ((cp >> 12) & 63);
            out[o++] = 0x80 | ((cp >> 6) & 63);
            out[o++] = 0x80 | (cp & 63);
          }
          text.length = o;
          break;
        }
        case undefined: this.eof();
        // falls through (eof() throws)
        default: fail(`invalid escape at byte ${i}`);
      }
    }
    this.i = i + 1;
  }

  hex4(at: number): number {
    let v = 0;
    for (let k = at; k < at + 4; k++) {
      const c = this.b[k];
      if (c === undefined) this.eof();
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) fail(`invalid \\u escape at byte ${at - 2}`);
      v = v * 16 + d;
    }
    return v;
  }

  /** The string at `i` as a JS string (cells that need one, like "NaN" in a real column). */
  cellString(): string {
    return this.parseString();
  }

  /**
   * `"yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z"`, the only form the service writes, read in place; other
   * forms go through parseKustoDatetimeParts. Returns false when the cell isn't that form.
   */
  datetimeInto(builder: ColumnBuilder, row: number): boolean {
    const b = this.b;
    const p = this.i + 1;
    const year = digit(b, p) * 1000 + digit(b, p + 1) * 100 + digit(b, p + 2) * 10 + digit(b, p + 3);
    const month = digit(b, p + 5) * 10 + digit(b, p + 6);
    const day = digit(b, p + 8) * 10 + digit(b, p + 9);
    const hour = digit(b, p + 11) * 10 + digit(b, p + 12);
    const minute = digit(b, p + 14) * 10 + digit(b, p + 15);
    const second = digit(b, p + 17) * 10 + digit(b, p + 18);
    if (
      year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
      || b[p + 4] !== MINUS || b[p + 7] !== MINUS || b[p + 10] !== 84 || b[p + 13] !== COLON || b[p + 16] !== COLON
    ) return false;
    let i = p + 19;
    let fraction = 0;
    let scale = 1_000_000;
    if (b[i] === 46) {
      i++;
      let c = b[i]! - 48;
      while (c >= 0 && c <= 9) {
        if (scale >= 1) fraction += c * scale;
        scale /= 10;
        c = b[++i]! - 48;
      }
      if (scale === 1_000_000) return false;
    }
    if (b[i] !== 90 || b[i + 1] !== QUOTE) return false;
    const millis = Math.floor(fraction / 10_000);
    const ticks = fraction - millis * 10_000;
    builder.f64[row] = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis + ticks / 10_000;
    builder.u16[row] = ticks;
    this.i = i + 2;
    return true;
  }

  /** One cell of a typed column. Cells that don't fit the type read as null, like JSON of another shape. */
  cell(builder: ColumnBuilder, kind: number, row: number, c: number): void {
    if (c === 110 && kind !== K_STRING && kind !== K_DYNAMIC) {
      this.literalNull();
      builder.setNull(row);
      if (builder.text) builder.text.offsets[row + 1] = builder.text.length;
      return;
    }
    switch (kind) {
      case K_REAL:
        if ((c >= 48 && c <= 57) || c === MINUS) builder.f64[row] = this.number();
        else if (c === QUOTE) {
          const v = parseKustoReal(this.cellString());
          if (v === null) builder.setNull(row);
          else builder.f64[row] = v;
        } else this.mismatch(builder, row);
        return;
      case K_LONG:
        if ((c >= 48 && c <= 57) || c === MINUS) {
          const start = this.i;
          const v = this.number();
          if (this.bigIntegerToken(start)) builder.i64[row] = BigInt(this.latin1(start, this.i));
          else if (Number.isInteger(v)) writeSafeLong(builder, row, v);
          else builder.setNull(row);
        } else this.mismatch(builder, row);
        return;
      case K_INT:
        if ((c >= 48 && c <= 57) || c === MINUS) {
          const v = this.number();
          if (Number.isFinite(v)) builder.i32[row] = v;
          else builder.setNull(row);
        } else this.mismatch(builder, row);
        return;
      case K_STRING:
        if (c === QUOTE) this.stringInto(builder);
        else if (c === 110) this.literalNull();
        else {
          const start = this.skipValue();
          builder.text!.appendBytes(this.b, start, this.i);
        }
        builder.text!.offsets[row + 1] = builder.text!.length;
        return;
      case K_DATETIME:
        if (c !== QUOTE) this.mismatch(builder, row);
        else if (!this.datetimeInto(builder, row)) {
          const parts = parseKustoDatetimeParts(this.cellString());
          if (parts === null) builder.setNull(row);
          else {
            builder.f64[row] = parts.ms + parts.ticks / 10_000;
            builder.u16[row] = parts.ticks;
          }
        }
        return;
      case K_BOOL:
        if (c === 116 && this.b[this.i + 1] === 114 && this.b[this.i + 2] === 117 && this.b[this.i + 3] === 101) {
          builder.u8[row] = 1;
          this.i += 4;
        } else if (c === 102 && this.b[this.i + 1] === 97 && this.b[this.i + 2] === 108 && this.b[this.i + 3] === 115 && this.b[this.i + 4] === 101) {
          builder.u8[row] = 0;
          this.i += 5;
        } else if (c >= 48 && c <= 57) {
          const v = this.number();
          if (v === 0 || v === 1) builder.u8[row] = v;
          else builder.setNull(row);
        } else this.mismatch(builder, row);
        return;
      case K_DYNAMIC: {
        const start = this.skipValue();
        if (c === 110 && this.i - start === 4) builder.setNull(row);
        else builder.text!.appendBytes(this.b, start, this.i);
        builder.text!.offsets[row + 1] = builder.text!.length;
        return;
      }
      case K_GUID:
      case K_DECIMAL: {
        const text = builder.text!;
        if (c === QUOTE) this.stringInto(builder);
        else {
          // A number in a decimal column: its digits are the exact value.
          const start = this.skipValue();
          text.appendBytes(this.b, start, this.i);
        }
        text.offsets[row + 1] = text.length;
        return;
      }
      case K_TIMESPAN: {
        const text = builder.text!;
        const before = text.length;
        if (c === QUOTE) this.stringInto(builder);
        else if ((c >= 48 && c <= 57) || c === MINUS) {
          const start = this.skipValue();
          text.appendBytes(this.b, start, this.i);
        } else {
          this.mismatch(builder, row);
          return;
        }
        const ms = c === QUOTE ? timespanFromBytes(text.bytes, before, text.length) : parseKustoTimespan(Number(this.latinText(text.bytes, before, text.length)));
        if (Number.isNaN(ms)) {
          builder.setNull(row);
          text.length = before;
        } else builder.f64[row] = ms;
        text.offsets[row + 1] = text.length;
        return;
      }
    }
  }

  latinText(bytes: Uint8Array, start: number, end: number): string {
    let s = '';
    for (let k = start; k < end; k++) s += String.fromCharCode(bytes[k]!);
    return s;
  }

  mismatch(builder: ColumnBuilder, row: number): void {
    this.skipValue();
    builder.setNull(row);
    if (builder.text) builder.text.offsets[row + 1] = builder.text.length;
  }

  /** `Rows` of a table whose columns are known: typed cells straight into the stores. */
  rows(table: PendingTable, errors: OneApiError[]): void {
    this.expect(OPEN_ARRAY, "'[' (Rows)");
    if (this.ws() === CLOSE_ARRAY) {
      this.i++;
      return;
    }
    const { builders, kinds } = table;
    const width = builders.length;
    for (;;) {
      const first = this.ws();
      if (first === OPEN_ARRAY) {
        this.i++;
        const row = table.rowCount;
        if (row === table.capacity) {
          table.capacity *= 2;
          for (const builder of builders) builder.grow(table.capacity);
        }
        let c = this.ws();
        if (width === 0 && c !== CLOSE_ARRAY) this.tooWide(table, 0);
        for (let k = 0; k < width; k++) {
          this.cell(builders[k]!, kinds[k]!, row, c);
          c = this.ws();
          this.i++;
          if (c === COMMA) {
            if (k === width - 1) this.tooWide(table, width);
            c = this.ws();
          } else if (c === CLOSE_ARRAY) {
            if (k !== width - 1) fail(`a row of table ${table.tableId} has ${k + 1} values for ${width} columns`);
          } else fail(`expected ',' or ']' in a row at byte ${this.i - 1}`);
        }
        if (width === 0) this.i++;
        table.rowCount = row + 1;
      } else if (first === OPEN_OBJECT) {
        // results_error_reporting_placement=in_data (PY streaming_response.py row_iterator).
        const value = this.parseValue();
        if (!isRecord(value) || !('OneApiErrors' in value)) fail(`a row of table ${table.tableId} is not an array`);
        errors.push(...readOneApiErrors(value['OneApiErrors']));
      } else fail(`a row of table ${table.tableId} is not an array`);
      const d = this.ws();
      this.i++;
      if (d === CLOSE_ARRAY) return;
      if (d !== COMMA) fail(`expected ',' or ']' after a row at byte ${this.i - 1}`);
    }
  }

  /** A row with more values than columns: count them for the message. */
  tooWide(table: PendingTable, seen: number): never {
    let count = seen;
    for (;;) {
      this.skipValue();
      count++;
      const d = this.ws();
      this.i++;
      if (d === CLOSE_ARRAY) break;
      if (d !== COMMA) break;
    }
    fail(`a row of table ${table.tableId} has ${count} values for ${table.builders.length} columns`);
  }
}

function readColumns(value: unknown, where: string): WireColumn[] {
  if (!Array.isArray(value)) fail(`${where} has no Columns`);
  return value.map((c, i) => {
    if (!isRecord(c) || typeof c['ColumnName'] !== 'string' || typeof c['ColumnType'] !== 'string') {
      fail(`${where} column ${i} has no ColumnName/ColumnType`);
    }
    return { ColumnName: c['ColumnName'], ColumnType: c['ColumnType'] };
  });
}

function readTableId(frame: Record<string, unknown>, where: string): number {
  const id = frame['TableId'];
  if (typeof id !== 'number' || !Number.isInteger(id)) fail(`${where} has no TableId`);
  return id;
}

function readOneApiErrors(value: unknown): OneApiError[] {
  if (!Array.isArray(value)) return [];
  return value.map(parseOneApiError).filter((e): e is OneApiError => e !== null);
}

function parseJsonString(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function findColumn(table: ColumnarTable, name: string): ColumnarColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

function readVisualizations(table: ColumnarTable, into: Map<number, Visualization>): void {
  const id = findColumn(table, 'TableId');
  const key = findColumn(table, 'Key');
  const value = findColumn(table, 'Value');
  if (!id || !key || !value || id.type !== 'int') return;
  for (let r = 0; r < table.rowCount; r++) {
    if (stringAt(key, r) !== 'Visualization' || isNullAt(id, r)) continue;
    // The service puts the bag in the dynamic column as a JSON string: parse it a second time.
    const bag = parseJsonString(formatCell(value, r));
    if (isRecord(bag)) into.set(id.values[r]!, bag);
  }
}

/**
 * Level ≤ 2 rows are errors (azure-kusto-node response.ts ErrorLevels); Level 6
 * QueryResourceConsumption holds the stats. An error row's Payload is either a OneAPI error or
 * `{"Count":n,"Text":"…"}`; the readable text is its `Text`, never the JSON itself.
 */
function readCompletionInformation(table: ColumnarTable, errors: OneApiError[]): QueryStats | null {
  const level = findColumn(table, 'Level');
  const eventType = findColumn(table, 'EventTypeName');
  const payload = findColumn(table, 'Payload');
  const statusName = findColumn(table, 'StatusCodeName');
  let stats: QueryStats | null = null;
  for (let r = 0; r < table.rowCount; r++) {
    const text = payload ? formatCell(payload, r) : '';
    const body = payload ? parseJsonString(text) : null;
    if (eventType && stringAt(eventType, r) === 'QueryResourceConsumption' && isRecord(body)) {
      const seconds = body['ExecutionTime'];
      stats = { executionTimeSec: typeof seconds === 'number' ? seconds : null, resourceConsumption: body };
    }
    const lvl = level && level.type === 'int' && !isNullAt(level, r) ? level.values[r]! : null;
    if (lvl !== null && lvl <= 2) {
      const parsed = parseOneApiError(body);
      const status = statusName ? stringAt(statusName, r) : '';
      const payloadText = isRecord(body) && typeof body['Text'] === 'string' ? body['Text'] : isRecord(body) ? '' : text;
      const description = payloadText || status || 'Error';
      errors.push(parsed ?? {
        code: status || 'QueryError', message: description, description, type: null, permanent: null, innerCode: null, line: null, column: null,
      });
    }
  }
  return stats;
}

function dedupe(errors: OneApiError[]): OneApiError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.code}\u0000${e.description}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

class FrameDecoder {
  readonly tables = new Map<number, PendingTable>();
  readonly errors: OneApiError[] = [];
  completion: Record<string, unknown> | null = null;
  frameCount = 0;

  constructor(readonly reader: Reader) {}

  /**
   * The table a frame's `Rows` belong to, when the keys before `Rows` say so (the service writes
   * FrameType, TableId, … Columns before Rows); null means "read the frame first, then the rows".
   */
  private tableForRows(frame: Record<string, unknown>): PendingTable | null {
    const type = frame['FrameType'];
    if (type === 'DataTable' && typeof frame['TableId'] === 'number' && 'Columns' in frame && 'TableKind' in frame && 'TableName' in frame) return this.startTable(frame, 'DataTable');
    if (type === 'TableFragment' && typeof frame['TableId'] === 'number' && 'TableFragmentType' in frame) return this.fragmentTable(frame);
    return null;
  }

  private startTable(frame: Record<string, unknown>, type: 'DataTable' | 'TableHeader'): PendingTable {
    const tableId = readTableId(frame, type);
    if (this.tables.has(tableId)) fail(`table ${tableId} appears twice`);
    const table = newTable(
      tableId,
      typeof frame['TableKind'] === 'string' ? frame['TableKind'] : 'Unknown',
      typeof frame['TableName'] === 'string' ? frame['TableName'] : `Table_${tableId}`,
      readColumns(frame['Columns'], type),
      type === 'TableHeader',
    );
    this.tables.set(tableId, table);
    return table;
  }

  private fragmentTable(frame: Record<string, unknown>): PendingTable {
    const tableId = readTableId(frame, 'TableFragment');
    const table = this.existing(tableId, 'TableFragment');
    if (frame['TableFragmentType'] === 'DataReplace') {
      // DataReplace: the fragment replaces every row so far (progressive mode).
      table.rowCount = 0;
      for (const builder of table.builders) builder.reset();
    }
    return table;
  }

  private existing(tableId: number, type: string): PendingTable {
    const table = this.tables.get(tableId);
    if (!table || !table.progressive) fail(`${type} for table ${tableId} without its TableHeader`);
    if (table.completed) fail(`${type} for table ${tableId} after its TableCompletion`);
    return table;
  }

  frame(): void {
    const reader = this.reader;
    const index = this.frameCount++;
    if (reader.ws() !== OPEN_OBJECT) fail(`frame ${index} is not an object`);
    reader.i++;
    const frame: Record<string, unknown> = {};
    let rowsTable: PendingTable | null = null;
    let rowsAt = -1;
    if (reader.ws() !== CLOSE_OBJECT) {
      for (;;) {
        if (reader.ws() !== QUOTE) fail(`expected a key at byte ${reader.i}`);
        const key = reader.parseString();
        reader.expect(COLON, "':'");
        if (key === 'Rows' && index > 0 && this.completion === null) {
          rowsTable = this.tableForRows(frame);
          if (rowsTable) reader.rows(rowsTable, this.errors);
          else rowsAt = reader.skipValue();
          frame[key] = true;
        } else {
          frame[key] = reader.parseValue();
        }
        const d = reader.ws();
        reader.i++;
        if (d === CLOSE_OBJECT) break;
        if (d !== COMMA) fail(`expected ',' or '}' at byte ${reader.i - 1}`);
      }
    } else reader.i++;

    if (index === 0) {
      if (frame['FrameType'] !== 'DataSetHeader') fail('the first frame is not DataSetHeader');
      return;
    }
    const type = frame['FrameType'];
    if (typeof type !== 'string') fail(`frame ${index} has no FrameType`);
    if (this.completion) fail(`frame ${index} (${type}) comes after DataSetCompletion`);
    let table = rowsTable;
    switch (type) {
      case 'DataTable':
      case 'TableHeader':
        table ??= this.startTable(frame, type);
        break;
      case 'TableFragment':
        table ??= this.fragmentTable(frame);
        break;
      case 'TableProgress':
        this.existing(readTableId(frame, type), type);
        break;
      case 'TableCompletion':
        this.existing(readTableId(frame, type), type).completed = true;
        this.errors.push(...readOneApiErrors(frame['OneApiErrors']));
        break;
      case 'DataSetCompletion':
        this.completion = frame;
        if (frame['HasErrors'] === true) this.errors.push(...readOneApiErrors(frame['OneApiErrors']));
        break;
      default:
        // A frame type this client does not know: newer service versions may add some.
        break;
    }
    if ((type === 'DataTable' || type === 'TableFragment') && !rowsTable) {
      if (rowsAt < 0) fail(`table ${table!.tableId} has no Rows`);
      const resume = reader.i;
      reader.i = rowsAt;
      reader.rows(table!, this.errors);
      reader.i = resume;
    }
  }

  finish(): { dataSet: DataSet; errors: OneApiError[] } {
    if (this.frameCount === 0) fail('the first frame is not DataSetHeader');
    const completion = this.completion;
    if (!completion) fail('the response ends before DataSetCompletion (it was cut off)');
    const visualizations = new Map<number, Visualization>();
    let stats: QueryStats | null = null;
    // The same failure is reported in OneApiErrors and again as a QueryCompletionInformation row
    // (https://learn.microsoft.com/kusto/api/rest/response-v2): the rows count only when nothing else reported one.
    const completionErrors: OneApiError[] = [];
    const built: ColumnarTable[] = [];
    for (const table of this.tables.values()) {
      const columnar: ColumnarTable = {
        tableId: table.tableId,
        tableKind: table.tableKind,
        tableName: table.tableName,
        rowCount: table.rowCount,
        columns: table.builders.map((b) => b.finish(table.rowCount)),
      };
      if (table.tableKind === 'QueryProperties' && table.tableName === '@ExtendedProperties') readVisualizations(columnar, visualizations);
      if (table.tableKind === 'QueryCompletionInformation') stats = readCompletionInformation(columnar, completionErrors) ?? stats;
      built.push(columnar);
    }
    return {
      dataSet: {
        tables: built,
        primaryResults: built.filter((t) => t.tableKind === 'PrimaryResult'),
        visualizations,
        stats,
        cancelled: completion['Cancelled'] === true,
      },
      errors: dedupe(this.errors.length > 0 ? this.errors : completionErrors),
    };
  }
}

function decodeFrames(bytes: Uint8Array): { dataSet: DataSet; errors: OneApiError[] } {
  const reader = new Reader(bytes);
  // A UTF-8 byte order mark is legal before JSON text (RFC 8259 §8.1 lets parsers ignore it).
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) reader.i = 3;
  if (reader.ws() !== OPEN_ARRAY) fail('the body is not a list of v2 frames');
  reader.i++;
  const decoder = new FrameDecoder(reader);
  if (reader.ws() !== CLOSE_ARRAY) {
    for (;;) {
      decoder.frame();
      const d = reader.ws();
      reader.i++;
      if (d === CLOSE_ARRAY) break;
      if (d !== COMMA) fail(`expected ',' or ']' between frames at byte ${reader.i - 1}`);
    }
  } else reader.i++;
  while (reader.i < bytes.length) {
    const c = bytes[reader.i];
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) fail(`unexpected data after the frames at byte ${reader.i}`);
    reader.i++;
  }
  return decoder.finish();
}

/** Decodes the UTF-8 bytes of a v2 response body. */
export function decodeV2Bytes(bytes: Uint8Array): DecodeResult {
  try {
    const { dataSet, errors } = decodeFrames(bytes);
    let partial: KustoError | null = null;
    if (errors.length > 0) partial = partialError(errors);
    else if (dataSet.cancelled) partial = kustoError('cancelled', 'The query was cancelled; the results may be incomplete.');
    return { ok: true, dataSet, partial };
  } catch (e) {
    if (e instanceof MalformedResponse) {
      return { ok: false, error: kustoError('malformed-response', `The cluster sent a malformed response: ${e.message}.`) };
    }
    throw e;
  }
}

const utf8Encoder = new TextEncoder();

/** Decodes a v2 response body already read as text. */
export function decodeV2Frames(text: string): DecodeResult {
  return decodeV2Bytes(utf8Encoder.encode(text));
}
