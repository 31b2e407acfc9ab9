/**
 * One DuckDB data chunk as v2 row text, written as UTF-8 bytes straight from the vectors.
 * Reading row objects (getColumns → DuckDBTimestampNanosecondsValue → bigint math →
 * Date.toISOString → toJson → a rope the socket then flattens and re-encodes) cost ~4× DuckDB's
 * own time on a 500k-row projection (bench/cluster). Here the fixed-width types and VARCHAR are
 * read from the vector memory and their digits/bytes written into one Buffer per chunk; every
 * other type goes through encodeValue + toJson, so the bytes equal toJson(row(r)) for all types
 * (chunk.test.ts checks that on every type, nulls, escapes and edge values).
 */
import { type DuckDBDataChunk, DuckDBTypeId, type DuckDBVector } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { encodeValue } from './encode';
import { toJson } from './json';
import type { EncodedChunk, EncodedRow, EncodedRowsText, KustoType } from './types';

const MS_PER_DAY = 86_400_000;
/** 10000-01-01: toISOString switches to a six-digit ±year form from here on. */
const MAX_ISO_MS = 253_402_300_800_000;
const TWO_POW_32 = 4_294_967_296;
/** |hi| below this → the int64 is a safe integer (2^53 = 2^21 · 2^32). */
const SAFE_HI = 2_097_152;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const ZERO = 0x30;
const HEX = '0123456789abcdef';
const TWO_DIGITS = Buffer.from(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).join(''), 'latin1');
/** JSON.stringify's short escapes; other controls below 0x20 become \u00XX. */
const SHORT_ESCAPES: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 };

class ByteWriter {
  buf: Buffer;
  pos = 0;

  constructor(capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** ASCII-only text (digits, keywords). */
  ascii(s: string): void {
    this.ensure(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.pos++] = s.charCodeAt(i);
  }

  text(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A safe integer's decimal digits, as String(v) writes them. */
  int(v: number): void {
    this.ensure(17);
    if (v < 0) {
      this.buf[this.pos++] = 0x2d;
      v = -v;
    }
    let n = 1;
    for (let p = 10; p <= v; p *= 10) n++;
    this.digits(v, n);
  }

  /** Two digits of 0 ≤ v < 100, from a table. */
  two(v: number): void {
    const buf = this.buf;
    buf[this.pos++] = TWO_DIGITS[2 * v] ?? ZERO;
    buf[this.pos++] = TWO_DIGITS[2 * v + 1] ?? ZERO;
  }

  /** `n` zero-padded digits of 0 ≤ v < 2^53. Below 2^31 the math stays in int32 (no fmod). */
  digits(v: number, n: number): void {
    const buf = this.buf;
    let i = this.pos + n - 1;
    while (v >= 2_147_483_648) {
      const d = v % 10;
      buf[i--] = ZERO + d;
      v = (v - d) / 10;
    }
    let x = v | 0;
    for (; i >= this.pos; i--) {
      const q = (x / 10) | 0;
      buf[i] = ZERO + x - q * 10;
      x = q;
    }
    this.pos += n;
  }

  /**
   * A finite double as String(v) writes it. Values that are exactly the nearest double to some
   * k/1000 with |k| < 1e15 (prices, rounded metrics) print as k with the point put back and
   * trailing zeros dropped: no other decimal with at most 15 digits lies within half an ulp.
   */
  real(v: number): void {
    const k = Math.round(v * 1000);
    if (k / 1000 !== v || k <= -1e15 || k >= 1e15 || (v < 0.001 && v > -0.001)) {
      this.ascii(String(v));
      return;
    }
    this.ensure(20);
    let a = k;
    if (a < 0) {
      this.buf[this.pos++] = 0x2d;
      a = -a;
    }
    const milli = a % 1000;
    this.int((a - milli) / 1000);
    if (milli === 0) return;
    this.buf[this.pos++] = 0x2e;
    if (milli % 100 === 0) this.digits(milli / 100, 1);
    else if (milli % 10 === 0) this.digits(milli / 10, 2);
    else this.digits(milli, 3);
  }

  /** UTF-8 bytes as a JSON string body, escaped exactly as JSON.stringify does for valid UTF-8. */
  jsonString(bytes: Uint8Array, start = 0, end = bytes.length): void {
    this.ensure((end - start) * 6 + 2);
    const buf = this.buf;
    buf[this.pos++] = QUOTE;
    for (let i = start; i < end; i++) {
      const b = bytes[i] ?? 0;
      if (b >= 0x20 && b !== QUOTE && b !== BACKSLASH) {
        buf[this.pos++] = b;
      } else if (b === QUOTE || b === BACKSLASH) {
        buf[this.pos++] = BACKSLASH;
        buf[this.pos++] = b;
      } else {
        buf[this.pos++] = BACKSLASH;
        const short = SHORT_ESCAPES[b];
        if (short !== undefined) buf[this.pos++] = short;
        else {
          buf[this.pos++] = 0x75; // u00XX
          buf[this.pos++] = ZERO;
          buf[this.pos++] = ZERO;
          buf[this.pos++] = HEX.charCodeAt(b >> 4);
          buf[this.pos++] = HEX.charCodeAt(b & 15);
        }
      }
    }
    buf[this.pos++] = QUOTE;
  }
}

type CellWriter = (w: ByteWriter, r: number) => void;

/**
 * A VARCHAR cell as a JSON string: duckdb_string_t is 16 bytes, inlined up to 12 (written from
 * the vector in place: a subarray per cell was most of the column's cost), else a pointer.
 */
function writeVarchar(w: ByteWriter, data: Uint8Array, view: DataView, r: number): void {
  const offset = r * 16;
  const length = view.getUint32(offset, true);
  if (length <= 12) w.jsonString(data, offset + 4, offset + 4 + length);
  else w.jsonString(duckdb.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + offset + 8, length));
}

function datetimeWriter(halves: Int32Array, fallback: CellWriter): CellWriter {
  let cachedDay = NaN;
  let prefix = Buffer.alloc(0);
  return (w, r) => {
    const lo = (halves[2 * r] ?? 0) >>> 0;
    const hi = halves[2 * r + 1] ?? 0;
    if (hi < 0) return fallback(w, r);
    // nanos mod 1e6 exactly, from the halves (2^32 mod 1e6 = 967296; every product stays below 2^53).
    const rem = ((hi % 1_000_000) * 967_296 + lo) % 1_000_000;
    // The quotient is an integer below 2^53; the double division errs by far less than 0.5.
    const ms = Math.round((hi * TWO_POW_32 + lo - rem) / 1_000_000);
    if (ms >= MAX_ISO_MS) return fallback(w, r);
    const day = Math.floor(ms / MS_PER_DAY);
    if (day !== cachedDay) {
      cachedDay = day;
      prefix = Buffer.from(new Date(day * MS_PER_DAY).toISOString().slice(0, 11), 'latin1'); // yyyy-mm-ddT
    }
    let t = (ms - day * MS_PER_DAY) | 0;
    const msPart = t % 1000;
    t = (t / 1000) | 0;
    const s = t % 60;
    t = (t / 60) | 0;
    const m = t % 60;
    const h = (t / 60) | 0;
    w.ensure(30);
    const buf = w.buf;
    buf[w.pos++] = QUOTE;
    // A byte loop: Buffer#copy's native call costs more than 11 bytes are worth.
    for (let i = 0; i < prefix.length; i++) buf[w.pos++] = prefix[i] ?? 0;
    w.two(h);
    buf[w.pos++] = 0x3a;
    w.two(m);
    buf[w.pos++] = 0x3a;
    w.two(s);
    buf[w.pos++] = 0x2e;
    const ticks = (rem / 100) | 0;
    const hundreds = (msPart / 100) | 0;
    buf[w.pos++] = ZERO + hundreds;
    w.two(msPart - hundreds * 100);
    const high = (ticks / 100) | 0;
    w.two(high);
    w.two(ticks - high * 100);
    buf[w.pos++] = 0x5a; // Z
    buf[w.pos++] = QUOTE;
  };
}

export class VectorChunk implements EncodedChunk {
  readonly rowCount: number;
  /** node-api's vectors read every item's data and validity up front: only for the generic path. */
  private vectors: DuckDBVector[] | null = null;

  /**
   * `typeIds`: one array shared by the chunks of a result, filled by the first (the column types
   * do not change between chunks; reading a vector's logical type allocates a native handle).
   */
  constructor(
    private readonly chunk: DuckDBDataChunk,
    private readonly types: readonly KustoType[],
    private readonly typeIds: (DuckDBTypeId | undefined)[] = [],
  ) {
    this.rowCount = chunk.rowCount;
  }

  private vector(c: number): DuckDBVector | undefined {
    this.vectors ??= this.types.map((_, i) => this.chunk.getColumnVector(i));
    return this.vectors[c];
  }

  row(r: number): EncodedRow {
    return this.types.map((t, c) => encodeValue(t, this.vector(c)?.getItem(r) ?? null));
  }

  v2Text(): EncodedRowsText {
    const w = new ByteWriter(Math.max(256, this.rowCount * (8 + 24 * this.types.length)));
    const ends = new Uint32Array(this.rowCount);
    this.writeRows(w, ends, 0);
    return { bytes: w.buf.subarray(0, w.pos), ends };
  }

  /** Appends the rows (comma-separated, and after a comma when `first` > 0) and their end offsets from ends[first]. */
  writeRows(w: ByteWriter, ends: Uint32Array, first: number): void {
    const n = this.rowCount;
    const cells = this.types.map((t, c) => this.cellWriter(t, c));
    for (let r = 0; r < n; r++) {
      if (r > 0 || first > 0) w.byte(COMMA);
      w.byte(0x5b);
      for (let c = 0; c < cells.length; c++) {
        if (c > 0) w.byte(COMMA);
        cells[c]?.(w, r);
      }
      w.byte(0x5d);
      ends[first + r] = w.pos;
    }
  }

  private cellWriter(type: KustoType, c: number): CellWriter {
    const n = this.rowCount;
    const generic: CellWriter = (w, r) => w.text(toJson(encodeValue(type, this.vector(c)?.getItem(r) ?? null)));
    const raw = duckdb.data_chunk_get_vector(this.chunk.chunk, c);
    // The C API's type ids are node-api's DuckDBTypeId values.
    const typeId = (this.typeIds[c] ??= duckdb.get_type_id(duckdb.vector_get_column_type(raw)) as number as DuckDBTypeId);
    // No validity mask means every row is valid.
    const validity = duckdb.vector_get_validity(raw, Math.ceil(n / 64) * 8) as Uint8Array | null;
    const nullText = type === 'string' ? '""' : 'null';
    const withNulls = (write: CellWriter): CellWriter =>
      validity === null ? write : (w, r) => (((validity[r >> 3] ?? 0) >> (r & 7)) & 1 ? write(w, r) : w.ascii(nullText));
    const data = (width: number) => duckdb.vector_get_data(raw, n * width);
    if ((type === 'datetime' && typeId === DuckDBTypeId.TIMESTAMP_NS) || (type === 'long' && typeId === DuckDBTypeId.BIGINT)) {
      const bytes = data(8);
      const halves = new Int32Array(bytes.buffer, bytes.byteOffset, n * 2);
      if (type === 'datetime') return withNulls(datetimeWriter(halves, generic));
      const items = new BigInt64Array(bytes.buffer, bytes.byteOffset, n);
      return withNulls((w, r) => {
        const hi = halves[2 * r + 1] ?? 0;
        if (hi >= -SAFE_HI && hi < SAFE_HI) w.int(hi * TWO_POW_32 + ((halves[2 * r] ?? 0) >>> 0));
        else w.ascii(String(items[r]));
      });
    }
    if (type === 'real' && typeId === DuckDBTypeId.DOUBLE) {
      const bytes = data(8);
      const items = new Float64Array(bytes.buffer, bytes.byteOffset, n);
      return withNulls((w, r) => {
        const v = items[r] ?? NaN;
        if (Number.isSafeInteger(v)) w.int(v);
        else if (Number.isFinite(v)) w.real(v);
        else w.ascii(Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"');
      });
    }
    if (type === 'int' && typeId === DuckDBTypeId.INTEGER) {
      const bytes = data(4);
      const items = new Int32Array(bytes.buffer, bytes.byteOffset, n);
      return withNulls((w, r) => w.int(items[r] ?? 0));
    }
    if (type === 'bool' && typeId === DuckDBTypeId.BOOLEAN) {
      const items = data(1);
      return withNulls((w, r) => w.ascii(items[r] ? 'true' : 'false'));
    }
    if (type === 'string' && typeId === DuckDBTypeId.VARCHAR) {
      const bytes = data(16);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return withNulls((w, r) => writeVarchar(w, bytes, view, r));
    }
    return generic;
  }
}

/**
 * Consecutive DuckDB chunks written into one buffer as they arrive. A selective filter streams
 * ~100-row chunks (4,879 for the 500k-row bench projection): one fragment and socket write per
 * chunk cost more than the rows, and encoding each small chunk the moment it lands keeps the
 * main thread's slices short, so the next fetch (issued first) is not held behind a long encode.
 */
export class V2Batch implements EncodedChunk {
  rowCount = 0;
  private readonly parts: VectorChunk[] = [];
  private readonly w: ByteWriter;
  private ends = new Uint32Array(2048);

  /** `capacity`: the bytes expected (the previous batch's size), so the buffer is not regrown and copied. */
  constructor(capacity = 1 << 16) {
    this.w = new ByteWriter(capacity);
  }

  add(part: VectorChunk): void {
    const needed = this.rowCount + part.rowCount;
    if (needed > this.ends.length) {
      const grown = new Uint32Array(Math.max(needed, this.ends.length * 2));
      grown.set(this.ends.subarray(0, this.rowCount));
      this.ends = grown;
    }
    part.writeRows(this.w, this.ends, this.rowCount);
    this.parts.push(part);
    this.rowCount = needed;
  }

  row(r: number): EncodedRow {
    for (const p of this.parts) {
      if (r < p.rowCount) return p.row(r);
      r -= p.rowCount;
    }
    throw new RangeError(`row ${r} is past the batch's end`);
  }

  v2Text(): EncodedRowsText {
    return { bytes: this.w.buf.subarray(0, this.w.pos), ends: this.ends.subarray(0, this.rowCount) };
  }
}
