/// <reference types="node" />
/**
 * DuckDB-wasm's Node build with the same blocking bindings the browser worker uses, so Vitest runs
 * the local-files code on the same WebAssembly DuckDB the browser does (tests only). Instantiating
 * compiles ~34 MB of wasm (several seconds): open one per test file.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { wrapBindings, type BlockingBindings, type LocalDuckDb } from '../workers/local-files/duckdb-wasm';

interface NodeBlockingModule {
  createDuckDB(bundles: unknown, logger: unknown, runtime: unknown): Promise<BlockingBindings & { instantiate(progress: () => void): Promise<unknown>; open(config: object): void }>;
  VoidLogger: new () => unknown;
  NODE_RUNTIME: unknown;
}

export async function openNodeDuckDbWasm(): Promise<LocalDuckDb> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const duckdb = require(entry) as NodeBlockingModule;
  const dist = dirname(entry);
  const bundle = (name: string) => ({ mainModule: join(dist, `duckdb-${name}.wasm`), mainWorker: '' });
  const bindings = await duckdb.createDuckDB({ mvp: bundle('mvp'), eh: bundle('eh') }, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await bindings.instantiate(() => {});
  bindings.open({});
  return wrapBindings(bindings, { fileReader: false });
}
