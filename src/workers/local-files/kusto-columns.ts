/**
 * The Kusto types a file's columns get, and how each is stored in DuckDB-wasm. Local files hold the
 * six types an analyst's data needs (long, real, datetime, bool, string, dynamic), stored the way
 * the engine stores a Kusto table: BIGINT, DOUBLE, TIMESTAMP (UTC micros), BOOLEAN, VARCHAR, and —
 * since the stock DuckDB-wasm build has no JSON type without fetching the json extension — dynamic
 * as VARCHAR holding JSON text.
 */
export type LocalKustoType = 'long' | 'real' | 'datetime' | 'bool' | 'string' | 'dynamic';

export interface LocalColumn {
  name: string;
  type: LocalKustoType;
}

export const STORAGE_TYPE: Record<LocalKustoType, string> = {
  long: 'BIGINT',
  real: 'DOUBLE',
  datetime: 'TIMESTAMP',
  bool: 'BOOLEAN',
  string: 'VARCHAR',
  dynamic: 'VARCHAR',
};

/** The Kusto type of a column DuckDB typed (CSV sniffer, staged Arrow). */
export function kustoTypeOfDuckDb(duckType: string): LocalKustoType {
  const t = duckType.toUpperCase();
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/.test(t)) return 'long';
  // UBIGINT and HUGEINT exceed Kusto's long: real keeps their magnitude.
  if (/^(UBIGINT|HUGEINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/.test(t)) return 'real';
  if (/^(DATE|TIMESTAMP.*)$/.test(t)) return 'datetime';
  if (t === 'BOOLEAN') return 'bool';
  if (/(\[\]|^STRUCT|^MAP|^LIST|^UNION)/.test(t)) return 'dynamic';
  return 'string';
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The SELECT item that turns a staged column into its stored form. Timestamps with a zone become
 * UTC (DuckDB's core cast, no ICU needed); dates become midnight UTC.
 */
export function storedExpression(name: string, duckType: string, type: LocalKustoType): string {
  const col = quoteIdentifier(name);
  const t = duckType.toUpperCase();
  if (type === 'datetime') {
    if (t === 'VARCHAR') return `CAST(CAST(${col} AS TIMESTAMPTZ) AS TIMESTAMP) AS ${col}`;
    return `CAST(${col} AS TIMESTAMP) AS ${col}`;
  }
  // Kusto strings are never null: an empty CSV field is an empty string, as Kusto ingests it.
  if (type === 'string') return `COALESCE(${t === 'VARCHAR' ? col : `CAST(${col} AS VARCHAR)`}, '') AS ${col}`;
  if (type === 'dynamic') return col;
  return t === STORAGE_TYPE[type] ? col : `CAST(${col} AS ${STORAGE_TYPE[type]}) AS ${col}`;
}
