/**
 * Protocol limits against the REAL engine (DuckDB): progressive streaming of a 500k-row result,
 * truncation at 500,000 records, servertimeout and `.cancel query` interrupting a running DuckDB
 * query. The engine is wrapped only to observe when DuckDB's stream really ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate, type DevCertificate } from '../../certs';
import { createEngine } from '../engine/engine';
import type { EngineQuery, KustoEngine } from '../engine/types';
import { startCluster, type RunningCluster } from './server';
import { call, createTestKeys, framesOf, open, TEST_ISSUER, userClaims } from './test-support';

let tls: DevCertificate;
let real: KustoEngine;
let cluster: RunningCluster;
let token: string;
/** When each table's DuckDB stream ended (finished, failed or interrupted), by query text. */
const streamEnded = new Map<string, number>();

// ~1 minute of DuckDB work on two cores: a test only passes quickly if the query is interrupted.
const LONG_QUERY = 'range i from 1 to 3000000000 step 1 | summarize sum(i)';
// "Stopped" means: ended in well under half of the query's natural run time. A tighter bound
// would measure the machine's load (CI shares two cores with the rest of the suite), not the stop.
const STOPPED_WITHIN_MS = 25_000;

beforeAll(async () => {
  tls = await ensureDevCertificate();
  const keys = await createTestKeys();
  real = await createEngine();
  const observed: KustoEngine = {
    ...real,
    databases: () => real.databases(),
    async execute(database, csl, options): Promise<EngineQuery> {
      const q = await real.execute(database, csl, options);
      return {
        stats: q.stats,
        tables: q.tables.map((t) => ({
          ...t,
          async *chunks(signal?: AbortSignal) {
            try {
              yield* t.chunks(signal);
            } finally {
              streamEnded.set(csl, performance.now());
            }
          },
        })),
      };
    },
  };
  cluster = await startCluster({ port: 0, tls, engine: observed, auth: { issuer: TEST_ISSUER, keySet: keys.keySet, acceptedTyps: ['at+jwt'] } });
  token = await keys.mint(userClaims(cluster.url));
});

afterAll(async () => {
  await cluster?.close();
  await real?.close();
});

const auth = () => ({ authorization: `Bearer ${token}` });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(cluster.url + path, { ca: tls.ca, body, headers: { ...auth(), ...headers } });

interface Completion {
  FrameType: string;
  HasErrors: boolean;
  Cancelled: boolean;
  OneApiErrors?: { error: Record<string, unknown> }[];
}

describe('limits and streaming with the real engine', () => {
  it('delivers the first TableFragment of a 500k-row query before the query completes', async () => {
    const csl = 'range i from 1 to 500000 step 1 | extend s = strcat("row ", i)';
    const res = await open(`${cluster.url}/v2/rest/query`, {
      ca: tls.ca,
      headers: auth(),
      body: { db: 'Samples', csl, properties: { Options: { results_progressive_enabled: true } } },
    });
    expect(res.status).toBe(200);
    await res.waitFor('"FrameType":"TableFragment"', 30_000);
    // At the first fragment, DuckDB is still producing: its stream has not ended and the table is open.
    expect(streamEnded.has(csl)).toBe(false);
    expect(res.text).not.toContain('"TableCompletion"');
    const frames = framesOf(await res.done());
    const fragments = frames.filter((f) => f.FrameType === 'TableFragment') as { Rows: unknown[] }[];
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.reduce((n, f) => n + f.Rows.length, 0)).toBe(500_000);
    expect(frames.find((f) => f.FrameType === 'TableCompletion')).toMatchObject({ RowCount: 500_000 });
    expect(frames.at(-1)).toMatchObject({ FrameType: 'DataSetCompletion', HasErrors: false, Cancelled: false });
  }, 60_000);

  it('truncates a larger result at 500,000 records with E_QUERY_RESULT_SET_TOO_LARGE', async () => {
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'range i from 1 to 500001 step 1' });
    expect(res.status).toBe(200);
    const frames = framesOf(res.text);
    const table = frames.find((f) => f.TableKind === 'PrimaryResult') as { Rows: unknown[][] };
    expect(table.Rows).toHaveLength(500_000);
    expect(table.Rows.at(-1)).toEqual([500_000]);
    const done = frames.at(-1) as unknown as Completion;
    expect(done).toMatchObject({ FrameType: 'DataSetCompletion', HasErrors: true, Cancelled: false });
    expect(done.OneApiErrors?.[0]?.error).toMatchObject({
      code: 'LimitsExceeded',
      message: 'Query result set has exceeded the internal record count limit 500000 (E_QUERY_RESULT_SET_TOO_LARGE).',
      '@type': 'Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException',
      '@permanent': false,
    });
  }, 60_000);

  it('stops a long DuckDB query at servertimeout and answers 504', async () => {
    const csl = `${LONG_QUERY} | extend t = 1`;
    const started = performance.now();
    const res = await post('/v2/rest/query', { db: 'Samples', csl, properties: { Options: { servertimeout: '00:00:01' } } });
    expect(res.status).toBe(504);
    expect((JSON.parse(res.text) as { error: { code: string } }).error.code).toBe('Request_ExecutionTimeout');
    expect(performance.now() - started).toBeLessThan(STOPPED_WITHIN_MS);
    await expect.poll(() => streamEnded.get(csl), { timeout: STOPPED_WITHIN_MS }).toBeDefined();
    expect((streamEnded.get(csl) ?? Infinity) - started).toBeLessThan(STOPPED_WITHIN_MS);
  }, 60_000);

  it('cancels a running DuckDB query with .cancel query: the response ends Cancelled', async () => {
    const csl = `${LONG_QUERY} | extend c = 1`;
    const id = `Test.Query;cancel-${Date.now()}`;
    const response = call(`${cluster.url}/v2/rest/query`, { ca: tls.ca, body: { db: 'Samples', csl }, headers: { ...auth(), 'x-ms-client-request-id': id } });
    await expect
      .poll(async () => (await post('/v1/rest/mgmt', { db: 'Samples', csl: '.show queries' })).text.includes(id), { timeout: 10_000, interval: 100 })
      .toBe(true);
    const cancelledAt = performance.now();
    const cancel = await post('/v1/rest/mgmt', { db: 'Samples', csl: `.cancel query "${id}"` });
    expect(cancel.status).toBe(200);
    expect(cancel.text).toContain('"RunningQueryCanceled"');
    const res = await response;
    expect(res.status).toBe(200);
    const done = framesOf(res.text).at(-1) as unknown as Completion;
    expect(done).toMatchObject({ FrameType: 'DataSetCompletion', HasErrors: true, Cancelled: true });
    expect(done.OneApiErrors?.[0]?.error.code).toBe('Request_Cancelled');
    await expect.poll(() => streamEnded.get(csl), { timeout: STOPPED_WITHIN_MS }).toBeDefined();
    expect((streamEnded.get(csl) ?? Infinity) - cancelledAt).toBeLessThan(STOPPED_WITHIN_MS);
  }, 60_000);
});
