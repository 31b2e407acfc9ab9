/** The server in front of the real KQL engine (DuckDB): the seam works end to end. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate, type DevCertificate } from '../../certs';
import { createEngine } from '../engine/engine';
import type { KustoEngine } from '../engine/types';
import { startCluster, type RunningCluster } from './server';
import { call, createTestKeys, framesOf, TEST_ISSUER, userClaims } from './test-support';

let tls: DevCertificate;
let engine: KustoEngine;
let cluster: RunningCluster;
let token: string;

beforeAll(async () => {
  tls = await ensureDevCertificate();
  const keys = await createTestKeys();
  engine = await createEngine();
  cluster = await startCluster({ port: 0, tls, engine, auth: { issuer: TEST_ISSUER, keySet: keys.keySet, acceptedTyps: ['at+jwt'] } });
  token = await keys.mint(userClaims(cluster.url));
});

afterAll(async () => {
  await cluster?.close();
  await engine?.close();
});

const post = (path: string, body: unknown) => call(cluster.url + path, { ca: tls.ca, body, headers: { authorization: `Bearer ${token}` } });

describe('server with the real engine', () => {
  it('runs a KQL query into v2 frames with a visualization', async () => {
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'StormEvents | summarize n = count() by State | top 3 by n | render columnchart' });
    expect(res.status).toBe(200);
    const frames = framesOf(res.text);
    const props = frames.find((f) => f.TableName === '@ExtendedProperties') as { Rows: unknown[][] };
    expect(JSON.parse(props.Rows[0]?.[2] as string)).toMatchObject({ Visualization: 'columnchart' });
    const table = frames.find((f) => f.TableKind === 'PrimaryResult') as { Columns: unknown[]; Rows: unknown[][] };
    expect(table.Columns).toEqual([
      { ColumnName: 'State', ColumnType: 'string' },
      { ColumnName: 'n', ColumnType: 'long' },
    ]);
    expect(table.Rows).toHaveLength(3);
    const qci = frames.find((f) => f.TableKind === 'QueryCompletionInformation') as { Rows: unknown[][] };
    const payload = JSON.parse(qci.Rows.at(-1)?.at(-1) as string) as { input_dataset_statistics: { rows: { total: number } } };
    expect(payload.input_dataset_statistics.rows.total).toBeGreaterThan(0);
    expect(frames.at(-1)).toMatchObject({ HasErrors: false, Cancelled: false });
  });

  it('reports the engine syntax error with its code and position', async () => {
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'StormEvents | where' });
    expect(res.status).toBe(400);
    const error = (JSON.parse(res.text) as { error: Record<string, unknown> }).error;
    expect(error['@message']).toMatch(/\[line:position=\d+:\d+\]/);
    expect(String((error.innererror as Record<string, unknown>).code)).toMatch(/^(SYN|SEM|KS)/);
  });

  it('applies a leading set truncationmaxrecords statement the engine never sees', async () => {
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'set truncationmaxrecords=5;\nStormEvents | take 10' });
    expect(res.status).toBe(200);
    const frames = framesOf(res.text);
    expect((frames.find((f) => f.TableKind === 'PrimaryResult') as { Rows: unknown[] }).Rows).toHaveLength(5);
    expect(frames.at(-1)).toMatchObject({ HasErrors: true, OneApiErrors: [{ error: { code: 'LimitsExceeded' } }] });
  });

  it('reports a DuckDB error on a late row as a partial failure after the rows already sent', async () => {
    // x * 10^14 leaves BIGINT from x = 92,234: DuckDB ends that stream like a complete one.
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'range x from 1 to 400000 step 1 | extend y = x * 100000000000000' });
    expect(res.status).toBe(200);
    const frames = framesOf(res.text);
    const table = frames.find((f) => f.TableKind === 'PrimaryResult') as { Rows: unknown[][] };
    expect(table.Rows.length).toBeGreaterThan(0);
    expect(table.Rows.length).toBeLessThan(92234);
    const last = frames.at(-1) as { HasErrors: boolean; OneApiErrors: { error: Record<string, unknown> }[] };
    expect(last.HasErrors).toBe(true);
    expect(last.OneApiErrors[0]?.error).toMatchObject({ code: 'PartialQueryFailure' });
    expect(String(last.OneApiErrors[0]?.error['@message'])).toMatch(/Overflow in multiplication of INT64/);
  });

  it('serves the schema of Samples for monaco-kusto', async () => {
    const res = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.show databases schema as json' });
    const doc = JSON.parse((JSON.parse(res.text) as { Tables: { Rows: string[][] }[] }).Tables[0]?.Rows[0]?.[0] ?? '') as {
      Databases: Record<string, { Tables: Record<string, { OrderedColumns: { Name: string; CslType: string }[] }> }>;
    };
    const storm = doc.Databases.Samples?.Tables.StormEvents;
    expect(storm?.OrderedColumns).toHaveLength(22);
    expect(storm?.OrderedColumns.find((c) => c.Name === 'StormSummary')?.CslType).toBe('dynamic');
  });

  it('creates, fills, queries and drops a table through management commands', async () => {
    expect((await post('/v1/rest/mgmt', { db: 'Samples', csl: '.create table ServerTmp (a:string, b:long)' })).status).toBe(200);
    expect((await post('/v1/rest/mgmt', { db: 'Samples', csl: '.ingest inline into table ServerTmp <|\nx,1\ny,9007199254740993' })).status).toBe(200);
    const q = await post('/v2/rest/query', { db: 'Samples', csl: 'ServerTmp | order by a asc' });
    expect(q.text).toContain('["y",9007199254740993]');
    expect((await post('/v1/rest/mgmt', { db: 'Samples', csl: '.drop table ServerTmp' })).status).toBe(200);
    expect((await post('/v2/rest/query', { db: 'Samples', csl: 'ServerTmp' })).status).toBe(400);
  });
});
