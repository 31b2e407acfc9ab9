/**
 * A scanner over the UTF-8 bytes of JSON text (RFC 8259): whitespace, strings, numbers, literals
 * and whole values, read in place without JSON.parse of the whole body. `i` is the position of the
 * next unread byte; the v2 cell writer (v2-cell-writer.ts) builds its typed row reader on it.
 *
 * Running out of bytes throws `EndOfInput` (a `MalformedResponse`): a body that ends there was cut
 * off, and a reader of a body still arriving knows it must wait for more.
 */

/** The bytes JSON's grammar is made of (RFC 8259 §2–§7), by name. */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const SLASH = 0x2f;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const MINUS = 0x2d;
export const PLUS = 0x2b;
export const DOT = 0x2e;
export const DIGIT_0 = 0x30;
export const DIGIT_9 = 0x39;
export const SPACE = 0x20;
export const TAB = 0x09;
export const LINE_FEED = 0x0a;
export const CARRIAGE_RETURN = 0x0d;
export const BACKSPACE = 0x08;
export const FORM_FEED = 0x0c;
export const UPPER_A = 0x41;
export const UPPER_E = 0x45;
export const UPPER_F = 0x46;
export const UPPER_T = 0x54;
export const UPPER_Z = 0x5a;
export const LOWER_A = 0x61;
export const LOWER_B = 0x62;
export const LOWER_E = 0x65;
export const LOWER_F = 0x66;
export const LOWER_L = 0x6c;
export const LOWER_N = 0x6e;
export const LOWER_R = 0x72;
export const LOWER_S = 0x73;
export const LOWER_T = 0x74;
export const LOWER_U = 0x75;

/** The body is not the JSON the decoder expects; the message says where. */
export class MalformedResponse extends Error {}

/** The bytes end inside a value: cut off, or (for a body still streaming) not here yet. */
export class EndOfInput extends MalformedResponse {}

export function fail(message: string): never {
  throw new MalformedResponse(message);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Powers of ten a double holds exactly: m·10^k with m < 2^53 and |k| ≤ 22 rounds once (Clinger's fast path). */
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** The digit at `b[k]`, or a large negative number when it is not one (so sums of digits go negative). */
export function digit(b: Uint8Array, k: number): number {
  const v = b[k]! - DIGIT_0;
  return v >= 0 && v <= 9 ? v : -1000;
}

export function isJsonWhitespace(c: number | undefined): boolean {
  return c === SPACE || c === LINE_FEED || c === CARRIAGE_RETURN || c === TAB;
}

export class JsonByteScanner {
  /** The next unread byte of `b`. */
  i = 0;
  /** `b.length`; reads past it see `undefined`, which no comparison below accepts. */
  n: number;
  /** How many bytes of the body came before `b[0]` (a body read in pieces), for positions in messages. */
  base = 0;

  constructor(public b: Uint8Array) {
    this.n = b.length;
  }

  /** Scans `bytes` from here on; `base` is where they start in the body. */
  load(bytes: Uint8Array, i: number, base: number): void {
    this.b = bytes;
    this.n = bytes.length;
    this.i = i;
    this.base = base;
  }

  failAt(message: string, position: number): never {
    fail(`${message} at byte ${this.base + position}`);
  }

  eof(): never {
    throw new EndOfInput('the response ends in the middle of a value (it was cut off)');
  }

  ws(): number {
    const b = this.b;
    let i = this.i;
    let c = b[i];
    while (c === SPACE || c === LINE_FEED || c === CARRIAGE_RETURN || c === TAB) c = b[++i];
    this.i = i;
    if (i >= this.n) this.eof();
    return c!;
  }

  expect(byte: number, what: string): void {
    if (this.ws() !== byte) this.failAt(`expected ${what}`, this.i);
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
        if (d === COMMA || d === CLOSE_ARRAY || d === CLOSE_OBJECT || d === SPACE || d === LINE_FEED || d === CARRIAGE_RETURN || d === TAB) break;
        i++;
      }
      if (i === start) this.failAt(`expected a value`, start);
      const first = b[start]!;
      if (!((first >= DIGIT_0 && first <= DIGIT_9) || first === MINUS || first === LOWER_T || first === LOWER_F || first === LOWER_N)) {
        this.failAt(`unexpected '${String.fromCharCode(first)}'`, start);
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
        if (this.ws() !== QUOTE) this.failAt('expected a key', this.i);
        const key = this.parseString();
        this.expect(COLON, "':'");
        out[key] = this.parseValue();
        const d = this.ws();
        this.i++;
        if (d === CLOSE_OBJECT) return out;
        if (d !== COMMA) this.failAt(`expected ',' or '}'`, this.i - 1);
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
        if (d !== COMMA) this.failAt(`expected ',' or ']'`, this.i - 1);
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
    return this.failAt(`invalid string`, start);
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
    while (c >= DIGIT_0 && c <= DIGIT_9) {
      if (m !== 0 || c !== DIGIT_0) significant++;
      m = m * 10 + (c - DIGIT_0);
      digits++;
      c = b[++i]!;
    }
    if (c === DOT) {
      c = b[++i]!;
      while (c >= DIGIT_0 && c <= DIGIT_9) {
        if (m !== 0 || c !== DIGIT_0) significant++;
        m = m * 10 + (c - DIGIT_0);
        exponent--;
        digits++;
        c = b[++i]!;
      }
    }
    // Out of bytes first: a body still arriving may hold the digits in its next piece.
    if (i >= this.n) this.eof();
    if (digits === 0) this.failAt('expected a number', start);
    const exact = significant <= 15;
    if (c === LOWER_E || c === UPPER_E) {
      c = b[++i]!;
      let sign = 1;
      if (c === MINUS || c === PLUS) {
        if (c === MINUS) sign = -1;
        c = b[++i]!;
      }
      let e = 0;
      let eDigits = 0;
      while (c >= DIGIT_0 && c <= DIGIT_9) {
        e = e * 10 + (c - DIGIT_0);
        eDigits++;
        c = b[++i]!;
      }
      if (i >= this.n) this.eof();
      if (eDigits === 0) this.failAt('expected an exponent', i);
      exponent += sign * e;
    }
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
      if (c === DOT || c === LOWER_E || c === UPPER_E) return false;
      if (c !== MINUS) digits++;
    }
    return digits > 15;
  }

  /** At 'n': consumes `null` or fails. */
  literalNull(): void {
    const b = this.b;
    const i = this.i;
    if (i + 3 >= this.n) this.eof();
    if (b[i + 1] !== LOWER_U || b[i + 2] !== LOWER_L || b[i + 3] !== LOWER_L) this.failAt('unexpected token', i);
    this.i = i + 4;
  }

  hex4(at: number): number {
    let v = 0;
    for (let k = at; k < at + 4; k++) {
      const c = this.b[k];
      if (c === undefined) this.eof();
      const d = c >= DIGIT_0 && c <= DIGIT_9 ? c - DIGIT_0 : c >= LOWER_A && c <= LOWER_F ? c - LOWER_A + 10 : c >= UPPER_A && c <= UPPER_F ? c - UPPER_A + 10 : -1;
      if (d < 0) this.failAt(`invalid \\u escape`, at - 2);
      v = v * 16 + d;
    }
    return v;
  }
}
