/**
 * The engine's own vocabulary, shared by every host (the local cluster on @duckdb/node-api, a
 * browser worker on DuckDB-wasm): Kusto's scalar types, result columns, the render property bag
 * and the one error type the translator and hosts throw.
 */

/** Kusto's scalar type names as they appear in v2 `ColumnType`. */
export type KustoType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'string'
  | 'dynamic';

const TYPE_ALIASES: Record<string, KustoType> = {
  bool: 'bool', boolean: 'bool', int: 'int', int32: 'int', long: 'long', int64: 'long',
  real: 'real', double: 'real', decimal: 'decimal', datetime: 'datetime', date: 'datetime',
  timespan: 'timespan', time: 'timespan', guid: 'guid', uuid: 'guid', uniqueid: 'guid',
  string: 'string', dynamic: 'dynamic',
};

/** Kusto type name (or alias) → canonical KustoType; null for non-scalar names like "(a:int)". */
export function kustoType(name: string): KustoType | null {
  return TYPE_ALIASES[name.toLowerCase()] ?? null;
}

export interface KustoColumn {
  ColumnName: string;
  ColumnType: KustoType;
}

/** The Visualization property bag of `render`, keys as the service writes them. */
export type Visualization = Record<string, unknown>;

export type EngineErrorKind = 'syntax' | 'semantic' | 'unsupported' | 'runtime' | 'cancelled' | 'not-found';

/**
 * What the engine throws. A host maps it to its own error surface (the local cluster: the OneAPI
 * error body). `code` is Kusto's own (e.g. "SYN0002", "SEM0100", or "UnsupportedOperator"),
 * positions are 1-based and refer to the query text as sent.
 */
export class KustoEngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    readonly code: string,
    message: string,
    readonly position?: { line: number; column: number; offset: number },
  ) {
    super(message);
    this.name = 'KustoEngineError';
  }
}
