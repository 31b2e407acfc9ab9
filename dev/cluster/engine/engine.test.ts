import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from './engine';
import { generateStormEvents, STORM_EVENTS_COLUMNS } from './storm-events';
import { runOne, runQuery } from './test-helpers';
import { KustoEngineError, type KustoEngine } from './types';

let engine: KustoEngine;
const storm = generateStormEvents();

beforeAll(async () => {
  engine = await createEngine();
});
afterAll(async () => {
  await engine.close();
});

async function engineError(csl: string, database = 'Samples'): Promise<KustoEngineError> {
  try {
    await runQuery(engine, csl, database);
  } catch (e) {
    if (e instanceof KustoEngineError) return e;
    throw e;
  }
  throw new Error(`expected ${csl} to fail`);
}

describe('walking skeleton', () => {
  it('counts every StormEvents row', async () => {
    const t = await runOne(engine, 'StormEvents | count');
    expect(t.columns).toEqual([{ ColumnName: 'Count', ColumnType: 'long' }]);
    expect(t.rows).toEqual([[BigInt(storm.rowCount)]]);
  });

  it('filters and takes with all 22 columns and their Kusto types', async () => {
    const t = await runOne(engine, 'StormEvents | where State == "TEXAS" | take 5');
    expect(t.columns).toEqual(STORM_EVENTS_COLUMNS);
    expect(t.rows).toHaveLength(5);
    for (const row of t.rows) {
      expect(row[4]).toBe('TEXAS');
      expect(row[0]).toMatch(/^2007-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      expect(typeof row[2]).toBe('number');
      expect(typeof row[21]).toBe('object');
    }
  });

  it('projects, extends with arithmetic and sorts descending by default', async () => {
    const t = await runOne(engine, 'StormEvents | where State == "KANSAS" | project EventId, DamageProperty | extend Double = DamageProperty * 2 | sort by DamageProperty | take 3');
    const expected = storm.DamageProperty.map((d, i) => ({ d, s: storm.State[i] }))
      .filter((x) => x.s === 'KANSAS')
      .map((x) => x.d)
      .sort((a, b) => b - a)
      .slice(0, 3);
    expect(t.columns.map((c) => `${c.ColumnName}:${c.ColumnType}`)).toEqual(['EventId:int', 'DamageProperty:int', 'Double:long']);
    expect(t.rows.map((r) => r[1])).toEqual(expected);
    expect(t.rows.map((r) => r[2])).toEqual(expected.map((x) => BigInt(x * 2)));
  });

  it('summarizes count() by a column with Kusto naming', async () => {
    const t = await runOne(engine, 'StormEvents | summarize count() by EventType | order by count_ desc | take 3');
    const counts = new Map<string, number>();
    for (const e of storm.EventType) counts.set(e, (counts.get(e) ?? 0) + 1);
    const expected = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    expect(t.columns).toEqual([
      { ColumnName: 'EventType', ColumnType: 'string' },
      { ColumnName: 'count_', ColumnType: 'long' },
    ]);
    expect(t.rows).toEqual(expected.map(([k, v]) => [k, BigInt(v)]));
  });

  it('sorts nulls last when descending and first when ascending', async () => {
    const desc = await runOne(engine, 'StormEvents | project BeginLat | sort by BeginLat desc');
    const asc = await runOne(engine, 'StormEvents | project BeginLat | sort by BeginLat asc');
    const nulls = storm.BeginLat.filter((x) => x === null).length;
    expect(nulls).toBeGreaterThan(0);
    expect(desc.rows.at(-1)?.[0]).toBeNull();
    expect(desc.rows[0]?.[0]).toBe(Math.max(...storm.BeginLat.filter((x): x is number => x !== null)));
    expect(asc.rows.slice(0, nulls).every((r) => r[0] === null)).toBe(true);
    expect(asc.rows[nulls]?.[0]).toBe(Math.min(...storm.BeginLat.filter((x): x is number => x !== null)));
  });

  it('passes render through as the Visualization property bag', async () => {
    const t = await runOne(engine, 'StormEvents | summarize count() by State | render piechart with (title="By state")');
    expect(t.visualization).toMatchObject({ Visualization: 'piechart', Title: 'By state', XColumn: null, Ymin: 'NaN', Accumulate: false });
    expect(Object.keys(t.visualization ?? {})).toHaveLength(19);
  });

  it('reports a syntax error with its line and column', async () => {
    const e = await engineError('StormEvents\n| where State ==');
    expect(e.kind).toBe('syntax');
    expect(e.code).toMatch(/^KS0/);
    expect(e.position).toEqual({ line: 2, column: 17, offset: 28 });
  });

  it('reports an unknown column as a semantic error', async () => {
    const e = await engineError('StormEvents | where NoSuchColumn > 1');
    expect(e.kind).toBe('semantic');
    expect(e.message).toContain('NoSuchColumn');
    expect(e.position?.column).toBe(21);
  });

  it('names an unsupported operator instead of answering', async () => {
    const e = await engineError('StormEvents | mv-apply x = StormSummary on (take 1)');
    expect(e.kind).toBe('unsupported');
    expect(e.code).toBe('UnsupportedOperator');
    expect(e.message).toBe("The local cluster does not support the 'mv-apply' operator yet.");
  });

  it('returns several PrimaryResult tables for a batch', async () => {
    const tables = await runQuery(engine, 'StormEvents | count; StormEvents | take 1 | project State');
    expect(tables).toHaveLength(2);
    expect(tables[1]?.columns).toEqual([{ ColumnName: 'State', ColumnType: 'string' }]);
  });

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
