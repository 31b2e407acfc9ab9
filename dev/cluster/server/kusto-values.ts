import type { KustoType } from '../engine/types';

/** .NET type names of v1 `DataType` and `.show ... schema` `Type`. */
export const DOTNET_TYPES: Record<KustoType, string> = {
  bool: 'Boolean',
  int: 'Int32',
  long: 'Int64',
  real: 'Double',
  decimal: 'Decimal',
  datetime: 'DateTime',
  timespan: 'TimeSpan',
  guid: 'Guid',
  string: 'String',
  dynamic: 'Object',
};

/** Kusto datetimes carry 7 fraction digits (ticks); JS dates have 3. */
export function kustoDateTime(date: Date): string {
  return date.toISOString().replace(/Z$/, '0000Z');
}

export function msToKustoTimespan(ms: number): string {
  const ticks = Math.round(ms * 10_000);
  const totalSeconds = Math.floor(ticks / 10_000_000);
  const fraction = ticks % 10_000_000;
  const d = Math.floor(totalSeconds / 86400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const core = `${pad(Math.floor((totalSeconds % 86400) / 3600))}:${pad(Math.floor((totalSeconds % 3600) / 60))}:${pad(totalSeconds % 60)}.${String(fraction).padStart(7, '0')}`;
  return d > 0 ? `${d}.${core}` : core;
}
