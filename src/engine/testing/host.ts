/**
 * The engine's test queries run on whichever host the Vitest project registers (setupFiles):
 * the local cluster's Node host (dev/cluster/engine/test-host.ts) and DuckDB-wasm
 * (src/testing/duckdb-wasm-engine-host.ts). A host loads the sample databases of this folder (README.md), runs KQL through the
 * shared planner, and returns v2-encoded cells, so both hosts' answers compare cell by cell.
 */
import { afterAll, beforeAll } from 'vitest';
import { KustoEngineError, type KustoColumn } from '../types';

/**
 * One cell as the v2 protocol writes it, before JSON: long → bigint, real → number (or NaN/±∞),
 * datetime → ISO string with 7 fraction digits and Z, timespan → `[-][d.]hh:mm:ss[.fffffff]`,
 * decimal/guid → string, dynamic → parsed JSON, bool → boolean.
 */
export type V2Cell = null | boolean | number | bigint | string | { [key: string]: unknown } | unknown[];

export interface CollectedTable {
  columns: KustoColumn[];
  rows: V2Cell[][];
  visualization: Record<string, unknown> | null;
}

export interface EngineTestHost {
  readonly name: string;
  /** Runs a query (a batch gives several tables) and drains every table. Throws KustoEngineError. */
  run(database: string, csl: string, parameters?: Record<string, unknown>): Promise<CollectedTable[]>;
  /** The SQL of each table of a query (tests of which path the translator takes). */
  sqlOf(database: string, csl: string): string[];
  close(): Promise<void>;
}

let factory: (() => Promise<EngineTestHost>) | null = null;

/** Called by a Vitest project's setup file: the host every engine test file of that project runs on. */
export function registerEngineTestHost(create: () => Promise<EngineTestHost>): void {
  factory = create;
}

/** One host per test file, opened before its tests and closed after them. */
export function engineUnderTest(): EngineTestHost {
  let host: EngineTestHost | null = null;
  beforeAll(async () => {
    if (!factory) throw new Error('No engine test host: the Vitest project registers one in its setupFiles (registerEngineTestHost).');
    host = await factory();
  });
  afterAll(async () => {
    await host?.close();
  });
  const opened = (): EngineTestHost => {
    if (!host) throw new Error('The engine test host opens in beforeAll');
    return host;
  };
  return {
    get name() {
      return opened().name;
    },
    run: (database, csl, parameters) => opened().run(database, csl, parameters),
    sqlOf: (database, csl) => opened().sqlOf(database, csl),
    close: async () => undefined,
  };
}

export function runQuery(host: EngineTestHost, csl: string, database = 'Samples', parameters?: Record<string, unknown>): Promise<CollectedTable[]> {
  return host.run(database, csl, parameters);
}

export async function runOne(host: EngineTestHost, csl: string, database = 'Samples'): Promise<CollectedTable> {
  const [t] = await runQuery(host, csl, database);
  if (!t) throw new Error('no table');
  return t;
}

/** The KustoEngineError a query fails with (fails the test if it answers). */
export async function engineError(host: EngineTestHost, csl: string, database = 'Samples'): Promise<KustoEngineError> {
  try {
    await runQuery(host, csl, database);
  } catch (e) {
    if (e instanceof KustoEngineError) return e;
    throw e;
  }
  throw new Error(`expected ${csl} to fail`);
}
