import { describe, expect, it, vi } from 'vitest';
import { col, dataTable, oneApiError, toV2Text, v2Response } from '../../testing/v2-factories';
import { kustoError, type KustoError } from '../errors';
import type { TokenProvider } from '../types';
import { createKustoClient, type Clock, type KustoClientDeps, type QueryDecoder } from './kusto-client';
import { V2StreamDecoder, type ResultSoFar } from '../decode-v2';

const CLUSTER = 'https://localhost:8443';
const okBody = toV2Text(v2Response([dataTable(1, [col('n', 'long')], [[59066]])]));

function v1(columns: [string, string][], rows: unknown[][]): string {
  return JSON.stringify({ Tables: [{ TableName: 'Table_0', Columns: columns.map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType })), Rows: rows }] });
}

function tokens() {
  let n = 0;
  return {
    getToken: vi.fn<TokenProvider['getToken']>(async () => `token-${++n}`),
    interact: vi.fn<TokenProvider['interact']>(async () => undefined),
  };
}

/** Answers each fetch with the next response (or throws the next error), and records what was sent. */
function fakeFetch(...answers: (Response | Error | (() => Response))[]) {
  const queue = [...answers];
  return vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => {
    const next = queue.shift();
    if (next === undefined) throw new Error('unexpected fetch');
    if (next instanceof Error) throw next;
    return typeof next === 'function' ? next() : next;
  });
}

/** A clock whose sleeps end at once and are recorded; `now` moves by the time slept. */
function fakeClock(): Clock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms, signal) => {
      if (signal.aborted) throw signal.reason;
      slept.push(ms);
      now += ms;
    },
  };
}

function client(overrides: Partial<KustoClientDeps> & Pick<KustoClientDeps, 'fetch'>) {
  const clock = overrides.clock ?? fakeClock();
  return createKustoClient({ tokenProvider: tokens(), trustedHosts: ['localhost'], runtime: 'test', newUuid: () => 'u-1', random: () => 0, clock, ...overrides });
}

async function rejection(promise: Promise<unknown>): Promise<KustoError> {
  try {
    await promise;
  } catch (e) {
    return e as KustoError;
  }
  throw new Error('expected a rejection');
}

const headersOf = (fetch: ReturnType<typeof fakeFetch>, call = 0) => fetch.mock.calls[call]![1]?.headers as Record<string, string>;
const bodyOf = (fetch: ReturnType<typeof fakeFetch>, call = 0) => JSON.parse(String(fetch.mock.calls[call]![1]?.body)) as Record<string, unknown>;
const run = (text = 'StormEvents | count', extra = {}) => ({ clusterUrl: CLUSTER, database: 'Samples', text, ...extra });

describe('the request', () => {
  it('posts a query to /v2/rest/query with the token, the client request id, x-ms-app, x-ms-user and one client version', async () => {
    const fetch = fakeFetch(new Response(okBody));
    const result = await client({ fetch, user: () => 'analyst@local.test' }).run(run());
    expect(fetch.mock.calls[0]![0]).toBe(`${CLUSTER}/v2/rest/query`);
    expect(headersOf(fetch)).toMatchObject({
      Authorization: 'Bearer token-1', 'x-ms-client-request-id': 'KQLW.Query;u-1', 'x-ms-app': 'KQLWorkbench',
      'x-ms-user': 'analyst@local.test', 'x-ms-client-version': 'KQLWorkbench:{0.1.0}|Runtime.Browser:{test}',
    });
    expect(headersOf(fetch)).not.toHaveProperty('x-ms-readonly');
    expect(result).toMatchObject({ clientRequestId: 'KQLW.Query;u-1', query: 'StormEvents | count', partial: null });
    expect(result.dataSet.primaryResults[0]?.rowCount).toBe(1);
  });

  it('sends a management command (after comments) to /v1/rest/mgmt and shows its table as the PrimaryResult', async () => {
    const fetch = fakeFetch(new Response(v1([['TableName', 'string']], [['StormEvents']])));
    const decodeQuery = vi.fn();
    const result = await client({ fetch, decodeQuery }).run(run('// tables\n.show tables'));
    expect(fetch.mock.calls[0]![0]).toBe(`${CLUSTER}/v1/rest/mgmt`);
    expect(headersOf(fetch)['x-ms-client-request-id']).toBe('KQLW.Mgmt;u-1');
    expect(bodyOf(fetch)).toEqual({ db: 'Samples', csl: '// tables\n.show tables' });
    expect(decodeQuery).not.toHaveBeenCalled();
    expect(result.dataSet.primaryResults[0]?.columns.map((c) => c.name)).toEqual(['TableName']);
  });

  it('sends a query that merely contains a dot to the query endpoint', async () => {
    const fetch = fakeFetch(new Response(okBody));
    await client({ fetch }).run(run('print x = 1.5'));
    expect(fetch.mock.calls[0]![0]).toBe(`${CLUSTER}/v2/rest/query`);
  });

  it('sends the metadata commands it makes itself read-only, with their own request kind', async () => {
    const fetch = fakeFetch(
      new Response(v1([['DatabaseName', 'string']], [['Samples'], ['big']])),
      new Response(v1([['DatabaseSchema', 'string']], [[JSON.stringify({ Databases: { Samples: { Name: 'Samples', Tables: {} } } })]])),
    );
    const c = client({ fetch });
    expect(await c.databases(CLUSTER)).toEqual(['big', 'Samples']);
    expect((await c.schema(CLUSTER, 'Samples')).databases[0]?.name).toBe('Samples');
    for (const call of [0, 1]) expect(headersOf(fetch, call)).toMatchObject({ 'x-ms-readonly': 'true', 'x-ms-client-request-id': 'KQLW.Metadata;u-1' });
    expect(bodyOf(fetch, 0)).toEqual({ csl: '.show databases' });
    expect(bodyOf(fetch, 1)).toEqual({ db: 'Samples', csl: '.show databases (Samples) schema as json' });
  });

  it(".cancel query names the run's client request id, on /v1/rest/mgmt, as the same user", async () => {
    const fetch = fakeFetch(new Response(v1([['ReasonPhrase', 'string'], ['RunningQueryCanceled', 'bool']], [['Query cancelled', true]])));
    const outcome = await client({ fetch }).cancel({ clusterUrl: CLUSTER, database: 'Samples', clientRequestId: 'KQLW.Query;1' });
    expect(outcome).toEqual({ cancelled: true, reason: 'Query cancelled' });
    expect(fetch.mock.calls[0]![0]).toBe(`${CLUSTER}/v1/rest/mgmt`);
    expect(bodyOf(fetch)).toEqual({ db: 'Samples', csl: '.cancel query "KQLW.Query;1"' });
    expect(headersOf(fetch)).toMatchObject({ Authorization: 'Bearer token-1', 'x-ms-client-request-id': 'KQLW.Cancel;u-1' });
  });

  it('hands the v2 answer to the decoder seam as a Response (so it can stream the body)', async () => {
    const fetch = fakeFetch(new Response(okBody));
    const decodeQuery = vi.fn(async (response: Response) => {
      expect(response.body).toBeInstanceOf(ReadableStream);
      return { ok: false as const, error: kustoError('malformed-response', 'from the seam') };
    });
    expect(await rejection(client({ fetch, decodeQuery }).run(run()))).toMatchObject({ kind: 'malformed-response', message: 'from the seam' });
  });
});

describe('trusted hosts', () => {
  it('refuses an untrusted host before a token is asked for, and sends nothing', async () => {
    const provider = tokens();
    const fetch = fakeFetch();
    const c = client({ fetch, tokenProvider: provider });
    for (const call of [c.run({ ...run(), clusterUrl: 'https://kusto.evil.example' }), c.databases('https://kusto.evil.example'), c.cancel({ clusterUrl: 'https://kusto.evil.example', database: 'd', clientRequestId: 'x' })]) {
      expect(await rejection(call)).toMatchObject({ kind: 'untrusted-host' });
    }
    expect(provider.getToken).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends to a host the user approved', async () => {
    const fetch = fakeFetch(new Response(okBody));
    await client({ fetch, trustedHosts: ['kusto.contoso.example'] }).run({ ...run(), clusterUrl: 'https://kusto.contoso.example' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('401: one forced silent renewal, then the interactive fallback', () => {
  it.each([
    ['a query', (c: ReturnType<typeof client>) => c.run(run())],
    ['a schema refresh', (c: ReturnType<typeof client>) => c.databases(CLUSTER)],
    ['a .cancel', (c: ReturnType<typeof client>) => c.cancel({ clusterUrl: CLUSTER, database: 'Samples', clientRequestId: 'KQLW.Query;1' })],
  ])('%s renews the token once and is sent again with it', async (_name, call) => {
    const provider = tokens();
    const answer = _name === 'a query' ? okBody : _name === 'a schema refresh' ? v1([['DatabaseName', 'string']], [['Samples']]) : v1([['RunningQueryCanceled', 'bool']], [[true]]);
    const fetch = fakeFetch(new Response(null, { status: 401 }), new Response(answer));
    await call(client({ fetch, tokenProvider: provider }));
    expect(provider.getToken.mock.calls).toEqual([[CLUSTER, { forceRefresh: false }], [CLUSTER, { forceRefresh: true }]]);
    expect(headersOf(fetch, 1).Authorization).toBe('Bearer token-2');
    expect(provider.interact).not.toHaveBeenCalled();
  });

  it('asks for interaction when the renewed token is refused too, and reports unauthorized', async () => {
    const provider = tokens();
    const fetch = fakeFetch(new Response(null, { status: 401 }), new Response(null, { status: 401 }));
    expect(await rejection(client({ fetch, tokenProvider: provider }).run(run()))).toMatchObject({ kind: 'unauthorized' });
    expect(provider.interact).toHaveBeenCalledWith(CLUSTER, {});
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('passes the claims of a claims challenge to the renewal and to the interaction', async () => {
    const provider = tokens();
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1700000000"}}}';
    const challenge = `Bearer realm="", error="insufficient_claims", claims="${btoa(claims)}"`;
    const fetch = fakeFetch(
      new Response(null, { status: 401, headers: { 'WWW-Authenticate': challenge } }),
      new Response(null, { status: 401, headers: { 'WWW-Authenticate': challenge } }),
    );
    await rejection(client({ fetch, tokenProvider: provider }).run(run()));
    expect(provider.getToken).toHaveBeenLastCalledWith(CLUSTER, { forceRefresh: true, claims });
    expect(provider.interact).toHaveBeenCalledWith(CLUSTER, { claims });
  });

  it("passes a token provider's refusal through without calling the cluster", async () => {
    const fetch = fakeFetch();
    const provider: TokenProvider = { getToken: async () => { throw kustoError('unauthorized', 'You are signed out.'); }, interact: async () => undefined };
    expect(await rejection(client({ fetch, tokenProvider: provider }).run(run()))).toMatchObject({ kind: 'unauthorized', message: 'You are signed out.' });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('bounded retry with backoff', () => {
  const throttled = (retryAfter?: string) => new Response('{"error":{"code":"TooManyRequests","message":"throttled"}}', { status: 429, headers: retryAfter ? { 'Retry-After': retryAfter } : {} });

  it('retries a 429, waiting as long as Retry-After says', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(throttled('3'), new Response(okBody));
    await client({ fetch, clock }).run(run());
    expect(clock.slept).toEqual([3000]);
    expect(fetch).toHaveBeenCalledTimes(2);
    // The same request: the same client request id, so `.cancel query` still finds it.
    expect(headersOf(fetch, 1)['x-ms-client-request-id']).toBe(headersOf(fetch, 0)['x-ms-client-request-id']);
  });

  it('gives up after the bounded number of tries, and says how long the service asked to wait', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(throttled('1'), throttled('1'), throttled('1'));
    const error = await rejection(client({ fetch, clock }).run(run()));
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(error).toMatchObject({ kind: 'throttled', retryAfterSeconds: 1 });
    expect(error.message).toMatch(/\(3 tries\)$/);
  });

  it('does not wait for a Retry-After beyond its bound: the error says when to try again', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(throttled('120'));
    expect(await rejection(client({ fetch, clock }).run(run()))).toMatchObject({ kind: 'throttled', retryAfterSeconds: 120 });
    expect(clock.slept).toEqual([]);
  });

  it('retries 5xx, HTTP timeouts and network failures with growing waits', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(new Response('oops', { status: 503 }), new TypeError('Failed to fetch'), new Response(okBody));
    await client({ fetch, clock }).run(run());
    expect(clock.slept).toEqual([500, 1000]);
    const again = fakeFetch(new Response('', { status: 504 }), new Response(okBody));
    await client({ fetch: again, clock: fakeClock() }).run(run());
    expect(again).toHaveBeenCalledTimes(2);
  });

  it('gives up on a 5xx that persists after its tries, and says what the cluster answered and how often it was asked', async () => {
    const clock = fakeClock();
    const failing = () => new Response(JSON.stringify(oneApiError('Internal_ServiceError', 'Service error')), { status: 520 });
    const fetch = fakeFetch(failing, failing, failing);
    const error = await rejection(client({ fetch, clock }).run(run()));
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(clock.slept).toEqual([500, 1000]);
    expect(error).toMatchObject({ kind: 'server', httpStatus: 520 });
    expect(error.message).toMatch(/^Service error \(3 tries\)$/);
  });

  it('says the browser is offline, at once and without trying again, when a send fails while it is', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(new TypeError('Failed to fetch'), new Response(okBody));
    const error = await rejection(client({ fetch, clock, isOffline: () => true }).run(run()));
    expect(error).toMatchObject({ kind: 'network', message: `This browser is offline: the query was not sent to ${CLUSTER}. Run it again when the connection is back.` });
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(clock.slept).toEqual([]);
  });

  it('retries the metadata commands and .cancel the same way', async () => {
    const fetch = fakeFetch(new Response('', { status: 502 }), new Response(v1([['DatabaseName', 'string']], [['Samples']])));
    expect(await client({ fetch }).databases(CLUSTER)).toEqual(['Samples']);
  });

  it('never sends a management command that may have changed data twice', async () => {
    for (const failure of [new Response('', { status: 503 }), new TypeError('Failed to fetch'), throttled('1')]) {
      const fetch = fakeFetch(failure, new Response(v1([['a', 'long']], [[1]])));
      await rejection(client({ fetch }).run(run('.set-or-append T <| print a = 1')));
      expect(fetch).toHaveBeenCalledTimes(1);
    }
  });

  it('sends a read-only command (.show) again after a transient failure', async () => {
    const fetch = fakeFetch(new Response('', { status: 503 }), new Response(v1([['TableName', 'string']], [['T']])));
    await client({ fetch }).run(run('.show tables'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("does not retry the user's own errors (4xx)", async () => {
    const body = JSON.stringify(oneApiError('General_BadRequest', "Semantic error: SEM0100: Failed to resolve table expression named 'Nope'", {
      innererror: { code: 'SEM0100', '@errorCode': 'SEM0100', '@line': 1, '@pos': 1 },
    }));
    const fetch = fakeFetch(new Response(body, { status: 400 }));
    const error = await rejection(client({ fetch }).run(run('Nope')));
    expect(error).toMatchObject({ kind: 'semantic', code: 'SEM0100', line: 1, column: 1 });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('stops retrying when the next wait would pass its own deadline', async () => {
    const clock = fakeClock();
    const fetch = fakeFetch(throttled('20'), new Response(okBody));
    expect(await rejection(client({ fetch, clock, timeoutMs: 10_000 }).run(run()))).toMatchObject({ kind: 'throttled' });
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('abort, deadline and cut answers', () => {
  it('reports an aborted run as cancelled, also while waiting to retry', async () => {
    const controller = new AbortController();
    const fetch = vi.fn((_url: string | URL | Request, init?: RequestInit) => new Promise<Response>((_resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    }));
    const pending = client({ fetch }).run(run('x', { signal: controller.signal }));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    controller.abort();
    expect((await rejection(pending)).kind).toBe('cancelled');

    const waiting = new AbortController();
    let sleeping = false;
    const clock: Clock = {
      now: () => 0,
      sleep: (_ms, signal) => new Promise((_r, reject) => {
        sleeping = true;
        signal.addEventListener('abort', () => reject(signal.reason));
      }),
    };
    const slow = client({ fetch: fakeFetch(new Response('', { status: 503 })), clock }).run(run('x', { signal: waiting.signal }));
    await vi.waitFor(() => expect(sleeping).toBe(true));
    waiting.abort();
    expect((await rejection(slow)).kind).toBe('cancelled');
  });

  it('reports its own deadline as a timeout', async () => {
    vi.useFakeTimers();
    try {
      const fetch = vi.fn((_url: string | URL | Request, init?: RequestInit) => new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      }));
      const pending = rejection(client({ fetch, timeoutMs: 5_000 }).run(run()));
      await vi.advanceTimersByTimeAsync(5_000);
      expect(await pending).toMatchObject({ kind: 'timeout', message: 'The query did not finish within 5 s.' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('says the response was cut (not that the cluster could not be reached) when the body breaks off, and does not resend', async () => {
    const cut = () => new Response(new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(okBody.slice(0, 40)));
        controller.error(new TypeError('network error'));
      },
    }));
    const fetch = fakeFetch(cut, new Response(okBody));
    const error = await rejection(client({ fetch }).run(run()));
    expect(error.kind).toBe('network');
    expect(error.message).toBe(`The response from ${CLUSTER} was cut before it ended: network error`);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reports a malformed 200 body as malformed-response', async () => {
    const fetch = fakeFetch(new Response(okBody.slice(0, 50)));
    expect((await rejection(client({ fetch }).run(run()))).kind).toBe('malformed-response');
  });
});

describe('a query answer read as it arrives', () => {
  it('keeps the rows of an answer that broke off, its table marked incomplete, with the error as the warning', async () => {
    const text = toV2Text(v2Response([dataTable(1, [col('n', 'long')], Array.from({ length: 100 }, (_, r) => [r]))]));
    const cutAt = text.indexOf('[60]');
    const seen: number[] = [];
    const decodeQuery: QueryDecoder = async (response, _signal, onProgress) => {
      const decoder = new V2StreamDecoder();
      decoder.push(new TextEncoder().encode((await response.text()).slice(0, cutAt)));
      const soFar = decoder.tablesSoFar();
      onProgress?.({ dataSet: { tables: soFar.map((t) => t.table), primaryResults: soFar.map((t) => t.table), visualizations: new Map(), stats: null, cancelled: false }, progress: null, replacements: 0 });
      return decoder.end();
    };
    const result = await client({ fetch: fakeFetch(new Response(text)), decodeQuery })
      .run(run('T', { onProgress: ({ dataSet }: ResultSoFar) => seen.push(dataSet.primaryResults[0]!.rowCount) }));
    expect(seen).toEqual([60]);
    expect(result.partial?.kind).toBe('malformed-response');
    expect([result.dataSet.primaryResults[0]!.rowCount, result.dataSet.primaryResults[0]!.incomplete]).toEqual([60, true]);
  });
});

describe('the deadline while a query answer streams', () => {
  const rows = toV2Text(v2Response([dataTable(1, [col('n', 'long')], Array.from({ length: 100 }, (_, r) => [r]))]));
  /** Sends the body up to `cutAt`, then stalls; like fetch, the body errors when the request's signal aborts. */
  const stalling = (cutAt: number) => vi.fn(async (_url: string | URL | Request, init?: RequestInit) => new Response(new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(rows.slice(0, cutAt)));
      init?.signal?.addEventListener('abort', () => controller.error(new DOMException('The user aborted a request.', 'AbortError')));
    },
  })));
  /** Reads the body as it streams, as the decode worker does: a read that fails is a body cut off (a network error). */
  const streamingDecoder: QueryDecoder = async (response) => {
    const decoder = new V2StreamDecoder();
    const reader = response.body!.getReader();
    try {
      for (let piece = await reader.read(); !piece.done; piece = await reader.read()) decoder.push(piece.value);
    } catch (e) {
      const result = decoder.end();
      return result.ok ? result : { ...result, error: kustoError('network', `The response was cut before it ended: ${String(e)}`) };
    }
    return decoder.end();
  };

  async function withFakeTimers<T>(f: () => Promise<T>): Promise<T> {
    vi.useFakeTimers();
    try {
      return await f();
    } finally {
      vi.useRealTimers();
    }
  }

  it('keeps the rows that arrived, marked incomplete, and says the query timed out (not that the answer was cut)', async () => {
    const result = await withFakeTimers(async () => {
      const pending = client({ fetch: stalling(rows.indexOf('[60]')), decodeQuery: streamingDecoder, timeoutMs: 5_000 }).run(run('T'));
      await vi.advanceTimersByTimeAsync(5_000);
      return pending;
    });
    expect(result.partial).toMatchObject({ kind: 'timeout', message: 'The query did not finish within 5 s.' });
    expect([result.dataSet.primaryResults[0]!.rowCount, result.dataSet.primaryResults[0]!.incomplete]).toEqual([60, true]);
  });

  it('reports a timeout when the deadline passes before any row arrived', async () => {
    const error = await withFakeTimers(async () => {
      const pending = rejection(client({ fetch: stalling(rows.indexOf('"DataTable"')), decodeQuery: streamingDecoder, timeoutMs: 5_000 }).run(run('T')));
      await vi.advanceTimersByTimeAsync(5_000);
      return pending;
    });
    expect(error).toMatchObject({ kind: 'timeout', message: 'The query did not finish within 5 s.' });
  });

  it('reports the caller\'s abort while the answer streams as cancelled', async () => {
    const controller = new AbortController();
    const fetch = stalling(rows.indexOf('[60]'));
    const pending = rejection(client({ fetch, decodeQuery: streamingDecoder }).run(run('T', { signal: controller.signal })));
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    controller.abort();
    expect((await pending).kind).toBe('cancelled');
  });
});
