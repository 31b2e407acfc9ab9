/**
 * The local cluster's KQL engine, the Node host of the shared translator (src/engine): the
 * planner turns KQL into SQL, DuckDB (@duckdb/node-api) runs it, chunk.ts writes v2 values as
 * they stream. The catalog holds the sample databases. See src/engine/README.md.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { planWithDiscovery, type DiscoveryRows } from '../../../src/engine/column-discovery';
import { duckDbFailure } from '../../../src/engine/errors';
import { type PlannedTable, createPlanner } from '../../../src/engine/planner';
import { quoteIdent } from '../../../src/engine/kusto-types';
import { literalSql } from '../../../src/engine/literals';
import { ENGINE_MACROS, JSON_MACROS } from '../../../src/engine/sql-macros';
import { Catalog, loadStormEvents, sqlTableName } from './catalog';
import { loadKustoLanguageInNode } from './kusto-language-node';
import { loadContosoSales, registerBigTelemetry } from './sample-data';
import { ChunkPump, StreamFailed } from './chunk-pump';
import {
  type EngineQuery,
  type EngineTable,
  type ExecuteOptions,
  type KustoColumn,
  type KustoEngine,
  KustoEngineError,
  type EngineChunk,
} from './types';

export interface EngineOptions {
  /**
   * DuckDB memory_limit (default "4GB", or KQL_LOCAL_MEMORY_LIMIT). DuckDB has no per-query or
   * per-connection memory limit: this one bounds all queries of the instance together, which
   * with the server's bound on concurrent queries is the per-query bound we can offer. A query
   * that hits it fails with E_LOW_MEMORY_CONDITION instead of taking the machine down.
   */
  memoryLimit?: string;
  /** DuckDB worker threads (default 2, or KQL_LOCAL_THREADS): the dev machine has 2 cores. */
  threads?: number;
}

/** The local engine with two extras for benchmarks: the SQL a query becomes, and the DuckDB instance it runs on. */
export interface LocalEngine extends KustoEngine {
  sqlOf(database: string, csl: string): string[];
  readonly duckdb: DuckDBInstance;
  /** Creates the on-first-use tables (Big.Telemetry) a query reads, as execute() would. */
  materialize(database: string, csl: string): Promise<void>;
}

export async function createEngine(options: EngineOptions = {}): Promise<LocalEngine> {
  const instance = await DuckDBInstance.create(':memory:');
  const admin = await instance.connect();
  await admin.run(`SET TimeZone='UTC'`);
  const memoryLimit = options.memoryLimit ?? process.env.KQL_LOCAL_MEMORY_LIMIT ?? '4GB';
  await admin.run(`SET memory_limit='${memoryLimit.replace(/'/g, '')}'`);
  const threads = options.threads ?? (Number(process.env.KQL_LOCAL_THREADS) || 2);
  await admin.run(`SET threads=${Math.max(1, Math.floor(threads))}`);
  // DuckDB for Node has the JSON extension built in.
  for (const macro of [...ENGINE_MACROS, ...JSON_MACROS]) await admin.run(macro);
  const catalog = new Catalog(admin);
  await loadStormEvents(catalog, admin);
  await loadContosoSales(catalog, admin);
  await registerBigTelemetry(catalog, admin);
  loadKustoLanguageInNode();
  const planner = createPlanner(catalog, { tableSql: sqlTableName });
  planner.warm();
  const plan = (database: string, csl: string, parameters: Record<string, unknown>) => planner.plan(database, csl, parameters);
  // A query whose columns depend on its data (evaluate bag_unpack/pivot without a schema) runs a
  // discovery query first (src/engine/column-discovery.ts).
  const discover = async (database: string, sql: string, tablesRead: ReadonlySet<string>): Promise<DiscoveryRows> => {
    for (const t of tablesRead) await catalog.database(database).tables.get(t)?.materialize?.();
    const conn = await instance.connect();
    try {
      await conn.run(`SET TimeZone='UTC'`);
      const rows = await (await conn.run(sql)).getRows();
      return rows.map((row) => row.map((v) => (v === null ? null : String(v))));
    } catch (e) {
      throw duckDbFailure(e);
    } finally {
      conn.closeSync();
    }
  };
  const planRun = (database: string, csl: string, parameters: Record<string, unknown>) =>
    planWithDiscovery((text) => planner.planOrDiscover(database, text, parameters), csl, (sql, tablesRead) => discover(database, sql, tablesRead));

  // Base-table row counts for the stats: only the engine's own management calls change them,
  // and each of those clears this.
  const rowCounts = new Map<string, number>();
  const rowCount = async (conn: DuckDBConnection, database: string, tables: Set<string>) => {
    let total = 0;
    for (const t of tables) {
      const entry = catalog.database(database).tables.get(t);
      if (!entry) continue;
      await entry.materialize?.();
      const name = sqlTableName(catalog.database(database).name, t);
      let n = rowCounts.get(name);
      if (n === undefined) {
        const r = await conn.run(`SELECT count(*) FROM ${name}`);
        n = Number((await r.getRows())[0]?.[0] ?? 0);
        rowCounts.set(name, n);
      }
      total += n;
    }
    return total;
  };

  const engine: LocalEngine = {
    duckdb: instance,
    sqlOf: (database, csl) => plan(database, csl, {}).map((p) => p.sql),
    async materialize(database, csl) {
      for (const p of plan(database, csl, {})) {
        for (const t of p.tablesRead) await catalog.database(database).tables.get(t)?.materialize?.();
      }
    },
    async execute(database, csl, execOptions: ExecuteOptions = {}): Promise<EngineQuery> {
      const planned = await planRun(database, csl, execOptions.parameters ?? {});
      const stats = { rowsScanned: 0, rowsTotal: 0 };
      const tables: EngineTable[] = planned.map((p) => ({
        tableKind: 'PrimaryResult',
        tableName: 'PrimaryResult',
        columns: p.columns,
        visualization: p.visualization,
        chunks: (signal?: AbortSignal) => runChunks(instance, p, signal ?? execOptions.signal, async (conn) => {
          const n = await rowCount(conn, database, p.tablesRead);
          stats.rowsScanned += n;
          stats.rowsTotal += n;
        }),
      }));
      return { tables, stats: () => ({ ...stats }) };
    },
    databases: () => catalog.schemas(),
    async createTable(database, table, columns) {
      rowCounts.clear();
      await catalog.createTable(database, { name: table, columns });
    },
    async dropTable(database, table) {
      rowCounts.clear();
      await catalog.dropTable(database, table);
    },
    async ingestInlineCsv(database, table, csv) {
      rowCounts.clear();
      const t = catalog.table(database, table);
      const conn = await instance.connect();
      try {
        await conn.run(`SET TimeZone='UTC'`);
        const rows = parseCsv(csv);
        const cols = t.columns.map((c) => quoteIdent(c.ColumnName)).join(', ');
        let appended = 0;
        for (const row of rows) {
          const values = t.columns.map((c, i) => csvValueSql(row[i] ?? '', c));
          await conn.run(`INSERT INTO ${sqlTableName(catalog.database(database).name, t.name)} (${cols}) VALUES (${values.join(', ')})`);
          appended++;
        }
        return appended;
      } finally {
        // Again after the write: a query that counted meanwhile cached the old number.
        rowCounts.clear();
        conn.closeSync();
      }
    },
    async setOrAppend(database, table, csl) {
      rowCounts.clear();
      const [p] = await planRun(database, csl, {});
      if (!p) throw new KustoEngineError('semantic', 'General_BadRequest', 'The query returned no table.');
      const db = catalog.database(database);
      if (!db.tables.has(table)) await catalog.createTable(db.name, { name: table, columns: p.columns });
      const target = catalog.table(db.name, table);
      if (target.columns.length !== p.columns.length) {
        throw new KustoEngineError('semantic', 'General_BadRequest', `The query's schema does not match table '${table}'.`);
      }
      const conn = await instance.connect();
      try {
        await conn.run(`SET TimeZone='UTC'`);
        const r = await conn.run(`INSERT INTO ${sqlTableName(db.name, table)} ${p.sql}`);
        return Number(r.rowsChanged);
      } finally {
        // Again after the write: a query that counted meanwhile cached the old number.
        rowCounts.clear();
        conn.closeSync();
      }
    },
    async close() {
      admin.closeSync();
      instance.closeSync();
    },
  };
  return engine;
}

/** Rows per yielded batch (one v2 fragment, one socket write) and the most rows fetched ahead. */
const BATCH_MIN_ROWS = 2048;
const PUMP_MAX_ROWS = 8192;

async function* runChunks(
  instance: DuckDBInstance,
  p: PlannedTable,
  signal: AbortSignal | undefined,
  onStart: (conn: DuckDBConnection) => Promise<void>,
): AsyncIterable<EngineChunk> {
  if (signal?.aborted) throw new KustoEngineError('cancelled', 'QueryCancelled', 'The query was cancelled.');
  const conn = await instance.connect();
  const abort = () => conn.interrupt();
  signal?.addEventListener('abort', abort);
  let pump: ChunkPump | null = null;
  try {
    await conn.run(`SET TimeZone='UTC'`);
    await onStart(conn);
    // An interrupt() that lands before DuckDB runs anything is lost: check between the steps too.
    const live = () => {
      if (signal?.aborted) throw new KustoEngineError('cancelled', 'QueryCancelled', 'The query was cancelled.');
    };
    live();
    const result = await conn.stream(p.sql);
    const types = p.columns.map((c) => c.ColumnType);
    pump = new ChunkPump(result, types, PUMP_MAX_ROWS);
    for (;;) {
      live();
      const batch = await pump.take(BATCH_MIN_ROWS);
      if (!batch) break;
      yield batch;
    }
  } catch (e) {
    if (e instanceof KustoEngineError) throw e;
    if (signal?.aborted) throw new KustoEngineError('cancelled', 'QueryCancelled', 'The query was cancelled.');
    if (!(e instanceof StreamFailed)) throw duckDbFailure(e);
    // The bindings cannot say why the stream failed: run the query again to a one-row sink that
    // still computes every column (hash of the whole row), so DuckDB raises the same error
    // (with its text) without streaming or holding the rows. Only failed queries pay for this.
    let why: unknown = e;
    try {
      await conn.run(`SELECT min(hash(t)) FROM (${p.sql}) t`);
    } catch (rerun) {
      why = rerun;
    }
    if (signal?.aborted) throw new KustoEngineError('cancelled', 'QueryCancelled', 'The query was cancelled.');
    throw duckDbFailure(why);
  } finally {
    if (pump?.fetching) conn.interrupt();
    await pump?.settle();
    signal?.removeEventListener('abort', abort);
    conn.closeSync();
  }
}

function parseCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && csv[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  row.push(field);
  if (row.length > 1 || row[0] !== '') rows.push(row);
  return rows;
}

function csvValueSql(raw: string, c: KustoColumn): string {
  if (c.ColumnType === 'string') return `'${raw.replace(/'/g, "''")}'`;
  if (raw === '') return 'NULL';
  const escaped = `'${raw.replace(/'/g, "''")}'`;
  switch (c.ColumnType) {
    case 'dynamic':
      return `CASE WHEN json_valid(${escaped}) THEN CAST(${escaped} AS JSON) ELSE to_json(${escaped}) END`;
    case 'datetime':
      // Stored tables hold micros; a 7th fraction digit (a 100 ns tick) would be dropped.
      if (/\.\d{6}[1-9]/.test(raw)) {
        throw new KustoEngineError('unsupported', 'UnsupportedOperator', `The local cluster does not support ingesting datetimes with a sub-microsecond tick yet ('${raw}').`);
      }
      return `CAST(replace(${escaped}, 'Z', '') AS TIMESTAMP)`;
    case 'bool':
      return `CAST(${escaped} AS BOOLEAN)`;
    case 'int':
      return `CAST(${escaped} AS INTEGER)`;
    case 'long':
      return `CAST(${escaped} AS BIGINT)`;
    case 'real':
      return `CAST(${escaped} AS DOUBLE)`;
    case 'decimal':
      return `CAST(${escaped} AS DECIMAL(38,10))`;
    case 'guid':
      return `CAST(${escaped} AS UUID)`;
    case 'timespan':
      return literalSql(`time(${raw})`, 'timespan', null);
  }
}
