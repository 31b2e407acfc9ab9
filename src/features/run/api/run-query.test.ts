import { describe, expect, it, vi } from 'vitest';
import { kustoError, type KustoError } from '../../../kusto/errors';
import type { TokenProvider } from '../../../kusto/types';
import { col, dataTable, oneApiError, toV2Text, v2Response } from '../../../testing/v2-factories';
import { runQuery } from './run-query';

const CLUSTER = 'https://localhost:8443';
const okBody = toV2Text(v2Response([dataTable(1, [col('n', 'long')], [[59066]])]));

function tokens(): TokenProvider & { getToken: ReturnType<typeof vi.fn>; interact: ReturnType<typeof vi.fn> } {
  let n = 0;
  return {
    getToken: vi.fn(async () => `token-${++n}`),
    interact: vi.fn(async () => undefined),
  };
}

function fetchReturning(...responses: Response[]) {
  const queue = [...responses];
  return vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
    const next = queue.shift();
    if (!next) throw new Error('unexpected fetch');
    return next;
  });
}

async function rejection(promise: Promise<unknown>): Promise<KustoError> {
  try {
    await promise;
  } catch (e) {
    return e as KustoError;
  }
  throw new Error('expected a rejection');
}

const showTablesBody = JSON.stringify({
  Tables: [{
    TableName: 'Table_0',
    Columns: [{ ColumnName: 'TableName', DataType: 'String', ColumnType: 'string' }, { ColumnName: 'DatabaseName', DataType: 'String', ColumnType: 'string' }],
    Rows: [['StormEvents', 'Samples']],
  }],
});

describe('runQuery with a management command', () => {
  it('posts text starting with a dot (after comments) to /v1/rest/mgmt and shows its table as the PrimaryResult', async () => {
    const fetch = fetchReturning(new Response(showTablesBody, { status: 200 }));
    const decode = vi.fn();
    const run = await runQuery({ tokenProvider: tokens(), fetch, newUuid: () => 'u-2', runtime: 'test', decode },
      { clusterUrl: CLUSTER, database: 'Samples', query: '// tables\n.show tables' });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${CLUSTER}/v1/rest/mgmt`);
    expect(init?.headers).toMatchObject({ 'x-ms-client-request-id': 'KQLW.Mgmt;u-2' });
    expect(JSON.parse(String(init?.body))).toEqual({ db: 'Samples', csl: '// tables\n.show tables' });
    expect(run.clientRequestId).toBe('KQLW.Mgmt;u-2');
    expect(decode).not.toHaveBeenCalled();
    const [table] = run.dataSet.primaryResults;
    expect(table?.columns.map((c) => c.name)).toEqual(['TableName', 'DatabaseName']);
    expect(table?.rowCount).toBe(1);
  });

  it("rejects with the service's error like a query", async () => {
    const body = JSON.stringify({ error: { code: 'BadRequest', message: 'Request is invalid', '@type': 'Kusto.Common.Svc.Exceptions.EntityNotFoundException', '@message': "Table 'Nope' was not found" } });
    const fetch = fetchReturning(new Response(body, { status: 400 }));
    const error = await rejection(runQuery({ tokenProvider: tokens(), fetch }, { clusterUrl: CLUSTER, database: 'Samples', query: '.drop table Nope' }));
    expect(error.message).toContain("Table 'Nope' was not found");
  });

  it('sends a query that merely contains a dot to the query endpoint', async () => {
    const fetch = fetchReturning(new Response(okBody, { status: 200 }));
    await runQuery({ tokenProvider: tokens(), fetch }, { clusterUrl: CLUSTER, database: 'Samples', query: 'print x = 1.5' });
    expect(fetch.mock.calls[0]![0]).toBe(`${CLUSTER}/v2/rest/query`);
  });
});

describe('runQuery', () => {
  it('posts the query with a fresh client request id and decodes the result', async () => {
    const fetch = fetchReturning(new Response(okBody, { status: 200 }));
    const run = await runQuery({ tokenProvider: tokens(), fetch, newUuid: () => 'u-1', runtime: 'test' },
      { clusterUrl: CLUSTER, database: 'Samples', query: 'StormEvents | count' });
    expect(run.clientRequestId).toBe('KQLW.Query;u-1');
    expect(run.dataSet.primaryResults[0]?.rowCount).toBe(1);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(`${CLUSTER}/v2/rest/query`);
    expect(init?.headers).toMatchObject({ Authorization: 'Bearer token-1', 'x-ms-client-request-id': 'KQLW.Query;u-1' });
  });

  it('uses a new client request id for every run', async () => {
    const fetch = fetchReturning(new Response(okBody), new Response(okBody));
    const deps = { tokenProvider: tokens(), fetch };
    const a = await runQuery(deps, { clusterUrl: CLUSTER, database: 'Samples', query: 'x' });
    const b = await runQuery(deps, { clusterUrl: CLUSTER, database: 'Samples', query: 'x' });
    expect(a.clientRequestId).not.toBe(b.clientRequestId);
  });

  it('renews the token once after a 401 and retries', async () => {
    const provider = tokens();
    const fetch = fetchReturning(new Response(null, { status: 401 }), new Response(okBody));
    const run = await runQuery({ tokenProvider: provider, fetch }, { clusterUrl: CLUSTER, database: 'Samples', query: 'x' });
    expect(run.dataSet.primaryResults).toHaveLength(1);
    expect(provider.getToken).toHaveBeenLastCalledWith(CLUSTER, { forceRefresh: true });
    expect(fetch.mock.calls[1]![1]?.headers).toMatchObject({ Authorization: 'Bearer token-2' });
    expect(provider.interact).not.toHaveBeenCalled();
  });

  it('asks for a token with the claims of a claims challenge', async () => {
    const provider = tokens();
    const claims = '{"access_token":{"acrs":{"essential":true,"value":"c1"}}}';
    const challenge = new Response(null, { status: 401, headers: { 'WWW-Authenticate': `Bearer realm="", error="insufficient_claims", claims="${btoa(claims)}"` } });
    const fetch = fetchReturning(challenge, new Response(okBody));
    await runQuery({ tokenProvider: provider, fetch }, { clusterUrl: CLUSTER, database: 'Samples', query: 'x' });
    expect(provider.getToken).toHaveBeenLastCalledWith(CLUSTER, { forceRefresh: true, claims });
  });

  it('falls back to interactive sign-in when the renewed token is refused too', async () => {
    const provider = tokens();
    const fetch = fetchReturning(new Response(null, { status: 401 }), new Response(null, { status: 401 }));
    const error = await rejection(runQuery({ tokenProvider: provider, fetch }, { clusterUrl: CLUSTER, database: 'Samples', query: 'x' }));
    expect(error.kind).toBe('unauthorized');
    expect(provider.interact).toHaveBeenCalledWith(CLUSTER);
  });

  it('rejects with the semantic error and its position from the OneAPI body', async () => {
    const body = JSON.stringify(oneApiError('General_BadRequest', "Semantic error: SEM0100: 'table' operator: Failed to resolve table expression named 'Nope'", {
      innererror: { code: 'SEM0100', '@errorCode': 'SEM0100', '@line': 1, '@pos': 1 },
    }));
    const fetch = fetchReturning(new Response(body, { status: 400 }));
    const error = await rejection(runQuery({ tokenProvider: tokens(), fetch }, { clusterUrl: CLUSTER, database: 'Samples', query: 'Nope' }));
    expect(error).toMatchObject({ kind: 'semantic', code: 'SEM0100', line: 1, column: 1 });
    expect(error.message).toContain("Failed to resolve table expression named 'Nope'");
  });

  it('passes through a refusal from the token provider without calling the cluster', async () => {
    const fetch = fetchReturning();
    const provider: TokenProvider = {
      getToken: async () => { throw kustoError('untrusted-host', "Can't communicate with 'evil.example.com'"); },
      interact: async () => undefined,
    };
    const error = await rejection(runQuery({ tokenProvider: provider, fetch }, { clusterUrl: 'https://evil.example.com', database: 'd', query: 'x' }));
    expect(error.kind).toBe('untrusted-host');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reports a network failure as network', async () => {
    const fetch = vi.fn(async () => { throw new TypeError('Failed to fetch'); });
    const error = await rejection(runQuery({ tokenProvider: tokens(), fetch }, { clusterUrl: CLUSTER, database: 'd', query: 'x' }));
    expect(error.kind).toBe('network');
  });

  it('reports an aborted run as cancelled', async () => {
    const controller = new AbortController();
    const fetch = vi.fn((_url: string | URL | Request, init?: RequestInit) => new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    }));
    const pending = runQuery({ tokenProvider: tokens(), fetch }, { clusterUrl: CLUSTER, database: 'd', query: 'x', signal: controller.signal });
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    controller.abort();
    expect((await rejection(pending)).kind).toBe('cancelled');
  });

  it('reports a malformed 200 body as malformed-response', async () => {
    const fetch = fetchReturning(new Response(okBody.slice(0, 50), { status: 200 }));
    const error = await rejection(runQuery({ tokenProvider: tokens(), fetch }, { clusterUrl: CLUSTER, database: 'd', query: 'x' }));
    expect(error.kind).toBe('malformed-response');
  });
});
