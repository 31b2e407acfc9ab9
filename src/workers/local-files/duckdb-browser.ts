/**
 * DuckDB-wasm in the local-files worker. `createDuckDB` picks the bundle the browser runs best:
 * "eh" (WebAssembly exception handling, every current browser) or "mvp"; the threaded "coi" build
 * needs a cross-origin-isolated page, which this app is not. Vite emits both .wasm files as
 * assets (`?url`), so they are served from the app's own origin like any chunk, and only the
 * chosen one is fetched — when the first local file is opened, never before.
 */
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { BROWSER_RUNTIME, createDuckDB, VoidLogger } from 'duckdb-wasm-browser-blocking';
import { wrapBindings, type LocalDuckDb } from './duckdb-wasm';

export async function openBrowserDuckDb(): Promise<LocalDuckDb> {
  const bindings = await createDuckDB(
    { mvp: { mainModule: mvpWasm, mainWorker: '' }, eh: { mainModule: ehWasm, mainWorker: '' } },
    new VoidLogger(),
    BROWSER_RUNTIME,
  );
  await bindings.instantiate(() => {});
  bindings.open({});
  return wrapBindings(bindings, { fileReader: true });
}
