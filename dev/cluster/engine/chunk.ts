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
   * k/100 with |k| < 1e15 (prices, rounded metrics) print as k with the point put back and
   * trailing zeros dropped: no other decimal with fewer digits lies within half an ulp.
   */
  real(v: number): void {
    const k = Math.round(v * 100);
    if (k / 100 !== v || k <= -1e15 || k >= 1e15 || (v < 0.01 && v > -0.01)) {
      this.ascii(String(v));
      return;
    }
    this.ensure(20);
    let a = k;
    if (a < 0) {
      this.buf[this.pos++] = 0x2d;
      a = -a;
    }
    const cents = a % 100;
    this.int((a - cents) / 100);
    if (cents === 0) return;
    this.buf[this.pos++] = 0x2e;
    if (cents % 10 === 0) this.digits(cents / 10, 1);
    else this.digits(cents, 2);
  }

  /** UTF-8 bytes as a JSON string body, escaped exactly as JSON.stringify does for valid UTF-8. */
  jsonString(bytes: Uint8Array): void {
    this.ensure(bytes.length * 6 + 2);
    const buf = this.buf;
    buf[this.pos++] = QUOTE;
    for (let i = 0; i < bytes.length; i++) {
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

/** Bytes of a VARCHAR cell: duckdb_string_t is 16 bytes, inlined up to 12, else a pointer. */
function stringBytes(data: Uint8Array, view: DataView, r: number): Uint8Array {
  const offset = r * 16;
  const length = view.getUint32(offset, true);
  if (length <= 12) return data.subarray(offset + 4, offset + 4 + length);
  return duckdb.get_data_from_pointer(data.buffer as ArrayBuffer, data.byteOffset + offset + 8, length);
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
    w.digits(h, 2);
    buf[w.pos++] = 0x3a;
    w.digits(m, 2);
    buf[w.pos++] = 0x3a;
    w.digits(s, 2);
    buf[w.pos++] = 0x2e;
    w.digits(msPart * 10_000 + ((rem / 100) | 0), 7);
    buf[w.pos++] = 0x5a; // Z
    buf[w.pos++] = QUOTE;
  };
}

export class VectorChunk implements EncodedChunk {
  readonly rowCount: number;
  private readonly vectors: DuckDBVector[];

  constructor(
    private readonly chunk: DuckDBDataChunk,
    private readonly types: readonly KustoType[],
  ) {
    this.rowCount = chunk.rowCount;
    this.vectors = types.map((_, c) => chunk.getColumnVector(c));
  }

  row(r: number): EncodedRow {
    return this.types.map((t, c) => encodeValue(t, this.vectors[c]?.getItem(r) ?? null));
  }

  v2Text(): EncodedRowsText {
    const n = this.rowCount;
    const cells = this.types.map((t, c) => this.cellWriter(t, c));
    const w = new ByteWriter(Math.max(256, n * (8 + 24 * cells.length)));
    const ends = new Uint32Array(n);
    for (let r = 0; r < n; r++) {
      if (r > 0) w.byte(COMMA);
      w.byte(0x5b);
      for (let c = 0; c < cells.length; c++) {
        if (c > 0) w.byte(COMMA);
        cells[c]?.(w, r);
      }
      w.byte(0x5d);
      ends[r] = w.pos;
    }
    return { bytes: w.buf.subarray(0, w.pos), ends };
  }

  private cellWriter(type: KustoType, c: number): CellWriter {
    const n = this.rowCount;
    const vector = this.vectors[c];
    const generic: CellWriter = (w, r) => w.text(toJson(encodeValue(type, vector?.getItem(r) ?? null)));
    if (!vector) return generic;
    const typeId = vector.type.typeId;
    const raw = duckdb.data_chunk_get_vector(this.chunk.chunk, c);
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
      return withNulls((w, r) => w.jsonString(stringBytes(bytes, view, r)));
    }
    return generic;
  }
}
