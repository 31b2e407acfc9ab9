/**
 * The typed cell writer of the v2 decoder: reads a table's `Rows` (a JSON array of row arrays)
 * knowing each column's type from the table header, and writes each cell straight into its
 * column store (src/kusto/columnar.ts). No JSON.parse tree, no row arrays, no string per text
 * cell; longs are read from their digits so they stay exact above 2^53. A cell that does not fit
 * its column's type reads as null, like JSON of another shape.
 *
 * Cell encodings: https://learn.microsoft.com/kusto/api/rest/response-v2 and
 * https://learn.microsoft.com/kusto/query/scalar-data-types/ (notes in src/kusto/README.md).
 */

import { ColumnBuilder, KIND, writeSafeLong } from './columnar';
import { parseOneApiError, type OneApiError } from './errors';
import {
  BACKSLASH, BACKSPACE, CARRIAGE_RETURN, CLOSE_ARRAY, COLON, COMMA, DIGIT_0, DIGIT_9, DOT, FORM_FEED, JsonByteScanner, LINE_FEED,
  LOWER_A, LOWER_B, LOWER_E, LOWER_F, LOWER_L, LOWER_N, LOWER_R, LOWER_S, LOWER_T, LOWER_U, MINUS, OPEN_ARRAY, OPEN_OBJECT, QUOTE,
  SLASH, TAB, UPPER_T, UPPER_Z, digit, fail, isRecord,
} from './json-byte-scanner';
import { daysFromCivil, parseKustoDatetimeParts, parseKustoReal, parseKustoTimespan } from './values';

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

/** A table whose rows are being written: its column stores and how many rows they hold. */
export interface RowTable {
  tableId: number;
  builders: ColumnBuilder[];
  /** Each builder's KIND, for the per-cell switch. */
  kinds: Uint8Array;
  rowCount: number;
  /** Rows the stores have room for; doubled when full. */
  capacity: number;
}

export function readOneApiErrors(value: unknown): OneApiError[] {
  if (!Array.isArray(value)) return [];
  return value.map(parseOneApiError).filter((e): e is OneApiError => e !== null);
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
  while (i < end && b[i]! >= DIGIT_0 && b[i]! <= DIGIT_9) {
    first = first * 10 + b[i]! - DIGIT_0;
    i++;
    n++;
  }
  if (n === 0) return NaN;
  let days = 0;
  let hours = first;
  if (b[i] === DOT) {
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
  if (i < end && b[i] === DOT) {
    i++;
    let scale = 100;
    let k = 0;
    while (i < end && b[i]! >= DIGIT_0 && b[i]! <= DIGIT_9 && k < 7) {
      fraction += (b[i]! - DIGIT_0) * scale;
      scale /= 10;
      i++;
      k++;
    }
    if (k === 0) return NaN;
  }
  if (i !== end) return NaN;
  return sign * ((((days * 24 + hours) * 60 + minutes) * 60 + seconds) * 1000 + fraction);
}

export class V2CellWriter extends JsonByteScanner {
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
        case QUOTE: case BACKSLASH: case SLASH: out[text.length++] = e; i += 2; break;
        case LOWER_B: out[text.length++] = BACKSPACE; i += 2; break;
        case LOWER_F: out[text.length++] = FORM_FEED; i += 2; break;
        case LOWER_N: out[text.length++] = LINE_FEED; i += 2; break;
        case LOWER_R: out[text.length++] = CARRIAGE_RETURN; i += 2; break;
        case LOWER_T: out[text.length++] = TAB; i += 2; break;
        case LOWER_U: {
          let cp = this.hex4(i + 2);
          i += 6;
          if (cp >= 0xd800 && cp <= 0xdbff && b[i] === BACKSLASH && b[i + 1] === LOWER_U) {
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
        default: this.failAt(`invalid escape`, i);
      }
    }
    this.i = i + 1;
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
      || b[p + 4] !== MINUS || b[p + 7] !== MINUS || b[p + 10] !== UPPER_T || b[p + 13] !== COLON || b[p + 16] !== COLON
    ) return false;
    let i = p + 19;
    let fraction = 0;
    let scale = 1_000_000;
    if (b[i] === DOT) {
      i++;
      let c = b[i]! - DIGIT_0;
      while (c >= 0 && c <= 9) {
        if (scale >= 1) fraction += c * scale;
        scale /= 10;
        c = b[++i]! - DIGIT_0;
      }
      if (scale === 1_000_000) return false;
    }
    if (b[i] !== UPPER_Z || b[i + 1] !== QUOTE) return false;
    const millis = Math.floor(fraction / 10_000);
    const ticks = fraction - millis * 10_000;
    builder.f64[row] = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis + ticks / 10_000;
    builder.u16[row] = ticks;
    this.i = i + 2;
    return true;
  }

  /** One cell of a typed column. Cells that don't fit the type read as null, like JSON of another shape. */
  cell(builder: ColumnBuilder, kind: number, row: number, c: number): void {
    if (c === LOWER_N && kind !== K_STRING && kind !== K_DYNAMIC) {
      this.literalNull();
      builder.setNull(row);
      if (builder.text) builder.text.offsets[row + 1] = builder.text.length;
      return;
    }
    switch (kind) {
      case K_REAL:
        if ((c >= DIGIT_0 && c <= DIGIT_9) || c === MINUS) builder.f64[row] = this.number();
        else if (c === QUOTE) {
          const v = parseKustoReal(this.cellString());
          if (v === null) builder.setNull(row);
          else builder.f64[row] = v;
        } else this.mismatch(builder, row);
        return;
      case K_LONG:
        if ((c >= DIGIT_0 && c <= DIGIT_9) || c === MINUS) {
          const start = this.i;
          const v = this.number();
          if (this.bigIntegerToken(start)) builder.i64[row] = BigInt(this.latin1(start, this.i));
          else if (Number.isInteger(v)) writeSafeLong(builder, row, v);
          else builder.setNull(row);
        } else this.mismatch(builder, row);
        return;
      case K_INT:
        if ((c >= DIGIT_0 && c <= DIGIT_9) || c === MINUS) {
          const v = this.number();
          if (Number.isFinite(v)) builder.i32[row] = v;
          else builder.setNull(row);
        } else this.mismatch(builder, row);
        return;
      case K_STRING:
        if (c === QUOTE) this.stringInto(builder);
        else if (c === LOWER_N) this.literalNull();
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
        if (c === LOWER_T && this.b[this.i + 1] === LOWER_R && this.b[this.i + 2] === LOWER_U && this.b[this.i + 3] === LOWER_E) {
          builder.u8[row] = 1;
          this.i += 4;
        } else if (c === LOWER_F && this.b[this.i + 1] === LOWER_A && this.b[this.i + 2] === LOWER_L && this.b[this.i + 3] === LOWER_S && this.b[this.i + 4] === LOWER_E) {
          builder.u8[row] = 0;
          this.i += 5;
        } else if (c >= DIGIT_0 && c <= DIGIT_9) {
          const v = this.number();
          if (v === 0 || v === 1) builder.u8[row] = v;
          else builder.setNull(row);
        } else this.mismatch(builder, row);
        return;
      case K_DYNAMIC: {
        const start = this.skipValue();
        if (c === LOWER_N && this.i - start === 4) builder.setNull(row);
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
        else if ((c >= DIGIT_0 && c <= DIGIT_9) || c === MINUS) {
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

  /**
   * Where the last row (or the `[` of `Rows`) ended, and whether a row was read there (a `,` or
   * `]` comes next) or one comes next: a body read in pieces resumes from here when a piece ends
   * inside a row (`rollBackRow`).
   */
  rowMark = 0;
  afterRow = false;

  /** At `Rows`' value: consumes its `[`; true when the array is empty (its `]` consumed too). */
  rowsOpen(): boolean {
    this.expect(OPEN_ARRAY, "'[' (Rows)");
    if (this.ws() === CLOSE_ARRAY) {
      this.i++;
      return true;
    }
    this.afterRow = false;
    this.rowMark = this.i;
    return false;
  }

  /** `Rows` of a table whose columns are known, from a row boundary to the array's `]`: typed cells straight into the stores. */
  rowsUntilEnd(table: RowTable, errors: OneApiError[]): void {
    const { builders, kinds } = table;
    const width = builders.length;
    // Called at a row boundary (after rowsOpen, or where rollBackRow left off, perhaps in a new buffer).
    this.rowMark = this.i;
    for (;;) {
      if (this.afterRow) {
        const d = this.ws();
        this.i++;
        if (d === CLOSE_ARRAY) return;
        if (d !== COMMA) this.failAt("expected ',' or ']' after a row", this.i - 1);
        this.afterRow = false;
        this.rowMark = this.i;
      }
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
          } else this.failAt("expected ',' or ']' in a row", this.i - 1);
        }
        if (width === 0) this.i++;
        table.rowCount = row + 1;
      } else if (first === OPEN_OBJECT) {
        // results_error_reporting_placement=in_data (PY streaming_response.py row_iterator).
        const value = this.parseValue();
        if (!isRecord(value) || !('OneApiErrors' in value)) fail(`a row of table ${table.tableId} is not an array`);
        errors.push(...readOneApiErrors(value['OneApiErrors']));
      } else fail(`a row of table ${table.tableId} is not an array`);
      this.afterRow = true;
      this.rowMark = this.i;
    }
  }

  /** `Rows` of a table whose columns are known, read whole. */
  rows(table: RowTable, errors: OneApiError[]): void {
    if (!this.rowsOpen()) this.rowsUntilEnd(table, errors);
  }

  /** The bytes ended inside a row: back to the last row boundary, the stores as they were there. */
  rollBackRow(table: RowTable): void {
    this.i = this.rowMark;
    for (const builder of table.builders) builder.dropRowsFrom(table.rowCount);
  }

  /** A row with more values than columns: count them for the message. */
  tooWide(table: RowTable, seen: number): never {
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
