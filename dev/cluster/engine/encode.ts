/**
 * DuckDB values → v2 cells (https://learn.microsoft.com/kusto/api/rest/response-v2, scalar encodings in src/kusto/README.md). DuckDB gives timestamps as micros without
 * T/Z and intervals as months/days/micros; Kusto writes 7 fraction digits and `[-][d.]hh:mm:ss[.fffffff]`.
 */
import type { EncodedValue, KustoType } from './types';

const MICROS_PER_DAY = 86_400_000_000n;

export function formatDatetime(micros: bigint): string {
  return formatDatetimeTicks(micros * 10n);
}

/** Kusto datetimes are 100 ns ticks: 7 fraction digits. */
export function formatDatetimeTicks(ticks: bigint): string {
  const ms = ticks / 10_000n;
  const subMs = Number(((ticks % 10_000n) + 10_000n) % 10_000n);
  const floorMs = ticks < 0n && subMs !== 0 ? ms - 1n : ms;
  const iso = new Date(Number(floorMs)).toISOString(); // yyyy-mm-ddThh:mm:ss.mmmZ
  return `${iso.slice(0, 23)}${String(subMs).padStart(4, '0')}Z`;
}

export function formatTimespan(totalMicros: bigint): string {
  const negative = totalMicros < 0n;
  let t = negative ? -totalMicros : totalMicros;
  const days = t / MICROS_PER_DAY;
  t %= MICROS_PER_DAY;
  const hours = t / 3_600_000_000n;
  t %= 3_600_000_000n;
  const minutes = t / 60_000_000n;
  t %= 60_000_000n;
  const seconds = t / 1_000_000n;
  const fraction = t % 1_000_000n;
  const two = (n: bigint) => n.toString().padStart(2, '0');
  return (
    (negative ? '-' : '') +
    (days > 0n ? `${days}.` : '') +
    `${two(hours)}:${two(minutes)}:${two(seconds)}` +
    (fraction > 0n ? `.${fraction.toString().padStart(6, '0')}0` : '')
  );
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function bigintField(v: unknown, name: string): bigint | null {
  if (!isObject(v)) return null;
  const f = v[name];
  return typeof f === 'bigint' ? f : null;
}

function numberField(v: unknown, name: string): number {
  if (!isObject(v)) return 0;
  const f = v[name];
  return typeof f === 'number' ? f : 0;
}

export function encodeValue(type: KustoType, v: unknown): EncodedValue {
  if (v === null || v === undefined) return type === 'string' ? '' : null;
  switch (type) {
    case 'string':
      return String(v);
    case 'bool':
      return Boolean(v);
    case 'int':
      return typeof v === 'bigint' ? Number(v) : Number(v);
    case 'long':
      return typeof v === 'bigint' ? v : BigInt(Math.trunc(Number(v)));
    case 'real':
      return typeof v === 'number' ? v : Number(String(v));
    case 'decimal':
      return String(v);
    case 'guid':
      return String(v);
    case 'datetime': {
      // The final SELECT casts datetimes to TIMESTAMP_NS (endofday() needs the last tick).
      const nanos = bigintField(v, 'nanos');
      if (nanos !== null) return formatDatetimeTicks(nanos / 100n);
      const micros = bigintField(v, 'micros');
      return micros === null ? null : formatDatetime(micros);
    }
    case 'timespan': {
      const micros = bigintField(v, 'micros');
      if (micros === null) return null;
      const days = BigInt(numberField(v, 'days')) + BigInt(numberField(v, 'months')) * 30n;
      return formatTimespan(days * MICROS_PER_DAY + micros);
    }
    case 'dynamic': {
      const parsed: unknown = typeof v === 'string' ? JSON.parse(v) : v;
      if (parsed === null) return null;
      if (typeof parsed === 'string' || typeof parsed === 'number' || typeof parsed === 'boolean') return parsed;
      return parsed as EncodedValue;
    }
  }
}
