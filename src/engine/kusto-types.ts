/** Kusto scalar types ↔ DuckDB storage types ↔ .NET names (as `.show schema as json` writes them). */
import type { KustoType } from './types';

const DUCK: Record<KustoType, string> = {
  bool: 'BOOLEAN',
  int: 'INTEGER',
  long: 'BIGINT',
  real: 'DOUBLE',
  decimal: 'DECIMAL(38,10)',
  datetime: 'TIMESTAMP',
  timespan: 'INTERVAL',
  guid: 'UUID',
  string: 'VARCHAR',
  dynamic: 'JSON',
};

const DOTNET: Record<KustoType, string> = {
  bool: 'System.SByte',
  int: 'System.Int32',
  long: 'System.Int64',
  real: 'System.Double',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
  datetime: 'System.DateTime',
  timespan: 'System.TimeSpan',
  guid: 'System.Guid',
  string: 'System.String',
  dynamic: 'System.Object',
};


export function duckType(t: KustoType): string {
  return DUCK[t];
}

export function dotNetType(t: KustoType): string {
  return DOTNET[t];
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}
