/**
 * What the translator knows about tables: names, Kusto column types and a version. How a table is
 * stored (a DuckDB schema.table, a file registered in DuckDB-wasm, a view) is the host's business:
 * it answers `tableSql` when the translator needs the SQL that reads a table.
 */
import { KustoEngineError, type KustoColumn } from './types';

export interface SchemaTable {
  readonly name: string;
  /** In Kusto's order, with Kusto's types (DuckDB cannot tell int from bool or dynamic from string). */
  readonly columns: readonly KustoColumn[];
}

export interface SchemaDatabase {
  readonly name: string;
  readonly tables: ReadonlyMap<string, SchemaTable>;
}

export interface EngineSchema {
  /** Moves whenever a table is created, dropped or changes columns: analyzer globals and plans are cached per version. */
  readonly version: number;
  readonly databases: ReadonlyMap<string, SchemaDatabase>;
}

/** How the host's DuckDB reads a table. */
export interface TableStorage {
  /** SQL naming the table in the host's DuckDB (e.g. `"Samples"."StormEvents"`). */
  tableSql(database: string, table: string): string;
}

/** A database by name, case-insensitively (Kusto database names are). */
export function findDatabase(schema: EngineSchema, name: string): SchemaDatabase {
  for (const db of schema.databases.values()) if (db.name.toLowerCase() === name.toLowerCase()) return db;
  throw new KustoEngineError('not-found', 'General_BadRequest', `Database '${name}' was not found.`);
}
