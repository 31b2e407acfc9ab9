/** KQL literal text → DuckDB SQL literals. Parsed from the token text: the analyzer's boxed .NET values lose precision. */
import { parseDatetimeText } from './datetime-text';
import { unsupportedSyntax } from './errors';
import type { KNode } from './kusto-language';
import { duckType, quoteString } from './kusto-types';
import type { KustoType } from './types';

export function parseStringLiteral(text: string, at: KNode | null): string {
  let t = text;
  if (/^[hH]/.test(t)) t = t.slice(1);
  if (t.startsWith('```') || t.startsWith('~~~')) return t.slice(3, -3);
  if (t.startsWith('@')) {
    const q = t[1] ?? '"';
    return t.slice(2, -1).split(q + q).join(q);
  }
  const q = t[0];
  if (q !== '"' && q !== "'") throw unsupportedSyntax(`the string literal ${text}`, at);
  const body = t.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i] ?? '';
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };
    if (next in simple) out += simple[next];
    else if (next === 'u') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else throw unsupportedSyntax(`the escape \\${next} in a string literal`, at);
  }
  return out;
}

const UNIT_MICROS: Record<string, number> = {
  d: 86_400_000_000, day: 86_400_000_000, days: 86_400_000_000,
  h: 3_600_000_000, hr: 3_600_000_000, hrs: 3_600_000_000, hour: 3_600_000_000, hours: 3_600_000_000,
  m: 60_000_000, min: 60_000_000, minute: 60_000_000, minutes: 60_000_000,
  s: 1_000_000, sec: 1_000_000, second: 1_000_000, seconds: 1_000_000,
  ms: 1000, milli: 1000, millis: 1000, millisecond: 1000, milliseconds: 1000,
  microsecond: 1, microseconds: 1,
  // 100 ns; only whole micros (10tick) fit an INTERVAL, the rest is refused below.
  tick: 0.1, ticks: 0.1,
};

/** Micros of a timespan literal (`1d`, `1.5h`, `time(1.02:03:04.5)`), or null for `time(null)`. */
export function parseTimespanMicros(text: string, at: KNode | null): bigint | null {
  const unit = /^(-)?(\d+(?:\.\d+)?)([a-z]+)$/i.exec(text.trim());
  if (unit) {
    const per = UNIT_MICROS[(unit[3] ?? '').toLowerCase()];
    if (per === undefined) throw unsupportedSyntax(`the timespan literal ${text}`, at);
    const n = Number(unit[2]);
    const micros = Math.round((per < 1 ? n / 10 : n * per) * 1e6) / 1e6;
    if (!Number.isInteger(micros)) throw unsupportedSyntax(`sub-microsecond timespans (${text})`, at);
    return unit[1] ? -BigInt(micros) : BigInt(micros);
  }
  const call = /^(?:time|timespan)\((.*)\)$/is.exec(text.trim());
  if (!call) throw unsupportedSyntax(`the timespan literal ${text}`, at);
  // time('12:30:55.123') and time("…") quote the value (Kusto timespan literal docs).
  const inner = (call[1] ?? '').trim().replace(/^(['"])(.*)\1$/s, '$2');
  if (inner.toLowerCase() === 'null') return null;
  if (/^-?\d+(\.\d+)?[a-z]+$/i.test(inner)) return parseTimespanMicros(inner, at);
  const m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(inner);
  if (!m) {
    if (/^-?\d+$/.test(inner)) return BigInt(inner) * 86_400_000_000n;
    throw unsupportedSyntax(`the timespan literal ${text}`, at);
  }
  const frac = (m[6] ?? '').padEnd(7, '0');
  if (frac.endsWith('0') === false) throw unsupportedSyntax(`sub-microsecond timespans (${text})`, at);
  const micros =
    BigInt(m[2] ?? 0) * 86_400_000_000n +
    BigInt(m[3] ?? 0) * 3_600_000_000n +
    BigInt(m[4] ?? 0) * 60_000_000n +
    BigInt(m[5] ?? 0) * 1_000_000n +
    BigInt(frac.slice(0, 6));
  return m[1] ? -micros : micros;
}

export function timespanSql(micros: bigint | null): string {
  return micros === null ? 'CAST(NULL AS INTERVAL)' : `to_microseconds(CAST(${micros} AS BIGINT))`;
}

/**
 * A datetime literal's text (`2007-01-02`, `'2007-01-02 03:04:05.1234567'`, `Sat, 8 Nov 14
 * 15:05:02 GMT` — datetime-text.ts) → SQL timestamp; `datetime()` is the current time.
 */
export function datetimeSql(inner: string, at: KNode | null): string {
  const s = inner.trim().replace(/^(['"])(.*)\1$/s, '$2');
  if (s.toLowerCase() === 'null') return 'CAST(NULL AS TIMESTAMP)';
  if (s === '') return 'CAST(get_current_timestamp() AS TIMESTAMP)';
  const parsed = parseDatetimeText(s);
  if (!parsed) throw unsupportedSyntax(`the datetime literal datetime(${inner})`, at);
  // The 7th digit is a 100 ns tick: only TIMESTAMP_NS holds it.
  if (parsed.subMicro) return `TIMESTAMP_NS '${parsed.text}'`;
  return `TIMESTAMP '${parsed.text.slice(0, 26)}'`;
}

/** A LiteralExpression token of the given Kusto type → SQL. */
export function literalSql(text: string, type: KustoType, at: KNode | null): string {
  const call = /^([a-z]+)\((.*)\)$/is.exec(text.trim());
  if (call && (call[2] ?? '').trim().toLowerCase() === 'null') return `CAST(NULL AS ${duckType(type)})`;
  switch (type) {
    case 'string':
      return quoteString(parseStringLiteral(text, at));
    case 'bool': {
      const v = (call ? (call[2] ?? '') : text).trim().toLowerCase();
      if (v === 'true' || v === '1') return 'TRUE';
      if (v === 'false' || v === '0') return 'FALSE';
      throw unsupportedSyntax(`the bool literal ${text}`, at);
    }
    case 'int':
    case 'long':
    case 'real':
    case 'decimal': {
      const v = (call ? (call[2] ?? '') : text).trim();
      const lower = v.toLowerCase();
      if (type === 'real' && (lower === 'nan' || lower === '+inf' || lower === 'inf' || lower === '-inf')) {
        return lower === 'nan' ? "'NaN'::DOUBLE" : lower.startsWith('-') ? "'-Infinity'::DOUBLE" : "'Infinity'::DOUBLE";
      }
      if (/^[+-]?0x[0-9a-f]+$/i.test(v)) return `CAST(${BigInt(v.replace(/^\+/, ''))} AS ${duckType(type)})`;
      if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v)) throw unsupportedSyntax(`the ${type} literal ${text}`, at);
      return `CAST(${v.replace(/^\+/, '')} AS ${duckType(type)})`;
    }
    case 'datetime':
      if (!call) throw unsupportedSyntax(`the datetime literal ${text}`, at);
      return datetimeSql(call[2] ?? '', at);
    case 'timespan':
      return timespanSql(parseTimespanMicros(text, at));
    case 'guid': {
      const v = (call?.[2] ?? '').trim();
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)) throw unsupportedSyntax(`the guid literal ${text}`, at);
      return `UUID '${v}'`;
    }
    case 'dynamic':
      throw unsupportedSyntax(`the literal ${text}`, at);
  }
}
