/** Codecs for the v2 JSON encodings of Kusto scalars (kusto-protocol.md §1.8). */

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
 * Epoch milliseconds of an ISO-8601 datetime with up to 7 fractional digits (100 ns ticks).
 * Not Date.parse: engines differ on >3 fraction digits, and Date.UTC maps years 0–99 to 19xx
 * while Kusto writes "0000-01-01T00:00:00Z" for its minimum.
 */
export function parseKustoDatetime(text: string): number {
  const m = DATETIME.exec(text);
  if (!m) return NaN;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), 0);
  let ms = date.getTime();
  if (m[7]) ms += Number(`0.${m[7]}`) * 1000;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return ms;
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
