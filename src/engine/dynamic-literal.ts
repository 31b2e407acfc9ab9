/**
 * `dynamic(…)` literals → JSON text. Kusto accepts more than JSON inside (docs "The dynamic data
 * type"): single-quoted strings, and typed literals such as `datetime(2015-01-01)`,
 * `time(1.00:00:00)`, `1h`, `guid(…)`, `long(1)`, which become their JSON form (datetimes and
 * timespans as Kusto prints them: ISO with 7 fraction digits, `[d.]hh:mm:ss[.fffffff]`).
 */
import { unsupportedSyntax } from './errors';
import { type KNode, node, tokenText } from './kusto-language';
import { parseDatetimeText } from './datetime-text';
import { parseTimespanMicros } from './literals';

export function dynamicLiteralJson(n: KNode): string {
  const inner = node(n, 'Expression');
  const text = inner ? tokenText(inner).trim() : 'null';
  try {
    return new DynamicLiteralParser(text, n).parseAll();
  } catch (e) {
    if (e instanceof DynamicLiteralError) throw unsupportedSyntax(`the dynamic literal ${text.slice(0, 60)} (${e.message})`, n);
    throw e;
  }
}

class DynamicLiteralError extends Error {}

/** Kusto prints a timespan as `[-][d.]hh:mm:ss[.fffffff]`. */
export function timespanTextOfMicros(micros: bigint): string {
  const negative = micros < 0n;
  let t = negative ? -micros : micros;
  const days = t / 86_400_000_000n;
  t %= 86_400_000_000n;
  const two = (x: bigint) => x.toString().padStart(2, '0');
  const h = t / 3_600_000_000n;
  const m = (t / 60_000_000n) % 60n;
  const s = (t / 1_000_000n) % 60n;
  const frac = t % 1_000_000n;
  return `${negative ? '-' : ''}${days > 0n ? `${days}.` : ''}${two(h)}:${two(m)}:${two(s)}${frac > 0n ? `.${frac.toString().padStart(6, '0')}0` : ''}`;
}

class DynamicLiteralParser {
  private i = 0;

  constructor(
    private readonly s: string,
    private readonly at: KNode,
  ) {}

  /** JSON text (numbers keep their digits: 1.0 stays a real, big longs stay exact). */
  parseAll(): string {
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) throw new DynamicLiteralError(`unexpected '${this.s.slice(this.i, this.i + 10)}'`);
    return v;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i] ?? '')) this.i++;
  }

  private value(): string {
    this.ws();
    const ch = this.s[this.i];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"' || ch === "'") return JSON.stringify(this.string());
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i))?.[0];
    if (word && this.s[this.i + word.length] === '(') return this.typed(word.toLowerCase());
    if (word === 'true' || word === 'false' || word === 'null') {
      this.i += word.length;
      return word;
    }
    const num = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?([a-z]+)?/i.exec(this.s.slice(this.i))?.[0];
    if (num) {
      this.i += num.length;
      if (/[a-df-z]$/i.test(num)) return JSON.stringify(timespanTextOfMicros(this.micros(num)));
      return jsonNumber(num);
    }
    throw new DynamicLiteralError(`unexpected '${this.s.slice(this.i, this.i + 10)}'`);
  }

  private micros(text: string): bigint {
    const m = parseTimespanMicros(text, this.at);
    if (m === null) throw new DynamicLiteralError('a null timespan');
    return m;
  }

  private typed(word: string): string {
    const open = this.i + word.length;
    const close = this.s.indexOf(')', open);
    if (close < 0) throw new DynamicLiteralError(`an unterminated ${word}(`);
    const inner = this.s.slice(open + 1, close).trim();
    this.i = close + 1;
    if (inner.toLowerCase() === 'null') return 'null';
    switch (word) {
      case 'datetime':
      case 'date': {
        const parsed = parseDatetimeText(inner.replace(/^(['"])(.*)\1$/s, '$2'));
        if (!parsed) throw new DynamicLiteralError(`the datetime ${inner}`);
        return JSON.stringify(`${parsed.text.replace(' ', 'T')}Z`);
      }
      case 'time':
      case 'timespan':
        return JSON.stringify(timespanTextOfMicros(this.micros(`time(${inner})`)));
      case 'guid':
        return JSON.stringify(inner.toLowerCase());
      case 'int':
      case 'long':
        return jsonNumber(inner);
      case 'real':
      case 'double':
      case 'decimal':
        return jsonNumber(/^[+-]?\d+$/.test(inner) ? `${inner}.0` : inner);
      case 'bool':
      case 'boolean':
        return inner.toLowerCase() === 'true' || inner === '1' ? 'true' : 'false';
      default:
        throw new DynamicLiteralError(`the literal ${word}(…)`);
    }
  }

  private string(): string {
    const q = this.s[this.i];
    let out = '';
    this.i++;
    while (this.i < this.s.length) {
      const ch = this.s[this.i++] ?? '';
      if (ch === q) return out;
      if (ch !== '\\') {
        out += ch;
        continue;
      }
      const e = this.s[this.i++] ?? '';
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '\\': '\\', '"': '"', "'": "'", '/': '/' };
      if (e in simple) out += simple[e];
      else if (e === 'u') {
        out += String.fromCharCode(parseInt(this.s.slice(this.i, this.i + 4), 16));
        this.i += 4;
      } else throw new DynamicLiteralError(`the escape \\${e}`);
    }
    throw new DynamicLiteralError('an unterminated string');
  }

  private array(): string {
    this.i++;
    const out: string[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return '[]';
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const ch = this.s[this.i++];
      if (ch === ']') return `[${out.join(',')}]`;
      if (ch !== ',') throw new DynamicLiteralError(`expected ',' or ']'`);
    }
  }

  private object(): string {
    this.i++;
    const out: string[] = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return '{}';
    }
    for (;;) {
      this.ws();
      const q = this.s[this.i];
      if (q !== '"' && q !== "'") throw new DynamicLiteralError('a property name that is not quoted');
      const key = this.string();
      this.ws();
      if (this.s[this.i++] !== ':') throw new DynamicLiteralError(`expected ':'`);
      out.push(`${JSON.stringify(key)}:${this.value()}`);
      this.ws();
      const ch = this.s[this.i++];
      if (ch === '}') return `{${out.join(',')}}`;
      if (ch !== ',') throw new DynamicLiteralError(`expected ',' or '}'`);
    }
  }
}

/** A KQL number as JSON number text: no leading '+', `.5` → `0.5`, `5.` → `5.0`. */
function jsonNumber(text: string): string {
  let t = text.trim().replace(/^\+/, '');
  const sign = t.startsWith('-') ? '-' : '';
  if (sign) t = t.slice(1);
  if (t.startsWith('.')) t = `0${t}`;
  t = t.replace(/\.(?=$|e)/i, '.0');
  if (!/^\d+(\.\d+)?(e[+-]?\d+)?$/i.test(t)) throw new DynamicLiteralError(`the number ${text}`);
  return sign + t;
}
