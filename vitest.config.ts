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
