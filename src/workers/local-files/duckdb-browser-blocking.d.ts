// DuckDB-wasm's browser build of the blocking bindings. The package ships it
// (dist/duckdb-browser-blocking.mjs) but its exports map does not name it (its "./blocking" entry
// points browsers at a duckdb-node-blocking.mjs that is not in the package), so vite.config.ts
// aliases this name to the file.
declare module 'duckdb-wasm-browser-blocking' {
  import type { BlockingBindings } from './duckdb-wasm';

  export interface Bundle {
    mainModule: string;
    mainWorker: string;
  }
  export function createDuckDB(
    bundles: { mvp: Bundle; eh: Bundle },
    logger: unknown,
    runtime: unknown,
  ): Promise<BlockingBindings & { instantiate(progress: () => void): Promise<unknown>; open(config: object): void }>;
  export class VoidLogger {}
  export const BROWSER_RUNTIME: unknown;
}
