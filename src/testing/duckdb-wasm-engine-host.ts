/// <reference types="node" />
/**
 * Vitest setup file of the `engine-wasm` project: the shared engine's test queries
 * (src/engine/*.test.ts) on DuckDB-wasm, the browser host of local files — the same planner with
 * the same host capabilities as the local-files worker (`json: false`: no JSON extension offline),
 * the same SQL wrapping and Arrow → columnar conversion (src/workers/local-files/arrow-columnar.ts),
 * and each cell in its v2 form (src/engine/testing/host.ts) so the answers compare cell by cell
 * with the local cluster's host.
 *
 * A query this host refuses for want of the JSON extension (a dynamic member access, parse_json,
 * make_list, mv-expand, …) is the answer local files give by design — an error naming the
 * construct, never a wrong value — so its test is skipped here with that refusal as the note
 * (`vitest run --project engine-wasm` lists them). Any other failure fails the test.
 */
import { createRequire } from 'node:module';
import { beforeEach, type TestContext } from 'vitest';
import { Float64, Int32, Table, TimestampMillisecond, Utf8, vectorFromArray } from 'apache-arrow';
import { planWithDiscovery } from '../engine/column-discovery';
import { duckDbFailure } from '../engine/errors';
import { NEEDS_JSON_EXTENSION } from '../engine/host-capabilities';
import { quoteIdent } from '../engine/kusto-types';
import { setKustoLanguageLoader } from '../engine/kusto-language';
import { createPlanner } from '../engine/planner';
import type { EngineSchema, SchemaDatabase, SchemaTable } from '../engine/schema';
import { CONTOSO_SALES_TABLES } from '../engine/testing/contoso-sales';
import { registerEngineTestHost, type CollectedTable, type EngineTestHost, type V2Cell } from '../engine/testing/host';
import { generateStormEvents, STORM_EVENTS_COLUMNS } from '../engine/testing/storm-events';
import { KustoEngineError, type KustoColumn } from '../engine/types';
import { datetimeText, dynamicAt, formatCell, isNullAt } from '../kusto/columnar';
import type { ColumnarColumn } from '../kusto/types';
import { arrowToColumnar, resultSql } from '../workers/local-files/arrow-columnar';
import type { LocalDuckDb } from '../workers/local-files/duckdb-wasm';
import { discoveryRows, registerEngineMacros } from '../workers/local-files/kql-host';
import { openNodeDuckDbWasm } from './duckdb-wasm-node';

// On the global object, like the host below: the shared host's closures belong to the first
// evaluation of this file, while each file's evaluation registers this hook again.
const running = globalThis as { duckDbWasmCurrentTest?: TestContext };
beforeEach((context) => {
  running.duckDbWasmCurrentTest = context;
});

/** Skips the running test when `error` is this host's refusal for want of JSON; otherwise returns. */
function skipIfNeedsJson(error: unknown): void {
  const test = running.duckDbWasmCurrentTest;
  if (test && error instanceof KustoEngineError && error.message.includes(NEEDS_JSON_EXTENSION)) {
    test.skip(`DuckDB-wasm without JSON refuses it: ${error.message.split(':')[0] ?? error.message}`);
  }
}

/** The same capabilities the local-files worker plans with (kql-host.ts createLocalPlanner). */
const WASM_HOST = { json: false } as const;

class SampleSchema implements EngineSchema {
  version = 1;
  readonly databases = new Map<string, SchemaDatabase>();

  add(database: string, table: SchemaTable): void {
    const db = this.databases.get(database) ?? { name: database, tables: new Map<string, SchemaTable>() };
    (db.tables as Map<string, SchemaTable>).set(table.name, table);
    this.databases.set(database, db);
    this.version++;
  }
}

const tableSql = (database: string, table: string) => `${quoteIdent(database)}.${quoteIdent(table)}`;

/** The SQL type a Kusto column is stored as on this host (dynamic: JSON text in VARCHAR). */
function storedType(c: KustoColumn): string {
  switch (c.ColumnType) {
    case 'int': return 'INTEGER';
    case 'long': return 'BIGINT';
    case 'real': return 'DOUBLE';
    case 'datetime': return 'TIMESTAMP';
    case 'dynamic': case 'string': return 'VARCHAR';
    default: throw new Error(`no sample column of type ${c.ColumnType}`);
  }
}

function createTable(db: LocalDuckDb, schema: SampleSchema, database: string, name: string, columns: readonly KustoColumn[]): string {
  db.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(database)}`);
  const sql = tableSql(database, name);
  db.query(`CREATE TABLE ${sql} (${columns.map((c) => `${quoteIdent(c.ColumnName)} ${storedType(c)}`).join(', ')})`);
  schema.add(database, { name, columns });
  return sql;
}

/** Samples.StormEvents from the generator the tests compute their expectations from. */
function loadStormEvents(db: LocalDuckDb, schema: SampleSchema): void {
  const d = generateStormEvents();
  const sql = createTable(db, schema, 'Samples', 'StormEvents', STORM_EVENTS_COLUMNS);
  const vector = (c: KustoColumn) => {
    const values = d[c.ColumnName as keyof typeof d] as ArrayLike<unknown>;
    const list = Array.from({ length: d.rowCount }, (_, i) => values[i] ?? null);
    switch (c.ColumnType) {
      case 'datetime': return vectorFromArray(list as number[], new TimestampMillisecond());
      case 'int': return vectorFromArray(list as (number | null)[], new Int32());
      case 'real': return vectorFromArray(list as (number | null)[], new Float64());
      default: return vectorFromArray(list.map((v) => (v === null ? 'null' : String(v))), new Utf8());
    }
  };
  const staged = new Table(Object.fromEntries(STORM_EVENTS_COLUMNS.map((c) => [c.ColumnName, vector(c)])));
  db.insertArrow(staged, 'storm_events_staged');
  db.query(`INSERT INTO ${sql} SELECT ${STORM_EVENTS_COLUMNS.map((c) => `CAST(${quoteIdent(c.ColumnName)} AS ${storedType(c)})`).join(', ')} FROM storm_events_staged`);
  db.query('DROP TABLE storm_events_staged');
}

/** One cell in its v2 form (host.ts V2Cell), from the columnar table the worker would send. */
function v2Cell(column: ColumnarColumn, row: number): V2Cell {
  if (isNullAt(column, row)) return null;
  switch (column.type) {
    case 'bool': return column.values[row] === 1;
    case 'int': case 'real': return column.values[row]!;
    case 'long': return column.values[row]!;
    case 'datetime': return datetimeText(column, row);
    case 'dynamic': return dynamicAt(column, row) as V2Cell;
    default: return formatCell(column, row);
  }
}

/**
 * One DuckDB-wasm for every test file a worker runs (the project runs with `isolate: false`, and a
 * setup file is evaluated again for each file, so the host is kept on the global object):
 * compiling the wasm and loading the samples costs tens of seconds on a busy machine. Queries only
 * read the samples, so files cannot disturb each other.
 */
const shared = globalThis as { duckDbWasmEngineHost?: Promise<EngineTestHost> };
registerEngineTestHost(() => (shared.duckDbWasmEngineHost ??= openHost()));

async function openHost(): Promise<EngineTestHost> {
  const db = await openNodeDuckDbWasm();
  registerEngineMacros(db);
  const schema = new SampleSchema();
  loadStormEvents(db, schema);
  for (const table of CONTOSO_SALES_TABLES) db.query(table.insertSql(createTable(db, schema, 'ContosoSales', table.name, table.columns)));
  setKustoLanguageLoader(() => {
    const require = createRequire(import.meta.url);
    require('@kusto/language-service-next/bridge.min.js');
    require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  });
  const planner = createPlanner(schema, { tableSql }, WASM_HOST);
  planner.warm();
  return {
    name: 'duckdb-wasm',
    async run(database, csl, parameters = {}) {
      const tables: CollectedTable[] = [];
      let planned;
      try {
        // As the local-files worker plans (kql-host.ts planLocal): discovery queries on this DuckDB.
        planned = await planWithDiscovery(
          (text) => planner.planOrDiscover(database, text, parameters),
          csl,
          (sql) => {
            try {
              return Promise.resolve(discoveryRows(db.query(sql)));
            } catch (e) {
              throw duckDbFailure(e);
            }
          },
        );
      } catch (e) {
        skipIfNeedsJson(e);
        throw e;
      }
      for (const [i, p] of planned.entries()) {
        let arrow;
        try {
          arrow = db.query(resultSql(p.sql, p.columns));
        } catch (e) {
          if (e instanceof KustoEngineError) throw e;
          throw duckDbFailure(e);
        }
        const table = arrowToColumnar(arrow, p.columns, i);
        tables.push({
          columns: p.columns.map((c) => ({ ...c })),
          rows: Array.from({ length: table.rowCount }, (_, r) => table.columns.map((c) => v2Cell(c, r))),
          visualization: p.visualization ?? null,
        });
      }
      return tables;
    },
    sqlOf(database, csl) {
      try {
        return planner.plan(database, csl, {}).map((p) => p.sql);
      } catch (e) {
        skipIfNeedsJson(e);
        throw e;
      }
    },
    // Shared by the files of the project; the worker's exit frees it.
    close: () => Promise.resolve(),
  };
}
