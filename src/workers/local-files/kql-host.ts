/**
 * The browser host of the shared KQL engine (src/engine/README.md "Hosting it"): the analyst's
 * tables as one database, `LOCAL_FILES_DATABASE`, the planner over them, and a run that turns each
 * statement's result into a columnar table. The same code runs in the worker (DuckDB-wasm in the
 * browser) and in Vitest (DuckDB-wasm's Node build).
 *
 * DuckDB-wasm has no JSON extension unless it fetches one from the internet (autoload is off:
 * nothing leaves the browser), so the planner is told the host has no JSON functions
 * (`json: false`): dynamic values are JSON text in VARCHAR, and a construct that needs the
 * extension is refused with its name.
 */
import { type Table, tableFromIPC } from 'apache-arrow';
import { planWithDiscovery, type DiscoveryRows } from '../../engine/column-discovery';
import { duckDbFailure, RUNTIME_UNSUPPORTED } from '../../engine/errors';
import { createPlanner, type PlannedTable, type Planner } from '../../engine/planner';
import type { EngineSchema, SchemaDatabase, SchemaTable } from '../../engine/schema';
import { ENGINE_MACROS } from '../../engine/sql-macros';
import { KustoEngineError, type KustoColumn, type Visualization } from '../../engine/types';
import { LOCAL_FILES_DATABASE } from '../../kusto/local-files';
import type { ColumnarTable } from '../../kusto/types';
import { arrowToColumnar, resultSql } from './arrow-columnar';
import type { LocalDuckDb } from './duckdb-wasm';
import { quoteIdentifier, type LocalColumn } from './kusto-columns';

export { LOCAL_FILES_DATABASE };

export interface KqlResult {
  tables: ColumnarTable[];
  /** TableId → the `render` properties, as the service sends them in @ExtendedProperties. */
  visualizations: Map<number, Visualization>;
}

export type KqlRun = { kind: 'done'; result: KqlResult } | { kind: 'cancelled' };

export class LocalSchema implements EngineSchema {
  version = 0;
  private readonly tables = new Map<string, SchemaTable>();
  readonly databases: ReadonlyMap<string, SchemaDatabase> = new Map([[LOCAL_FILES_DATABASE, { name: LOCAL_FILES_DATABASE, tables: this.tables }]]);

  set(name: string, columns: readonly LocalColumn[]): void {
    this.tables.set(name, { name, columns: columns.map((c) => ({ ColumnName: c.name, ColumnType: c.type })) });
    this.version++;
  }

  rename(from: string, to: string): void {
    const t = this.tables.get(from);
    if (!t) return;
    this.tables.delete(from);
    this.tables.set(to, { ...t, name: to });
    this.version++;
  }

  delete(name: string): void {
    if (this.tables.delete(name)) this.version++;
  }
}

/** Registers the engine's SQL macros on a fresh DuckDB (once). */
export function registerEngineMacros(db: LocalDuckDb): void {
  for (const macro of ENGINE_MACROS) db.query(macro);
}

export function createLocalPlanner(schema: LocalSchema): Planner {
  return createPlanner(schema, { tableSql: (_database, table) => quoteIdentifier(table) }, { json: false });
}

/** The engine's refusals name "the local cluster"; here the engine is local files in the browser. */
function inBrowserWords(error: KustoEngineError): KustoEngineError {
  if (!error.message.includes(RUNTIME_UNSUPPORTED)) return error;
  return new KustoEngineError(error.kind, error.code, error.message.replaceAll(RUNTIME_UNSUPPORTED, 'KQL on local files does not support'), error.position);
}

/**
 * The plan of `csl`; a query whose columns depend on its data (evaluate bag_unpack/pivot without a
 * schema) first runs its discovery query here (src/engine/column-discovery.ts).
 */
export function planLocal(db: LocalDuckDb, planner: Planner, csl: string, parameters: Record<string, unknown>): Promise<PlannedTable[]> {
  return planWithDiscovery(
    (text) => planner.planOrDiscover(LOCAL_FILES_DATABASE, text, parameters),
    csl,
    (sql) => Promise.resolve(discoveryRows(db.query(sql))),
  );
}

/** A discovery query's answer (every column VARCHAR) as rows of text. */
export function discoveryRows(table: Table): DiscoveryRows {
  const columns = table.schema.fields.map((_, i) => table.getChildAt(i));
  return Array.from({ length: table.numRows }, (_, r) => columns.map((c) => {
    const v: unknown = c?.get(r);
    return v === null || v === undefined ? null : String(v);
  }));
}

/**
 * Plans and runs `csl` (a batch gives several tables). Throws KustoEngineError (syntax, semantic,
 * unsupported, runtime); a cancel between polls stops DuckDB and answers `cancelled`.
 */
export async function runKql(
  db: LocalDuckDb,
  planner: Planner,
  csl: string,
  parameters: Record<string, unknown>,
  cancelled: () => boolean,
  nextTurn: () => Promise<void>,
): Promise<KqlRun> {
  let planned;
  try {
    planned = await planLocal(db, planner, csl, parameters);
  } catch (e) {
    if (isWasmTrap(e)) throw e;
    throw e instanceof KustoEngineError ? inBrowserWords(e) : inBrowserWords(duckDbFailure(e));
  }
  const tables: ColumnarTable[] = [];
  const visualizations = new Map<number, Visualization>();
  for (const [i, p] of planned.entries()) {
    let answer;
    try {
      answer = await db.queryCancellable(resultSql(p.sql, p.columns), cancelled, nextTurn);
    } catch (e) {
      if (isWasmTrap(e)) throw e;
      throw inBrowserWords(duckDbFailure(e));
    }
    if (answer.kind === 'cancelled') return { kind: 'cancelled' };
    tables.push(arrowToColumnar(tableFromIPC(answer.ipc), p.columns as KustoColumn[], i));
    if (p.visualization) visualizations.set(i, p.visualization);
  }
  return { kind: 'done', result: { tables, visualizations } };
}

/**
 * A WebAssembly trap (unreachable, out of bounds, stack overflow) leaves DuckDB-wasm's memory in
 * an unknown state: the worker must be replaced, not reused.
 */
export function isWasmTrap(error: unknown): boolean {
  return error instanceof WebAssembly.RuntimeError || (error instanceof RangeError && /call stack|memory/i.test(error.message));
}
