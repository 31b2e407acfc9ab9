/** Codecs for the v2 JSON encodings of Kusto scalars (src/kusto/README.md, "Responses"). */

import type { KustoScalarType } from './types';

const TYPE_ALIASES: Record<string, KustoScalarType> = {
  bool: 'bool', boolean: 'bool',
  int: 'int', int32: 'int',
  long: 'long', int64: 'long',
  real: 'real', double: 'real',
  decimal: 'decimal',
  datetime: 'datetime', date: 'datetime',
  timespan: 'timespan', time: 'timespan',
  guid: 'guid', uuid: 'guid', uniqueid: 'guid',
  string: 'string',
  dynamic: 'dynamic',
};

/** Resolves `ColumnType` (aliases like "double", "date", "uuid"); unknown types read as dynamic. */
export function resolveKustoType(columnType: string): KustoScalarType {
  return TYPE_ALIASES[columnType.toLowerCase()] ?? 'dynamic';
}

const DATETIME = /^(-?\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An ISO-8601 datetime with up to 7 fractional digits (100 ns ticks) → whole epoch milliseconds
 * plus the ticks below the millisecond (0–9999), read from the text's digits: a float of
 * milliseconds cannot hold the 7th digit of a present-day date (…49.4832956 would become …957).
 * Not Date.parse: engines differ on >3 fraction digits, and Date.UTC maps years 0–99 to 19xx
 * while Kusto writes "0000-01-01T00:00:00Z" for its minimum. Null when the text is not a datetime.
 */
export function parseKustoDatetimeParts(text: string): { ms: number; ticks: number } | null {
  const m = DATETIME.exec(text);
  if (!m) return null;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0);
  let ms = date.getTime();
  const fraction = (m[7] ?? '').padEnd(7, '0').slice(0, 7);
  ms += Number(fraction.slice(0, 3));
  const ticks = Number(fraction.slice(3, 7));
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return { ms, ticks };
}

/** Epoch milliseconds (with the sub-millisecond ticks as a fraction) of a Kusto datetime text; NaN when it is not one. */
export function parseKustoDatetime(text: string): number {
  const parts = parseKustoDatetimeParts(text);
  return parts === null ? NaN : parts.ms + parts.ticks / 10_000;
}

const TIMESPAN = /^(-?)(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

/** Milliseconds of `[-][d.]hh:mm:ss[.fffffff]`; a bare number means 100-ns ticks (PY accepts it). */
export function parseKustoTimespan(value: string | number): number {
  if (typeof value === 'number') return value / 10_000;
  const m = TIMESPAN.exec(value);
  if (!m) return NaN;
  const ms =
    ((Number(m[2] ?? 0) * 24 + Number(m[3])) * 60 + Number(m[4])) * 60_000 +
    Number(m[5]) * 1000 +
    (m[6] ? Number(`0.${m[6]}`) * 1000 : 0);
  return m[1] === '-' ? -ms : ms;
}

/** Reals: numbers, or the strings "NaN", "Infinity", "-Infinity" the service writes for them. */
export function parseKustoReal(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity' || value === '+Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    const n = Number(value);
    return value.trim() !== '' && !Number.isNaN(n) ? n : null;
  }
  return null;
}

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level
 * date algorithms"). Integer maths instead of Date: no object per cell, and year 0 stays year 0.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Kusto's text for a datetime, `yyyy-MM-ddTHH:mm:ss.fffffffZ`, from epoch milliseconds and the
 * 100-ns ticks below the millisecond (0–9999), as the decoder stores them.
 */
export function formatKustoDatetime(ms: number, ticks: number): string {
  const whole = Math.round(ms - ticks / 10_000);
  const days = Math.floor(whole / MS_PER_DAY);
  let rest = whole - days * MS_PER_DAY;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hours, 2)}:${pad(minutes, 2)}:${pad(seconds, 2)}.${pad(millis, 3)}${pad(ticks, 4)}Z`;
}
