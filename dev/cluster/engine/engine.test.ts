import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from './engine';
import { generateStormEvents } from '../../../src/engine/testing/storm-events';
import { runOne } from './test-helpers';
import { KustoEngineError, type KustoEngine } from './types';

let engine: KustoEngine;
const storm = generateStormEvents();

beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

describe('the Node host', () => {
  it('reports stats for the base tables it read', async () => {
    const q = await engine.execute('Samples', 'StormEvents | take 1');
    for (const t of q.tables) for await (const _ of t.chunks()) void _;
    expect(q.stats().rowsTotal).toBe(storm.rowCount);
  });
});

describe('a query that fails part way through its stream', () => {
  // DuckDB ends such a stream like a complete one (fetch_chunk yields no chunk); the engine must fail it.
  async function streamed(csl: string): Promise<{ rows: number; error: unknown }> {
    const q = await engine.execute('Samples', csl);
    let rows = 0;
    try {
      for (const t of q.tables) for await (const c of t.chunks()) rows += Array.isArray(c) ? c.length : c.rowCount;
    } catch (error) {
      return { rows, error };
    }
    return { rows, error: null };
  }

  it('raises the overflow DuckDB hits on a late row after the rows before it', async () => {
    // x * 10^13 leaves BIGINT from x = 922,338: DuckDB fails there, far into the stream.
    const { rows, error } = await streamed('range x from 1 to 2000000 step 1 | extend y = x * 10000000000000');
    expect(error).toBeInstanceOf(KustoEngineError);
    expect(error).toMatchObject({ kind: 'runtime' });
    expect(String((error as KustoEngineError).message)).toMatch(/Overflow in multiplication of INT64/);
    expect(rows).toBeLessThan(922338);
  });

  it('keeps a runtime refusal on a late row an UnsupportedOperator naming it', async () => {
    const { error } = await streamed('range x from 1 to 2000000 step 1 | extend d = iff(x > 1500000, endofday(datetime(2024-01-01)) - startofday(datetime(2024-01-01)), 1s)');
    expect(error).toMatchObject({ kind: 'unsupported', code: 'UnsupportedOperator' });
    expect(String((error as KustoEngineError).message)).toContain('The local cluster does not support');
  });

  it('still ends a complete stream of the same shape normally', async () => {
    const { rows, error } = await streamed('range x from 1 to 900000 step 1 | extend y = x * 10000000000000');
    expect(error).toBeNull();
    expect(rows).toBe(900000);
  });
});

describe('caches', () => {
  async function statsOf(csl: string) {
    const q = await engine.execute('Samples', csl);
    const rows = [];
    for (const t of q.tables) for await (const c of t.chunks()) rows.push(c);
    return q.stats();
  }

  it('recounts base rows after an ingest and replans after a schema change', async () => {
    await engine.createTable('Samples', 'CacheProbe', [{ ColumnName: 'x', ColumnType: 'long' }]);
    await engine.ingestInlineCsv('Samples', 'CacheProbe', '1\n2\n');
    expect((await statsOf('CacheProbe | count')).rowsTotal).toBe(2);
    await engine.ingestInlineCsv('Samples', 'CacheProbe', '3\n');
    expect((await statsOf('CacheProbe | count')).rowsTotal).toBe(3);
    expect((await runOne(engine, 'CacheProbe | count')).rows).toEqual([[3n]]);
    await engine.dropTable('Samples', 'CacheProbe');
    await expect(engine.execute('Samples', 'CacheProbe | count')).rejects.toMatchObject({ kind: 'semantic' });
    await engine.createTable('Samples', 'CacheProbe', [{ ColumnName: 'y', ColumnType: 'string' }]);
    expect((await runOne(engine, 'CacheProbe | count')).rows).toEqual([[0n]]);
    await engine.dropTable('Samples', 'CacheProbe');
  });
});
