import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ensureDevCertificate, type DevCertificate } from '../../certs';
import { KustoEngineError, type KustoColumn } from '../engine/types';
import { startCluster, type RunningCluster } from './server';
import { FaultSyntaxError, parseFaults } from './faults';
import {
  abortable,
  call,
  createTestKeys,
  FakeEngine,
  framesOf,
  gate,
  open,
  TEST_ISSUER,
  userClaims,
  type TestKeys,
} from './test-support';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LONG_COLS: KustoColumn[] = [
  { ColumnName: 'n', ColumnType: 'long' },
  { ColumnName: 's', ColumnType: 'string' },
];
const rowsOf = (from: number, count: number) => Array.from({ length: count }, (_, i) => [BigInt(from + i), `row ${from + i}`]);

let tls: DevCertificate;
let keys: TestKeys;
let engine: FakeEngine;
let cluster: RunningCluster;
let token: string;
let victorToken: string;

beforeAll(async () => {
  tls = await ensureDevCertificate();
  keys = await createTestKeys();
  engine = new FakeEngine();
  cluster = await startCluster({
    port: 0,
    tls,
    engine,
    auth: { issuer: TEST_ISSUER, keySet: keys.keySet, acceptedTyps: ['at+jwt', 'JWT'] },
    testSwitches: true,
    limits: { maxConcurrentQueries: 2, maxBodyBytes: 4096 },
  });
  token = await keys.mint(userClaims(cluster.url));
  victorToken = await keys.mint(userClaims(cluster.url, 'victor'));
});

afterAll(async () => {
  await cluster?.close();
});

beforeEach(() => {
  engine.scripts.clear();
  engine.received.length = 0;
  engine.calls.length = 0;
});

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return call(cluster.url + path, { ca: tls.ca, body, headers: { authorization: `Bearer ${token}`, ...headers } });
}

function errorOf(text: string): Record<string, unknown> {
  return (JSON.parse(text) as { error: Record<string, unknown> }).error;
}

describe('authentication', () => {
  const query = { db: 'Samples', csl: 'StormEvents | count' };

  it('answers 401 with no body and a Bearer challenge when the token is missing', async () => {
    const res = await call(cluster.url + '/v2/rest/query', { ca: tls.ca, body: query, headers: { origin: 'https://app.test' } });
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    // CORS headers on the 401 too, so the page can read the status.
    expect(res.headers['access-control-allow-origin']).toBe('https://app.test');
    expect(engine.received).toHaveLength(0);
  });

  it.each([
    ['expired', async () => keys.mint(userClaims(cluster.url), { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ['for another audience', async () => keys.mint(userClaims('https://other.kusto.windows.net'))],
    ['signed by another key', async () => keys.mint(userClaims(cluster.url), { key: keys.otherKey })],
    [
      'tampered after signing',
      async () => {
        const [h, p, s] = (await keys.mint(userClaims(cluster.url))).split('.');
        const claims = JSON.parse(Buffer.from(p ?? '', 'base64url').toString()) as Record<string, unknown>;
        claims.oid = 'oid-mallory';
        return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
      },
    ],
    ['of a typ that is not accepted (an id token)', async () => keys.mint(userClaims(cluster.url), { typ: 'id+jwt' })],
  ])('answers 401 with no body for a token %s', async (_what, makeToken) => {
    const res = await post('/v2/rest/query', query, { authorization: `Bearer ${await makeToken()}` });
    expect(res.status).toBe(401);
    expect(res.text).toBe('');
    expect(engine.received).toHaveLength(0);
  });

  it('accepts Entra-style JWT typ and serves metadata without a token', async () => {
    engine.script('print 1', () => [{ columns: [{ ColumnName: 'print_0', ColumnType: 'long' }], chunks: [[[1n]]] }]);
    const entraToken = await keys.mint(userClaims(cluster.url), { typ: 'JWT' });
    const ok = await post('/v2/rest/query', { db: 'Samples', csl: 'print 1' }, { authorization: `Bearer ${entraToken}` });
    expect(ok.status).toBe(200);

    const meta = await call(cluster.url + '/v1/rest/auth/metadata', { ca: tls.ca });
    expect(meta.status).toBe(200);
    const body = JSON.parse(meta.text) as { AzureAD: Record<string, unknown> };
    expect(body.AzureAD).toMatchObject({
      LoginEndpoint: TEST_ISSUER,
      LoginMfaRequired: false,
      KustoClientAppId: 'kql-workbench-local',
      KustoServiceResourceId: cluster.url,
      FirstPartyAuthorityUrl: TEST_ISSUER,
    });
  });
});

describe('CORS and ids', () => {
  it('answers a preflight with 204, no auth, the origin reflected and the asked headers allowed', async () => {
    const res = await call(cluster.url + '/v2/rest/query', {
      ca: tls.ca,
      method: 'OPTIONS',
      headers: {
        origin: 'https://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,x-ms-client-request-id,x-ms-app',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('https://localhost:5173');
    expect(res.headers.vary).toMatch(/Origin/);
    expect(res.headers['access-control-allow-methods']).toBe('GET, POST, OPTIONS');
    expect(res.headers['access-control-allow-headers']).toBe('authorization, content-type, x-ms-client-request-id, x-ms-app');
  });

  it('does not reflect request headers outside the allowed set', async () => {
    const res = await call(cluster.url + '/v2/rest/query', {
      ca: tls.ca,
      method: 'OPTIONS',
      headers: { origin: 'https://a.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-evil' },
    });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-headers']).not.toMatch(/x-evil/);
  });

  it('echoes x-ms-client-request-id, sets an activity id and exposes both', async () => {
    engine.script('print 1', () => [{ columns: [{ ColumnName: 'print_0', ColumnType: 'long' }], chunks: [[[1n]]] }]);
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'print 1' }, { origin: 'https://a.test', 'x-ms-client-request-id': 'KQLW.Query;abc' });
    expect(res.headers['x-ms-client-request-id']).toBe('KQLW.Query;abc');
    expect(res.headers['x-ms-activity-id']).toMatch(UUID);
    expect(res.headers['access-control-expose-headers']).toBe('x-ms-activity-id, x-ms-client-request-id, Retry-After, WWW-Authenticate');
    const generated = await post('/v2/rest/query', { db: 'Samples', csl: 'print 1' });
    expect(generated.headers['x-ms-client-request-id']).toMatch(/^LOCAL\.Server;/);
  });
});

describe('v2 frames', () => {
  beforeEach(() => {
    engine.script('StormEvents | take 3 | render timechart', () => [
      { columns: LONG_COLS, chunks: [rowsOf(1, 2), rowsOf(3, 1)], visualization: { Visualization: 'timechart', Title: 'T', Ymin: 'NaN' } },
    ]);
  });

  it('writes DataSetHeader, @ExtendedProperties, one DataTable per result, QueryCompletionInformation, DataSetCompletion', async () => {
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'StormEvents | take 3 | render timechart' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    // One frame per line: '[' opens the first, ',' leads each next, ']' closes.
    const lines = res.text.trimEnd().split('\n');
    expect(lines[0]?.startsWith('[{"FrameType":"DataSetHeader"')).toBe(true);
    expect(lines.slice(1, -1).every((l) => l.startsWith(',{"FrameType":'))).toBe(true);
    expect(lines.at(-1)).toBe(']');

    const frames = framesOf(res.text);
    expect(frames.map((f) => `${String(f.FrameType)}:${String(f.TableKind ?? '')}`)).toEqual([
      'DataSetHeader:',
      'DataTable:QueryProperties',
      'DataTable:PrimaryResult',
      'DataTable:QueryCompletionInformation',
      'DataSetCompletion:',
    ]);
    expect(frames[0]).toEqual({ FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0' });
    const props = frames[1] as { TableId: number; TableName: string; Rows: unknown[][] };
    expect(props.TableId).toBe(0);
    expect(props.TableName).toBe('@ExtendedProperties');
    expect(props.Rows).toHaveLength(1);
    const [tableId, key, value] = props.Rows[0] as [number, string, unknown];
    expect([tableId, key]).toEqual([1, 'Visualization']);
    // Visualization travels as a JSON string inside the dynamic column, like the service's.
    expect(typeof value).toBe('string');
    expect(JSON.parse(value as string)).toMatchObject({ Visualization: 'timechart', Title: 'T' });

    expect(frames[2]).toEqual({
      FrameType: 'DataTable',
      TableId: 1,
      TableKind: 'PrimaryResult',
      TableName: 'PrimaryResult',
      Columns: LONG_COLS,
      Rows: [
        [1, 'row 1'],
        [2, 'row 2'],
        [3, 'row 3'],
      ],
    });
    const qci = frames[3] as { TableId: number; Rows: unknown[][]; Columns: { ColumnName: string }[] };
    expect(qci.TableId).toBe(2);
    expect(qci.Columns.map((c) => c.ColumnName)).toContain('Payload');
    const level = qci.Columns.findIndex((c) => c.ColumnName === 'Level');
    const eventName = qci.Columns.findIndex((c) => c.ColumnName === 'EventTypeName');
    expect(qci.Rows.map((r) => [r[level], r[eventName]])).toEqual([
      [4, 'QueryInfo'],
      [6, 'QueryResourceConsumption'],
    ]);
    const payload = JSON.parse(qci.Rows[1]?.at(-1) as string) as Record<string, Record<string, unknown>>;
    expect(payload.input_dataset_statistics).toMatchObject({ rows: { total: 100, scanned: 42 } });
    expect(typeof payload.ExecutionTime).toBe('number');
    expect(payload.resource_usage?.memory).toHaveProperty('peak_per_node');
    expect(frames[4]).toEqual({ FrameType: 'DataSetCompletion', HasErrors: false, Cancelled: false });
  });

  it('omits @ExtendedProperties when no table has a visualization', async () => {
    engine.script('print 1', () => [{ columns: [{ ColumnName: 'print_0', ColumnType: 'long' }], chunks: [[[1n]]] }]);
    const frames = framesOf((await post('/v2/rest/query', { db: 'Samples', csl: 'print 1' })).text);
    expect(frames.map((f) => f.TableKind ?? f.FrameType)).toEqual(['DataSetHeader', 'PrimaryResult', 'QueryCompletionInformation', 'DataSetCompletion']);
    expect(frames[1]?.TableId).toBe(0);
  });

  it('writes TableHeader, TableFragment, TableProgress, TableCompletion with results_progressive_enabled', async () => {
    const res = await post('/v2/rest/query', {
      db: 'Samples',
      csl: 'StormEvents | take 3 | render timechart',
      // properties as a JSON-encoded string, the way the Python SDK sends it
      properties: JSON.stringify({ Options: { results_progressive_enabled: true } }),
    });
    const frames = framesOf(res.text);
    expect(frames.map((f) => f.FrameType)).toEqual([
      'DataSetHeader',
      'DataTable',
      'TableHeader',
      'TableFragment',
      'TableProgress',
      'TableFragment',
      'TableProgress',
      'TableCompletion',
      'DataTable',
      'DataSetCompletion',
    ]);
    expect(frames[0]).toMatchObject({ IsProgressive: true, Version: 'v2.0', IsFragmented: true, ErrorReportingPlacement: 'EndOfTable' });
    expect(frames[2]).toEqual({ FrameType: 'TableHeader', TableId: 1, TableKind: 'PrimaryResult', TableName: 'PrimaryResult', Columns: LONG_COLS });
    expect(frames[3]).toEqual({ FrameType: 'TableFragment', TableId: 1, FieldCount: 2, TableFragmentType: 'DataAppend', Rows: [[1, 'row 1'], [2, 'row 2']] });
    expect(frames[4]).toEqual({ FrameType: 'TableProgress', TableId: 1, TableProgress: 42 });
    expect(frames[5]?.Rows).toEqual([[3, 'row 3']]);
    expect(frames[7]).toEqual({ FrameType: 'TableCompletion', TableId: 1, RowCount: 3 });
  });

  it('writes fragments without progress frames with results_v2_fragment_primary_tables', async () => {
    const res = await post('/v2/rest/query', {
      db: 'Samples',
      csl: 'StormEvents | take 3 | render timechart',
      properties: { Options: { results_v2_fragment_primary_tables: true } },
    });
    const frames = framesOf(res.text);
    expect(frames[0]).toMatchObject({ IsProgressive: false, IsFragmented: true });
    expect(frames.filter((f) => f.FrameType === 'TableProgress')).toHaveLength(0);
    expect(frames.filter((f) => f.FrameType === 'TableFragment')).toHaveLength(2);
  });

  it('keeps longs above 2^53 exact in the bytes and writes real specials as strings', async () => {
    engine.script('big', () => [
      {
        columns: [
          { ColumnName: 'l', ColumnType: 'long' },
          { ColumnName: 'r', ColumnType: 'real' },
          { ColumnName: 'd', ColumnType: 'dynamic' },
        ],
        chunks: [
          [
            [9007199254740993n, Number.NaN, { x: 9223372036854775807n, s: 'quote " and \\ backslash\n' }],
            [-9223372036854775808n, Number.POSITIVE_INFINITY, [1, 'two']],
            [null, Number.NEGATIVE_INFINITY, null],
          ],
        ],
      },
    ]);
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'big' });
    expect(res.text).toContain('[9007199254740993,"NaN",{"x":9223372036854775807,"s":"quote \\" and \\\\ backslash\\n"}]');
    expect(res.text).toContain('[-9223372036854775808,"Infinity",[1,"two"]]');
    expect(res.text).toContain('[null,"-Infinity",null]');
    expect(() => framesOf(res.text)).not.toThrow();
  });

  it('runs .show commands on the query endpoint but refuses other control commands', async () => {
    const show = await post('/v2/rest/query', { db: 'Samples', csl: '.show tables' });
    expect(show.status).toBe(200);
    const table = framesOf(show.text).find((f) => f.TableKind === 'PrimaryResult') as { Rows: unknown[][] };
    expect(table.Rows.map((r) => r[0])).toEqual(['StormEvents', 'Scratch']);

    const drop = await post('/v2/rest/query', { db: 'Samples', csl: '.drop table Scratch' });
    expect(drop.status).toBe(400);
    expect(errorOf(drop.text)['@message']).toContain(
      "Control commands (starting with a dot '.') cannot be served from the query endpoint unless they are .show control commands",
    );
    expect(engine.calls).toEqual([]);
  });

  it('serves GET /v2/rest/query with the fields in the query string', async () => {
    engine.script('print 1', () => [{ columns: [{ ColumnName: 'print_0', ColumnType: 'long' }], chunks: [[[1n]]] }]);
    const res = await call(`${cluster.url}/v2/rest/query?db=Samples&csl=${encodeURIComponent('print 1')}`, {
      ca: tls.ca,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    expect(framesOf(res.text)[1]).toMatchObject({ Rows: [[1]] });
  });
});

describe('v1 query format', () => {
  it('returns Table_0, @ExtendedProperties, QueryStatus and TableOfContents', async () => {
    engine.script('q', () => [
      {
        columns: [
          { ColumnName: 'n', ColumnType: 'long' },
          { ColumnName: 'd', ColumnType: 'dynamic' },
        ],
        chunks: [[[1n, { a: 1 }]]],
        visualization: { Visualization: 'piechart' },
      },
    ]);
    const res = await post('/v1/rest/query', { db: 'Samples', csl: 'q' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { Tables: { TableName: string; Columns: Record<string, string>[]; Rows: unknown[][] }[] };
    expect(body.Tables.map((t) => t.TableName)).toEqual(['Table_0', 'Table_1', 'Table_2', 'Table_3']);
    expect(body.Tables[0]?.Columns).toEqual([
      { ColumnName: 'n', DataType: 'Int64', ColumnType: 'long' },
      { ColumnName: 'd', DataType: 'Object', ColumnType: 'dynamic' },
    ]);
    // v1 serialises dynamic values as JSON text.
    expect(body.Tables[0]?.Rows).toEqual([[1, '{"a":1}']]);
    expect(JSON.parse(body.Tables[1]?.Rows[0]?.[0] as string)).toEqual({ Visualization: 'piechart' });
    expect(body.Tables[2]?.Rows[0]?.slice(1, 5)).toEqual([4, 'Info', 0, 'Query completed successfully']);
    expect(body.Tables[3]?.Rows.map((r) => [r[0], r[1], r[2]])).toEqual([
      [0, 'QueryResult', 'PrimaryResult'],
      [1, 'QueryProperties', '@ExtendedProperties'],
      [2, 'QueryStatus', 'QueryStatus'],
    ]);
  });
});

describe('errors', () => {
  it('answers a syntax error with 400 and the OneAPI body', async () => {
    engine.script('StormEvents | wher x', () => {
      throw new KustoEngineError('syntax', 'SYN0002', "Query could not be parsed at 'wher'", { line: 1, column: 15, offset: 14 });
    });
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'StormEvents | wher x' }, { 'x-ms-client-request-id': 'KQLW.Query;syn' });
    expect(res.status).toBe(400);
    const error = errorOf(res.text);
    expect(error).toMatchObject({
      code: 'BadRequest_SyntaxError',
      message: 'Request is invalid and cannot be executed.',
      '@type': 'Kusto.Data.Exceptions.SyntaxException',
      '@permanent': true,
      '@errorCode': 'SYN0002',
      innererror: { code: 'SYN0002', '@errorCode': 'SYN0002', '@type': 'Kusto.Data.Exceptions.SyntaxException' },
    });
    expect(error['@message']).toBe(
      "Request is invalid and cannot be processed: Syntax error: SYN0002: Query could not be parsed at 'wher' [line:position=1:15]",
    );
    expect(error['@context']).toMatchObject({ clientRequestId: 'KQLW.Query;syn', serviceAlias: 'LOCAL', activityId: res.headers['x-ms-activity-id'] });
  });

  it('answers a semantic error with General_BadRequest and the SEM code', async () => {
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'NoSuchTable' });
    expect(res.status).toBe(400);
    expect(errorOf(res.text)).toMatchObject({ code: 'General_BadRequest', '@type': 'Kusto.Data.Exceptions.SemanticException', innererror: { code: 'SEM0100' } });
  });

  it('names an unknown database like the service', async () => {
    const res = await post('/v2/rest/query', { db: 'Nope', csl: 'print 1' });
    expect(res.status).toBe(400);
    expect(errorOf(res.text)['@message']).toBe("Entity ID 'Nope' of kind 'Database' was not found.");
  });

  it('finishes the table and reports a runtime failure after the 200 in DataSetCompletion', async () => {
    engine.script('fails later', () => [
      {
        columns: LONG_COLS,
        chunks: [
          rowsOf(1, 2),
          async () => {
            throw new KustoEngineError('runtime', 'E_RUNTIME', 'division by zero');
          },
        ],
      },
    ]);
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'fails later' });
    expect(res.status).toBe(200);
    const frames = framesOf(res.text);
    expect(frames.find((f) => f.TableKind === 'PrimaryResult')?.Rows).toHaveLength(2);
    const done = frames.at(-1) as { HasErrors: boolean; OneApiErrors: { error: Record<string, unknown> }[] };
    expect(done.HasErrors).toBe(true);
    expect(done.OneApiErrors[0]?.error['@message']).toContain('division by zero');
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'x'.repeat(10_000) });
    expect(res.status).toBe(413);
    expect(errorOf(res.text).code).toBe('PayloadTooLarge');
    expect(engine.received).toHaveLength(0);
  });

  it('answers 504 when servertimeout passes before the first row', async () => {
    engine.script('slow', () => [{ columns: LONG_COLS, chunks: [(signal) => abortable(new Promise(() => undefined), signal)] }]);
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'slow', properties: { Options: { servertimeout: '00:00:00.200' } } });
    expect(res.status).toBe(504);
    expect(errorOf(res.text).code).toBe('Request_ExecutionTimeout');
  });
});

describe('truncation', () => {
  beforeEach(() => {
    engine.script('many', () => [{ columns: LONG_COLS, chunks: [rowsOf(1, 4), rowsOf(5, 4)] }]);
  });

  it('cuts at truncationmaxrecords and reports E_QUERY_RESULT_SET_TOO_LARGE as a partial failure', async () => {
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'many', properties: { Options: { truncationmaxrecords: 5 } } });
    expect(res.status).toBe(200);
    const frames = framesOf(res.text);
    expect(frames.find((f) => f.TableKind === 'PrimaryResult')?.Rows).toHaveLength(5);
    const done = frames.at(-1) as { HasErrors: boolean; Cancelled: boolean; OneApiErrors: { error: Record<string, unknown> }[] };
    expect(done.HasErrors).toBe(true);
    expect(done.Cancelled).toBe(false);
    expect(done.OneApiErrors[0]?.error).toMatchObject({
      code: 'LimitsExceeded',
      message: 'Query result set has exceeded the internal record count limit 5 (E_QUERY_RESULT_SET_TOO_LARGE).',
      '@type': 'Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException',
      '@permanent': false,
    });
    expect(done.OneApiErrors[0]?.error['@message']).toContain('E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003');
  });

  it('honours a leading `set truncationmaxrecords` statement and hides it from the engine without moving positions', async () => {
    const csl = 'set truncationmaxrecords=3;\nmany';
    engine.script(' '.repeat(27) + '\nmany', () => [{ columns: LONG_COLS, chunks: [rowsOf(1, 4)] }]);
    const res = await post('/v2/rest/query', { db: 'Samples', csl, properties: { Options: { results_progressive_enabled: true } } });
    expect(engine.received[0]?.csl).toBe(' '.repeat(27) + '\nmany');
    const frames = framesOf(res.text);
    const completion = frames.find((f) => f.FrameType === 'TableCompletion') as { RowCount: number; OneApiErrors: unknown[] };
    expect(completion.RowCount).toBe(3);
    expect(completion.OneApiErrors).toHaveLength(1);
  });

  it('cuts at the default 500,000 records, and `set notruncation;` lifts the limit', async () => {
    const one = [1n];
    const chunk = Array.from({ length: 100_000 }, () => one);
    engine.script('huge', () => [{ columns: [{ ColumnName: 'x', ColumnType: 'long' }], chunks: [chunk, chunk, chunk, chunk, chunk, [one]] }]);
    const count = (text: string) => (framesOf(text).find((f) => f.TableKind === 'PrimaryResult')?.Rows as unknown[]).length;

    const limited = await post('/v2/rest/query', { db: 'Samples', csl: 'huge' });
    expect(count(limited.text)).toBe(500_000);
    expect((framesOf(limited.text).at(-1) as { OneApiErrors: { error: { message: string } }[] }).OneApiErrors[0]?.error.message).toBe(
      'Query result set has exceeded the internal record count limit 500000 (E_QUERY_RESULT_SET_TOO_LARGE).',
    );

    const unlimited = await post('/v2/rest/query', { db: 'Samples', csl: 'set notruncation;\nhuge' });
    expect(engine.received.at(-1)?.csl).toBe(' '.repeat(17) + '\nhuge');
    expect(count(unlimited.text)).toBe(500_001);
    expect(framesOf(unlimited.text).at(-1)).toMatchObject({ HasErrors: false });
  });

  it('cuts at truncationmaxsize bytes', async () => {
    const res = await post('/v2/rest/query', { db: 'Samples', csl: 'many', properties: { Options: { truncationmaxsize: 40 } } });
    const rows = framesOf(res.text).find((f) => f.TableKind === 'PrimaryResult')?.Rows as unknown[];
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows).length).toBeLessThanOrEqual(40 + rows.length + 1);
    expect((framesOf(res.text).at(-1) as { OneApiErrors: { error: { message: string } }[] }).OneApiErrors[0]?.error.message).toContain(
      'internal data size limit 40',
    );
  });
});

describe('concurrency and cancel', () => {
  it('answers 429 with Retry-After once the concurrency bound is reached', async () => {
    const release = gate();
    engine.script('blocked', () => [{ columns: LONG_COLS, chunks: [rowsOf(1, 1), async () => (await release.promise, rowsOf(2, 1))] }]);
    const a = await open(cluster.url + '/v2/rest/query', { ca: tls.ca, body: { db: 'Samples', csl: 'blocked' }, headers: { authorization: `Bearer ${token}` } });
    const b = await open(cluster.url + '/v2/rest/query', { ca: tls.ca, body: { db: 'Samples', csl: 'blocked' }, headers: { authorization: `Bearer ${token}` } });
    await a.waitFor('"Rows":[');
    await b.waitFor('"Rows":[');
    const third = await post('/v2/rest/query', { db: 'Samples', csl: 'blocked' }, { origin: 'https://a.test' });
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('1');
    expect(third.headers['access-control-allow-origin']).toBe('https://a.test');
    expect(errorOf(third.text)).toMatchObject({ code: 'TooManyRequests', '@permanent': false });
    release.open();
    expect(framesOf(await a.done()).at(-1)).toMatchObject({ HasErrors: false });
    await b.done();
  });

  it('lets only the owner cancel a running query, which then ends Cancelled', async () => {
    engine.script('endless', () => [{ columns: LONG_COLS, chunks: [rowsOf(1, 1), (signal) => abortable(new Promise<never>(() => undefined), signal)] }]);
    const running = await open(cluster.url + '/v2/rest/query', {
      ca: tls.ca,
      body: { db: 'Samples', csl: 'endless', properties: { Options: { results_progressive_enabled: true } } },
      headers: { authorization: `Bearer ${token}`, 'x-ms-client-request-id': 'KQLW.Query;cancel-me' },
    });
    await running.waitFor('"FrameType":"TableFragment"');

    const shown = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.show queries' });
    const shownRows = (JSON.parse(shown.text) as { Tables: { Rows: unknown[][] }[] }).Tables[0]?.Rows ?? [];
    expect(shownRows.map((r) => [r[0], r[1], r[6]])).toEqual([['KQLW.Query;cancel-me', 'endless', 'InProgress']]);
    const victorsView = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.show queries' }, { authorization: `Bearer ${victorToken}` });
    expect((JSON.parse(victorsView.text) as { Tables: { Rows: unknown[][] }[] }).Tables[0]?.Rows).toEqual([]);

    const byOther = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.cancel query "KQLW.Query;cancel-me"' }, { authorization: `Bearer ${victorToken}` });
    expect(byOther.status).toBe(403);
    expect(running.text).not.toContain('DataSetCompletion');

    const byOwner = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.cancel query "KQLW.Query;cancel-me" with (reason="user pressed stop")' });
    expect(byOwner.status).toBe(200);
    expect((JSON.parse(byOwner.text) as { Tables: { Rows: unknown[][] }[] }).Tables[0]?.Rows[0]).toEqual([
      'KQLW.Query;cancel-me',
      'Query cancelled: user pressed stop',
      true,
    ]);
    const frames = framesOf(await running.done());
    expect(frames.find((f) => f.FrameType === 'TableCompletion')).toMatchObject({ RowCount: 1 });
    expect(frames.at(-1)).toMatchObject({ FrameType: 'DataSetCompletion', HasErrors: true, Cancelled: true });
  });

  it('sends the first TableFragment before the engine has produced the rest (progressive streaming)', async () => {
    const firstSeen = gate();
    engine.script('streamed', () => [{ columns: LONG_COLS, chunks: [rowsOf(1, 1), async () => (await firstSeen.promise, rowsOf(2, 1))] }]);
    const res = await open(cluster.url + '/v2/rest/query', {
      ca: tls.ca,
      body: { db: 'Samples', csl: 'streamed', properties: { Options: { results_progressive_enabled: true } } },
      headers: { authorization: `Bearer ${token}` },
    });
    // Until the gate opens the engine cannot finish: seeing the fragment proves it was streamed.
    await res.waitFor('"FrameType":"TableFragment"');
    expect(res.text).not.toContain('DataSetCompletion');
    firstSeen.open();
    const frames = framesOf(await res.done());
    expect(frames.filter((f) => f.FrameType === 'TableFragment').map((f) => f.Rows)).toEqual([[[1, 'row 1']], [[2, 'row 2']]]);
  });
});

describe('management', () => {
  it('returns .show databases schema as json in the shape monaco-kusto reads', async () => {
    const res = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.show databases schema as json' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { Tables: { Columns: unknown[]; Rows: string[][] }[] };
    expect(body.Tables).toHaveLength(1);
    expect(body.Tables[0]?.Columns).toEqual([{ ColumnName: 'DatabaseSchema', DataType: 'String', ColumnType: 'string' }]);
    const schema = JSON.parse(body.Tables[0]?.Rows[0]?.[0] ?? '') as Record<string, unknown>;
    expect(schema).toMatchObject({
      Plugins: [],
      Databases: {
        Samples: {
          Name: 'Samples',
          Tables: {
            StormEvents: {
              Name: 'StormEvents',
              EntityType: 'Table',
              OrderedColumns: [
                { Name: 'StartTime', Type: 'System.DateTime', CslType: 'datetime' },
                { Name: 'State', Type: 'System.String', CslType: 'string' },
              ],
            },
          },
          ExternalTables: {},
          MaterializedViews: {},
          Functions: { Top: { Name: 'Top', Body: '{ StormEvents | take n }', InputParameters: [{ Name: 'n', CslType: 'long' }] } },
          EntityGroups: {},
          Graphs: {},
          MajorVersion: 1,
          MinorVersion: expect.any(Number),
          DatabaseAccessMode: 'ReadWrite',
        },
      },
    });
  });

  it('delegates create, ingest, set-or-append and drop to the engine', async () => {
    const create = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.create table Fresh (a:string, b:long, c:double)' });
    expect(create.status).toBe(200);
    const ingest = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.ingest inline into table Fresh <|\nx,1,1.5\ny,2,2.5' });
    expect(ingest.status).toBe(200);
    const append = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.set-or-append Fresh <| print a="z", b=3, c=0.5' });
    expect(append.status).toBe(200);
    const drop = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.drop table Fresh' });
    expect(drop.status).toBe(200);
    expect(engine.calls).toEqual([
      'createTable Samples.Fresh(a:string,b:long,c:real)',
      'ingest Samples.Fresh "x,1,1.5\\ny,2,2.5"',
      'setOrAppend Samples.Fresh print a="z", b=3, c=0.5',
      'dropTable Samples.Fresh',
    ]);
  });

  it('refuses .drop table when the request is read-only', async () => {
    const byHeader = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.drop table Scratch' }, { 'x-ms-readonly': 'true' });
    expect(byHeader.status).toBe(403);
    expect(errorOf(byHeader.text)['@message']).toContain('read-only');
    const byOption = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.drop table Scratch', properties: { Options: { request_readonly_hardline: true } } });
    expect(byOption.status).toBe(403);
    expect(engine.calls).toEqual([]);
    const behindComments = await post('/v1/rest/mgmt', { db: 'Samples', csl: '// tidy up\n  // really\n.drop table Scratch' }, { 'x-ms-readonly': 'true' });
    expect(behindComments.status).toBe(403);
    expect(engine.calls).toEqual([]);
    const reads = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.show tables' }, { 'x-ms-readonly': 'true' });
    expect(reads.status).toBe(200);
  });

  it.each(['// hi\r.drop table Scratch', '\u200B.drop table Scratch', '// hi\u2028.drop table Scratch'])(
    "sees the command in %j as Kusto does: read-only refuses it, and the query endpoint won't run it",
    async (csl) => {
      const readonly = await post('/v1/rest/mgmt', { db: 'Samples', csl }, { 'x-ms-readonly': 'true' });
      expect(readonly.status).toBe(403);
      const onQueryEndpoint = await post('/v2/rest/query', { db: 'Samples', csl });
      expect(onQueryEndpoint.status).toBe(400);
      expect(errorOf(onQueryEndpoint.text)['@message']).toContain('Control commands');
      expect(engine.calls).toEqual([]);
      expect(engine.received).toEqual([]);
    },
  );

  it('accepts // comment lines before a command, as the service does', async () => {
    const res = await post('/v1/rest/mgmt', { db: 'Samples', csl: '// the tables\n.show tables' });
    expect(res.status).toBe(200);
    const onQueryEndpoint = await post('/v2/rest/query', { db: 'Samples', csl: '// the tables\n.drop table Scratch' });
    expect(onQueryEndpoint.status).toBe(400);
    expect(errorOf(onQueryEndpoint.text)['@message']).toContain('cannot be served from the query endpoint');
  });

  it('names an unknown command in a 400', async () => {
    const res = await post('/v1/rest/mgmt', { db: 'Samples', csl: '.frobnicate everything now please' });
    expect(res.status).toBe(400);
    expect(errorOf(res.text)['@message']).toContain("'.frobnicate everything now'");
  });
});

describe('test-only fault switches', () => {
  beforeEach(() => {
    engine.script('many', () => [{ columns: LONG_COLS, chunks: [rowsOf(1, 4), rowsOf(5, 4)] }]);
  });

  it('throttles, fails and delays on request', async () => {
    const throttledRes = await post('/v2/rest/query', { db: 'Samples', csl: 'many' }, { 'x-ms-local-fault': 'throttle' });
    expect(throttledRes.status).toBe(429);
    expect(throttledRes.headers['retry-after']).toBe('1');
    const failed = await post('/v2/rest/query', { db: 'Samples', csl: 'many', properties: { Options: { local_fault: 'server-error' } } });
    expect(failed.status).toBe(520);
    expect(errorOf(failed.text).code).toBe('Internal_ServiceError');
    const t0 = performance.now();
    const slow = await post('/v2/rest/query', { db: 'Samples', csl: 'many' }, { 'x-ms-local-fault': 'latency=150' });
    expect(slow.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('with times=<n>, fails only the first n tries of one client request id, then serves it', async () => {
    const tryOnce = (id: string, fault: string) => post('/v2/rest/query', { db: 'Samples', csl: 'many' }, { 'x-ms-local-fault': fault, 'x-ms-client-request-id': id });
    expect((await tryOnce('KQLW.Query;throttled-once', 'throttle,times=1')).status).toBe(429);
    expect((await tryOnce('KQLW.Query;throttled-once', 'throttle,times=1')).status).toBe(200);
    // Another request (another id) starts its own count.
    expect((await tryOnce('KQLW.Query;failing-twice', 'server-error=503,times=2')).status).toBe(503);
    expect((await tryOnce('KQLW.Query;failing-twice', 'server-error=503,times=2')).status).toBe(503);
    expect((await tryOnce('KQLW.Query;failing-twice', 'server-error=503,times=2')).status).toBe(200);
    expect(() => parseFaults('throttle,times=0')).toThrow(FaultSyntaxError);
  });

  it('cuts the connection mid-response and writes malformed frames on request', async () => {
    const cut = await open(cluster.url + '/v2/rest/query', {
      ca: tls.ca,
      body: { db: 'Samples', csl: 'many' },
      headers: { authorization: `Bearer ${token}`, 'x-ms-local-fault': 'cut' },
    });
    await cut.done();
    expect(cut.aborted).toBe(true);
    expect(cut.text).toContain('DataSetHeader');
    expect(cut.text).not.toContain('DataSetCompletion');

    const malformed = await post('/v2/rest/query', { db: 'Samples', csl: 'many' }, { 'x-ms-local-fault': 'malformed' });
    expect(malformed.status).toBe(200);
    expect(malformed.text).toContain('DataSetCompletion');
    expect(() => JSON.parse(malformed.text) as unknown).toThrow();
  });

  it('ignores the switches when the cluster runs without testSwitches', async () => {
    const plain = await startCluster({ port: 0, tls, engine, auth: { issuer: TEST_ISSUER, keySet: keys.keySet, acceptedTyps: ['at+jwt'] } });
    try {
      const t = await keys.mint(userClaims(plain.url));
      const res = await call(plain.url + '/v2/rest/query', {
        ca: tls.ca,
        body: { db: 'Samples', csl: 'many' },
        headers: { authorization: `Bearer ${t}`, 'x-ms-local-fault': 'throttle' },
      });
      expect(res.status).toBe(200);
    } finally {
      await plain.close();
    }
  });
});
