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
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'dev',
          include: ['dev/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
