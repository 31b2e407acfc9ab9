/**
 * The seam between the local cluster's HTTP server (dev/cluster/server) and its KQL engine host
 * (dev/cluster/engine, on the shared translator in src/engine). The server knows the protocol
 * (frames, errors, auth, limits); the engine knows KQL, the catalog and DuckDB. Neither reaches
 * into the other's internals. The engine's own types (KustoType, KustoEngineError …) live in
 * src/engine/types.ts and are re-exported here for the server.
 */

export { kustoType, KustoEngineError } from '../../../src/engine/types';
export type { EngineErrorKind, KustoColumn, KustoType, Visualization } from '../../../src/engine/types';
import type { KustoColumn, KustoType, Visualization } from '../../../src/engine/types';

/**
 * One cell, already in the v2 JSON encoding except for two things the serializer finishes:
 * `bigint` (long values, written as exact digits) and non-finite `number` in real columns
 * (written as "NaN", "Infinity", "-Infinity"). Datetimes are ISO strings with 7 fraction digits
 * and a Z, timespans `[-][d.]hh:mm:ss[.fffffff]`, decimals strings, dynamic a parsed JSON value.
 */
export type EncodedValue = null | boolean | number | bigint | string | EncodedDynamic;
export type EncodedDynamic = { [key: string]: unknown } | unknown[];
export type EncodedRow = EncodedValue[];

/** Rows as v2 JSON text in UTF-8: `[...],[...]`; `ends[i]` is the byte offset just past row i. */
export interface EncodedRowsText {
  bytes: Buffer;
  ends: Uint32Array;
}

/**
 * A chunk the engine encodes straight from DuckDB's vectors: `v2Text()` is byte-identical to
 * the rows' toJson texts joined by commas, without building row arrays or strings.
 */
export interface EncodedChunk {
  readonly rowCount: number;
  row(r: number): EncodedRow;
  v2Text(): EncodedRowsText;
}

/** Either plain rows (tests, fakes) or an EncodedChunk. */
export type EngineChunk = EncodedRow[] | EncodedChunk;

export function chunkRows(chunk: EngineChunk): EncodedRow[] {
  if (Array.isArray(chunk)) return chunk;
  return Array.from({ length: chunk.rowCount }, (_, r) => chunk.row(r));
}

export interface EngineTable {
  /** "PrimaryResult" for every result of a query statement (batches give several). */
  tableKind: 'PrimaryResult';
  tableName: string;
  columns: KustoColumn[];
  /** Set when the statement ends in `render`. */
  visualization: Visualization | null;
  /**
   * Runs the table's SQL lazily and yields rows in chunks as DuckDB produces them, so the server
   * can stream without holding a whole result. Throws KustoEngineError for runtime failures.
   */
  chunks(signal?: AbortSignal): AsyncIterable<EngineChunk>;
}

export interface EngineStats {
  /** Rows read from base tables by this query. */
  rowsScanned: number;
  /** Rows in base tables referenced by this query. */
  rowsTotal: number;
}

export interface EngineQuery {
  tables: EngineTable[];
  /** Filled in as chunks are consumed; read after the last table is drained. */
  stats(): EngineStats;
}

export interface ExecuteOptions {
  /** `properties.Parameters` from the request: name → KQL literal text or JSON scalar. */
  parameters?: Record<string, unknown>;
  signal?: AbortSignal;
}

export interface ColumnSchema {
  Name: string;
  Type: string; // .NET type name, e.g. "System.String" — as `.show ... schema as json` writes it
  CslType: KustoType;
}

export interface TableSchema {
  Name: string;
  Folder?: string;
  DocString?: string;
  OrderedColumns: ColumnSchema[];
}

export interface FunctionSchema {
  Name: string;
  InputParameters: { Name: string; Type?: string; CslType?: string }[];
  Body: string;
  Folder?: string;
  DocString?: string;
}

export interface DatabaseSchema {
  Name: string;
  Tables: Record<string, TableSchema>;
  Functions: Record<string, FunctionSchema>;
}

/** The engine as the server sees it. */
export interface KustoEngine {
  /** Parse, analyze and translate now (errors throw here, before any byte is sent). */
  execute(database: string, csl: string, options?: ExecuteOptions): Promise<EngineQuery>;
  databases(): DatabaseSchema[];
  /** Management the server's command parser delegates: */
  createTable(database: string, table: string, columns: KustoColumn[]): Promise<void>;
  dropTable(database: string, table: string): Promise<void>;
  /** Appends CSV rows (no header) to an existing table; returns rows appended. */
  ingestInlineCsv(database: string, table: string, csv: string): Promise<number>;
  /** `.set-or-append T <| query`: creates T from the query's schema if needed; returns rows appended. */
  setOrAppend(database: string, table: string, csl: string): Promise<number>;
  close(): Promise<void>;
}
