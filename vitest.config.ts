import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two cores: keep the pool small so DuckDB-backed suites and jsdom suites don't starve.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'web',
          include: ['src/**/*.test.{ts,tsx}'],
          // The shared engine runs in Node (below), not in jsdom.
          exclude: ['src/engine/**'],
          environment: 'jsdom',
          // jsdom suites that drive a whole component (userEvent, 300 generated scripts) take
          // 1–3 s alone and several times that when the two cores are busy: 5 s is too tight.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          // The shared KQL → SQL engine's test queries, on the local cluster's Node host
          // (@duckdb/node-api). Another host runs the same files from its own project with its own
          // setup file (src/engine/testing/host.ts).
          name: 'engine',
          include: ['src/engine/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['dev/cluster/engine/test-host.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // The same test queries on DuckDB-wasm, the browser host of local files
          // (src/testing/duckdb-wasm-engine-host.ts): cell by cell the answers the local cluster gives.
          name: 'engine-wasm',
          include: ['src/engine/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['src/testing/duckdb-wasm-engine-host.ts'],
          // One DuckDB-wasm per worker for all the files (the host module keeps it): no file
          // writes to the samples, and compiling the wasm per file cost minutes.
          isolate: false,
          // Single-threaded wasm: the parse tests' datetime captures take ~9 s alone here (well under
          // a second on the Node host) and several times that on a busy machine.
          testTimeout: 90_000,
          // The first file of a worker compiles the wasm and loads the samples: minutes when busy.
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'dev',
          include: ['dev/**/*.test.ts', 'deploy/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
