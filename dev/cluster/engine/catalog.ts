/**
 * Databases and tables of the local cluster: DuckDB holds the data (one schema per Kusto
 * database), this class holds the Kusto schema the translator reads (EngineSchema: column order
 * and Kusto types, which DuckDB cannot tell apart: int vs. bool, dynamic vs. string).
 */
import { DuckDBTimestampValue, type DuckDBConnection } from '@duckdb/node-api';
import { dotNetType, duckType, quoteIdent } from '../../../src/engine/kusto-types';
import { type EngineSchema, findDatabase } from '../../../src/engine/schema';
import { generateStormEvents, STORM_EVENTS_COLUMNS } from '../../../src/engine/testing/storm-events';
import { KustoEngineError, type DatabaseSchema, type KustoColumn, type TableSchema } from './types';

export interface CatalogTable {
  name: string;
  columns: KustoColumn[];
  folder?: string;
  docString?: string;
  /** Created on first use (e.g. the 10M-row benchmark table). */
  materialize?: () => Promise<void>;
}

export interface CatalogDatabase {
  name: string;
  tables: Map<string, CatalogTable>;
}

export class Catalog implements EngineSchema {
  readonly databases = new Map<string, CatalogDatabase>();
  /** Bumped whenever a table is created or dropped, so analyzer globals can be rebuilt. */
  version = 0;

  constructor(private readonly connection: DuckDBConnection) {}

  database(name: string): CatalogDatabase {
    return this.databases.get(findDatabase(this, name).name) as CatalogDatabase;
  }

  table(database: string, name: string): CatalogTable {
    const t = this.database(database).tables.get(name);
    if (!t) throw new KustoEngineError('not-found', 'General_BadRequest', `Table '${name}' was not found in database '${database}'.`);
    return t;
  }

  async ensureDatabase(name: string): Promise<CatalogDatabase> {
    const existing = this.databases.get(name);
    if (existing) return existing;
    await this.connection.run(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(name)}`);
    const db: CatalogDatabase = { name, tables: new Map() };
    this.databases.set(name, db);
    this.version++;
    return db;
  }

  async createTable(database: string, table: CatalogTable): Promise<void> {
    const db = await this.ensureDatabase(database);
    const cols = table.columns.map((c) => `${quoteIdent(c.ColumnName)} ${duckType(c.ColumnType)}`).join(', ');
    if (!table.materialize) await this.connection.run(`CREATE TABLE IF NOT EXISTS ${sqlTableName(database, table.name)} (${cols})`);
    db.tables.set(table.name, table);
    this.version++;
  }

  async dropTable(database: string, name: string): Promise<void> {
    const db = this.database(database);
    await this.connection.run(`DROP TABLE IF EXISTS ${sqlTableName(db.name, name)}`);
    db.tables.delete(name);
    this.version++;
  }

  schemas(): DatabaseSchema[] {
    return [...this.databases.values()].map((db) => ({
      Name: db.name,
      Tables: Object.fromEntries([...db.tables.values()].map((t) => [t.name, tableSchema(t)])),
      Functions: {},
    }));
  }
}

export function sqlTableName(database: string, table: string): string {
  return `${quoteIdent(database)}.${quoteIdent(table)}`;
}

function tableSchema(t: CatalogTable): TableSchema {
  return {
    Name: t.name,
    ...(t.folder ? { Folder: t.folder } : {}),
    ...(t.docString ? { DocString: t.docString } : {}),
    OrderedColumns: t.columns.map((c) => ({ Name: c.ColumnName, Type: dotNetType(c.ColumnType), CslType: c.ColumnType })),
  };
}

export async function loadStormEvents(catalog: Catalog, connection: DuckDBConnection): Promise<void> {
  await catalog.createTable('Samples', {
    name: 'StormEvents',
    columns: STORM_EVENTS_COLUMNS,
    folder: 'Storm_Events',
    docString: 'US storm events of 2007 (generated locally, deterministic)',
  });
  const d = generateStormEvents();
  const appender = await connection.createAppender('StormEvents', 'Samples');
  const ts = (ms: number) => new DuckDBTimestampValue(BigInt(ms) * 1000n);
  const real = (v: number | null) => (v === null ? appender.appendNull() : appender.appendDouble(v));
  for (let i = 0; i < d.rowCount; i++) {
    appender.appendTimestamp(ts(d.StartTime[i] ?? 0));
    appender.appendTimestamp(ts(d.EndTime[i] ?? 0));
    appender.appendInteger(d.EpisodeId[i] ?? 0);
    appender.appendInteger(d.EventId[i] ?? 0);
    appender.appendVarchar(d.State[i] ?? '');
    appender.appendVarchar(d.EventType[i] ?? '');
    appender.appendInteger(d.InjuriesDirect[i] ?? 0);
    appender.appendInteger(d.InjuriesIndirect[i] ?? 0);
    appender.appendInteger(d.DeathsDirect[i] ?? 0);
    appender.appendInteger(d.DeathsIndirect[i] ?? 0);
    appender.appendInteger(d.DamageProperty[i] ?? 0);
    appender.appendInteger(d.DamageCrops[i] ?? 0);
    appender.appendVarchar(d.Source[i] ?? '');
    appender.appendVarchar(d.BeginLocation[i] ?? '');
    appender.appendVarchar(d.EndLocation[i] ?? '');
    real(d.BeginLat[i] ?? null);
    real(d.BeginLon[i] ?? null);
    real(d.EndLat[i] ?? null);
    real(d.EndLon[i] ?? null);
    appender.appendVarchar(d.EpisodeNarrative[i] ?? '');
    appender.appendVarchar(d.EventNarrative[i] ?? '');
    appender.appendVarchar(d.StormSummary[i] ?? 'null');
    appender.endRow();
  }
  appender.closeSync();
}
