import { describe, expect, it } from 'vitest';
import { useDuckDb } from './duckdb-fixture';
import { V2Batch, VectorChunk } from './chunk';
import { ChunkPump, StreamFailed } from './chunk-pump';
import { toJson } from './json';
import type { KustoType } from './types';

const db = useDuckDb();

// A selective filter: DuckDB streams it in chunks far smaller than 2,048 rows.
const SELECTIVE = `SELECT CAST(TIMESTAMP '2024-01-01' + to_seconds(CAST(i AS BIGINT)) AS TIMESTAMP_NS), 'd-' || CAST(i AS VARCHAR),
  CAST(i / 1000.0 AS DOUBLE) FROM range(0, 400000) t(i) WHERE i % 37 = 0`;
const TYPES: KustoType[] = ['datetime', 'string', 'real'];

function reference(batch: V2Batch): string {
  return Array.from({ length: batch.rowCount }, (_, r) => toJson(batch.row(r))).join(',');
}

describe('V2Batch', () => {
  it('writes several chunks as one text, ends continuing across them', async () => {
    const result = await db.conn().stream(SELECTIVE);
    const batch = new V2Batch();
    let chunks = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      batch.add(new VectorChunk(chunk, TYPES));
      chunks++;
    }
    expect(chunks).toBeGreaterThan(2);
    const text = batch.v2Text();
    expect(batch.rowCount).toBe(Math.ceil(400000 / 37));
    expect(text.ends.length).toBe(batch.rowCount);
    expect(text.ends[batch.rowCount - 1]).toBe(text.bytes.length);
    expect(text.bytes.toString('utf8')).toBe(reference(batch));
    // Each end is right after a row's closing bracket.
    for (const end of [text.ends[0], text.ends[1000], text.ends[batch.rowCount - 2]]) expect(text.bytes[(end ?? 0) - 1]).toBe(0x5d);
  });
});

describe('ChunkPump', () => {
  it('delivers every row in order, in batches of at least the minimum and at most the bound plus a chunk', async () => {
    const pump = new ChunkPump(await db.conn().stream(SELECTIVE), TYPES, 4096);
    const texts: string[] = [];
    const sizes: number[] = [];
    let refs = '';
    for (;;) {
      const batch = await pump.take(1024);
      if (!batch) break;
      sizes.push(batch.rowCount);
      texts.push(batch.v2Text().bytes.toString('utf8'));
      refs += (refs ? ',' : '') + reference(batch);
    }
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(Math.ceil(400000 / 37));
    expect(sizes.length).toBeGreaterThan(1);
    for (const n of sizes.slice(0, -1)) {
      expect(n).toBeGreaterThanOrEqual(1024);
      expect(n).toBeLessThanOrEqual(4096 + 2048);
    }
    expect(texts.join(',')).toBe(refs);
    expect(texts[0]?.startsWith('["2024-01-01T00:00:00.0000000Z","d-0",0]')).toBe(true);
    expect(await pump.take(1024)).toBeNull();
  });

  it('surfaces a failure after the rows fetched before it', async () => {
    const real = await db.conn().stream(SELECTIVE);
    let fetches = 0;
    const failing = {
      fetchChunk: () => (++fetches <= 5 ? real.fetchChunk() : Promise.reject(new Error('boom'))),
      returnType: real.returnType,
    };
    const pump = new ChunkPump(failing, TYPES, 1_000_000);
    let rows = 0;
    const failure = await (async () => {
      for (;;) {
        const batch = await pump.take(1);
        if (!batch) return null;
        rows += batch.rowCount;
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).toContain('boom');
    expect(rows).toBeGreaterThan(0);
    expect(fetches).toBe(6);
  });

  it('fails a stream DuckDB ends early because the query failed, after the rows before it', async () => {
    // fetch_chunk yields no chunk at the failure as at a real end; only the result's return type differs.
    const failing = await db.conn().stream(`SELECT CASE WHEN i < 300000 THEN i ELSE error('late row ' || i) END FROM range(0, 600000) t(i)`);
    const pump = new ChunkPump(failing, ['long'], 8192);
    let rows = 0;
    const failure = await (async () => {
      for (;;) {
        const batch = await pump.take(2048);
        if (!batch) return null;
        rows += batch.rowCount;
      }
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(StreamFailed);
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThanOrEqual(300000);
  });

  it('settle() waits out the fetch in flight so the connection can close', async () => {
    const own = await db.instance().connect();
    const pump = new ChunkPump(await own.stream(SELECTIVE), TYPES, 4096);
    expect(pump.fetching).toBe(true);
    await pump.settle();
    expect(pump.fetching).toBe(false);
    own.closeSync();
  });
});
