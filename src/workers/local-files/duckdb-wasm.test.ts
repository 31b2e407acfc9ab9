// @vitest-environment node
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { openNodeDuckDbWasm } from '../../testing/duckdb-wasm-node';
import { parseByteSize, type LocalDuckDb } from './duckdb-wasm';

let db: LocalDuckDb;
beforeAll(async () => {
  db = await openNodeDuckDbWasm();
}, 120_000);

describe('DuckDB-wasm through the LocalDuckDb seam', () => {
  it('reports its version and a memory limit in bytes', () => {
    expect(db.version).toMatch(/^v1\.\d+\.\d+/);
    expect(db.memoryLimitBytes).toBeGreaterThan(100 * 1024 ** 2);
  });

  it('never fetches an extension: what needs one fails at once instead of reaching the network', () => {
    expect(() => db.query(`SELECT '{}'::JSON`)).toThrow(/json extension/);
  });

  it('cancels a running query in DuckDB and keeps the connection usable', async () => {
    let turns = 0;
    const result = await db.queryCancellable(
      'SELECT count(*) FROM range(5000000000) r(a) WHERE a % 7 = 3',
      () => turns >= 2,
      async () => {
        turns++;
      },
    );
    expect(result.kind).toBe('cancelled');
    expect(Number(db.query('SELECT 41 + 1 AS a').getChildAt(0)?.get(0))).toBe(42);
  });

  it('returns a finished query as an Arrow stream', async () => {
    const result = await db.queryCancellable('SELECT 6 * 7 AS a', () => false, async () => {});
    expect(result.kind).toBe('done');
    if (result.kind !== 'done') return;
    expect(tableFromIPC(result.ipc).getChild('a')?.get(0)).toBe(42);
  });
});

describe('parseByteSize', () => {
  it('reads DuckDB memory sizes', () => {
    expect(parseByteSize('3.1 GiB')).toBe(Math.round(3.1 * 1024 ** 3));
    expect(parseByteSize('512.0 MiB')).toBe(512 * 1024 ** 2);
    expect(parseByteSize('1GB')).toBe(1e9);
    expect(parseByteSize('lots')).toBeNaN();
  });
});
