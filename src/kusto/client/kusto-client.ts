/**
 * The one path every request to a cluster takes (as the official SDKs' single `execute`):
 * the user's query or command, `.cancel query`, and the metadata commands the app sends itself.
 *
 * It owns, in this order: the trusted-host check before any token is asked for; the token for
 * that cluster; the request (client request id `KQLW.<kind>;<uuid>`, `x-ms-app`, `x-ms-user`, one
 * `x-ms-client-version`, `x-ms-readonly` on metadata commands); 401 → one forced silent renewal
 * (with the claims of a claims challenge) → the interactive fallback; bounded retry with backoff
 * (`retry-policy.ts`); abort and the client's own deadline; reading the answer.
 *
 * Pure apart from its deps: fetch, clock, uuid, random and the v2 decoder are injected, so every
 * rule is tested with a fake fetch and a fake clock. Protocol notes: src/kusto/README.md.
 */

import { decodeV1DataSet, decodeV1Tables } from '../decode-v1';
import { decodeV2Bytes, type DecodeResult, type ResultSoFar } from '../decode-v2';
import { isManagementCommand, managementCommandText } from '../text-kind';
import { claimsFromChallenge } from '../claims-challenge';
import { errorFromHttpResponse, isKustoError, kustoError, type KustoError } from '../errors';
import {
  cancelQueryCommand, readCancelResult, readDatabaseNames, readShowSchema, SHOW_DATABASES, showDatabaseSchemaCommand,
  type CancelOutcome, type ShowSchemaResult,
} from '../mgmt';
import { buildRequest, newClientRequestId, type ClientRequestKind, type ClientRequestProperties, type RequestInput } from '../request';
import { isTrustedKustoHost, untrustedHostMessage } from '../trusted-hosts';
import type { ColumnarTable, DataSet, TokenProvider } from '../types';
import { decideRetry, DEFAULT_RETRY_POLICY, parseRetryAfterMs, type AttemptFailure, type RetryPolicy } from './retry-policy';
import { errorText } from '../../lib/error-text';

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};

/**
 * Reads a 200 answer of `/v2/rest/query` into a data set. It gets the Response, not its bytes, so
 * a decoder may read `response.body` as it streams. It rejects with a KustoError for what it
 * understood (malformed frames) and with anything else when the body could not be read.
 */
export type QueryDecoder = (response: Response, signal: AbortSignal, onProgress?: (soFar: ResultSoFar) => void) => Promise<DecodeResult>;

export const decodeOnThisThread: QueryDecoder = async (response) => decodeV2Bytes(new Uint8Array(await response.arrayBuffer()));

export interface KustoClientDeps {
  tokenProvider: TokenProvider;
  /** Hosts trusted beyond the Kusto lists (config and the user's approvals). */
  trustedHosts: readonly string[];
  fetch?: typeof fetch;
  /** navigator.userAgent in a browser: the runtime part of x-ms-client-version. */
  runtime?: string;
  /** The signed-in user's name for x-ms-user (the service logs it). */
  user?: () => string | undefined;
  newUuid?: () => string;
  clock?: Clock;
  random?: () => number;
  retryPolicy?: RetryPolicy;
  /** The client's own deadline for one call, retries included; the SDKs use 4m30s, 30 s past the service's 4 min. */
  timeoutMs?: number;
  decodeQuery?: QueryDecoder;
  /** navigator.onLine === false in a browser: a failed send is then the browser's connection, not the cluster. */
  isOffline?: () => boolean;
}

export const DEFAULT_TIMEOUT_MS = 270_000;

export interface RunInput {
  clusterUrl: string;
  database: string;
  /** The user's text: a query, or a management command when it starts with a dot. */
  text: string;
  properties?: ClientRequestProperties;
  signal?: AbortSignal;
  /** Chosen by the caller when it may need to `.cancel query` this run (`newRunClientRequestId`). */
  clientRequestId?: string;
  /** The tables so far while a query's answer arrives (rows before the last byte). */
  onProgress?: (soFar: ResultSoFar) => void;
}

export interface QueryRun {
  clientRequestId: string;
  /** The text that was sent (the statement or the selection). */
  query: string;
  dataSet: DataSet;
  /** The query failed part way (or was cancelled): rows above are what arrived. */
  partial: KustoError | null;
  durationMs: number;
}

export interface KustoClient {
  /** The user's query (v2) or management command (v1, never retried unless it reads only). */
  run(input: RunInput): Promise<QueryRun>;
  /** `.cancel query` for a run's client request id, as the same user. */
  cancel(input: { clusterUrl: string; database: string; clientRequestId: string; signal?: AbortSignal }): Promise<CancelOutcome>;
  /** `.show databases`, sent read-only. */
  databases(clusterUrl: string, signal?: AbortSignal): Promise<string[]>;
  /** `.show databases (D) schema as json`, sent read-only. */
  schema(clusterUrl: string, database: string, signal?: AbortSignal): Promise<ShowSchemaResult>;
}

/** `KQLW.Mgmt;<uuid>` for a command, `KQLW.Query;<uuid>` for a query. */
export function newRunClientRequestId(text: string, uuid: string): string {
  return newClientRequestId(isManagementCommand(text) ? 'Mgmt' : 'Query', uuid);
}

/**
 * Commands that only read: `.show …` (the service refuses changes under x-ms-readonly anyway).
 * Anything else may have changed data before a failure was seen, so it is never sent twice.
 */
function readsOnly(text: string): boolean {
  return /^\.show\b/i.test(managementCommandText(text) ?? '');
}

/** One request as the client sends it: the request's fields (token, runtime and user are the client's) and how to treat it. */
interface Exchange extends Pick<RequestInput, 'endpoint' | 'clusterUrl' | 'database' | 'csl' | 'properties' | 'clientRequestId'> {
  kind: ClientRequestKind;
  /** May be sent again after a transient failure. */
  idempotent: boolean;
  /** Sends x-ms-readonly: the app's own metadata commands. */
  readonly: boolean;
  signal?: AbortSignal;
  /** What the user is told was cancelled or timed out. */
  what: 'query' | 'command';
}

export function createKustoClient(deps: KustoClientDeps): KustoClient {
  const fetchImpl = deps.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const clock = deps.clock ?? realClock;
  const policy = deps.retryPolicy ?? DEFAULT_RETRY_POLICY;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const random = deps.random ?? Math.random;
  const newUuid = deps.newUuid ?? (() => crypto.randomUUID());
  const runtime = deps.runtime ?? (typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent);
  const decodeQuery = deps.decodeQuery ?? decodeOnThisThread;
  const isOffline = deps.isOffline ?? (() => typeof navigator !== 'undefined' && navigator.onLine === false);

  /** Sends one exchange (with renewal and retries) and reads its 200 answer with `read`. */
  async function exchange<T>(x: Exchange, read: (response: Response, signal: AbortSignal, stopped: () => KustoError) => Promise<T>): Promise<T> {
    // Before any token: a token must never be minted for, let alone sent to, a host nobody trusted.
    if (!isTrustedKustoHost(x.clusterUrl, deps.trustedHosts)) throw kustoError('untrusted-host', untrustedHostMessage(x.clusterUrl));
    const controller = new AbortController();
    let timedOut = false;
    const deadline = clock.now() + timeoutMs;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort();
    x.signal?.addEventListener('abort', onAbort);
    if (x.signal?.aborted) controller.abort();
    const signal = controller.signal;

    const stopped = (): KustoError =>
      timedOut
        ? kustoError('timeout', `The ${x.what} did not finish within ${Math.round(timeoutMs / 1000)} s.`)
        : kustoError('cancelled', `The ${x.what} was cancelled.`);

    try {
      let renewal: { forceRefresh: boolean; claims?: string } = { forceRefresh: false };
      let renewed = false;
      for (let attempt = 1; ; attempt++) {
        if (signal.aborted) throw stopped();
        const token = await deps.tokenProvider.getToken(x.clusterUrl, renewal);
        const request = buildRequest({
          endpoint: x.endpoint, clusterUrl: x.clusterUrl, database: x.database, csl: x.csl, properties: x.properties,
          clientRequestId: x.clientRequestId, token, runtime, user: deps.user?.(), readonly: x.readonly,
        });
        let response: Response | null = null;
        let failure: AttemptFailure;
        let error: KustoError;
        try {
          // redirect: 'error' — the service never redirects, and following one would resend the token elsewhere.
          response = await fetchImpl(request.url, { method: 'POST', headers: request.headers, body: request.body, signal, redirect: 'error' });
        } catch (e) {
          if (signal.aborted) throw stopped();
          // No network at all: trying again in a second would fail the same way, and "could not
          // reach the cluster" would send the user looking at the wrong end
          // (https://developer.mozilla.org/docs/Web/API/Navigator/onLine).
          if (isOffline()) throw kustoError('network', `This browser is offline: the ${x.what} was not sent to ${x.clusterUrl}. Run it again when the connection is back.`);
          // fetch rejects with a bare TypeError for DNS, TLS, CORS and connection failures alike.
          failure = { kind: 'network' };
          error = kustoError('network', `Could not reach ${x.clusterUrl}: ${errorText(e)}`);
        }
        if (response?.status === 200) {
          try {
            return await read(response, signal, stopped);
          } catch (e) {
            if (isKustoError(e)) throw e;
            if (signal.aborted) throw stopped();
            throw kustoError('network', `The response from ${x.clusterUrl} was cut before it ended: ${errorText(e)}`);
          }
        }
        if (response?.status === 401) {
          const claims = claimsFromChallenge(response.headers.get('WWW-Authenticate')) ?? undefined;
          if (!renewed) {
            // The cached token may have expired or been revoked, or the cluster's clock disagrees: renew once.
            renewed = true;
            renewal = claims ? { forceRefresh: true, claims } : { forceRefresh: true };
            attempt--;
            continue;
          }
          await deps.tokenProvider.interact(x.clusterUrl, claims ? { claims } : {});
          throw errorFromHttpResponse(401, '');
        }
        if (response) {
          let text = '';
          try {
            text = await response.text();
          } catch {
            // The status says enough.
          }
          const retryAfter = response.headers.get('Retry-After');
          const retryAfterMs = parseRetryAfterMs(retryAfter, clock.now());
          failure = retryAfterMs === undefined ? { kind: 'status', status: response.status } : { kind: 'status', status: response.status, retryAfterMs };
          error = errorFromHttpResponse(response.status, text, retryAfter);
        }
        const decision = decideRetry(policy, { attempt, failure: failure!, idempotent: x.idempotent, remainingMs: deadline - clock.now(), random: random() });
        if (!decision.retry) {
          throw attempt > 1 ? { ...error!, message: `${error!.message} (${attempt} tries)` } : error!;
        }
        try {
          await clock.sleep(decision.delayMs, signal);
        } catch {
          throw stopped();
        }
      }
    } finally {
      clearTimeout(timer);
      x.signal?.removeEventListener('abort', onAbort);
    }
  }

  async function readV1Tables(response: Response): Promise<ColumnarTable[]> {
    const decoded = decodeV1Tables(await response.text());
    if (!decoded.ok) throw decoded.error;
    return decoded.tables;
  }

  /** A metadata command the app sends by itself: read-only, retried when transient. */
  function metadata(clusterUrl: string, database: string | null, csl: string, signal?: AbortSignal): Promise<ColumnarTable[]> {
    return exchange(
      {
        kind: 'Metadata', endpoint: 'mgmt', clusterUrl, database, csl, clientRequestId: newClientRequestId('Metadata', newUuid()),
        idempotent: true, readonly: true, signal, what: 'command',
      },
      readV1Tables,
    );
  }

  return {
    async run(input) {
      const command = isManagementCommand(input.text);
      const clientRequestId = input.clientRequestId ?? newRunClientRequestId(input.text, newUuid());
      const started = clock.now();
      const decoded = await exchange(
        {
          kind: command ? 'Mgmt' : 'Query', endpoint: command ? 'mgmt' : 'query', clusterUrl: input.clusterUrl, database: input.database,
          csl: input.text, properties: command ? undefined : input.properties, clientRequestId,
          idempotent: !command || readsOnly(input.text), readonly: false, signal: input.signal, what: command ? 'command' : 'query',
        },
        // A command's answer is a small v1 document, decoded here; v2 frames go to the decoder seam.
        async (response, signal, stopped): Promise<DecodeResult> => {
          if (command) return decodeV1DataSet(await response.text());
          const result = await decodeQuery(response, signal, input.onProgress);
          // A decoder reading the body as it streams sees this exchange's abort as a body cut off;
          // what happened is the abort's cause: the deadline (timed out) or the caller (cancelled).
          return !result.ok && signal.aborted ? { ...result, error: stopped() } : result;
        },
      );
      if (!decoded.ok) {
        // An answer that broke off (or hit the deadline) after rows arrived: those rows, their tables
        // marked incomplete, under the error.
        if (!input.signal?.aborted && 'incomplete' in decoded && decoded.incomplete && decoded.incomplete.primaryResults.length > 0) {
          return { clientRequestId, query: input.text, dataSet: decoded.incomplete, partial: decoded.error, durationMs: clock.now() - started };
        }
        throw decoded.error;
      }
      return { clientRequestId, query: input.text, dataSet: decoded.dataSet, partial: decoded.partial, durationMs: clock.now() - started };
    },

    async cancel({ clusterUrl, database, clientRequestId, signal }) {
      // Same principal as the query: only it (or an admin) may cancel it. Cancelling twice is harmless.
      const tables = await exchange(
        {
          kind: 'Cancel', endpoint: 'mgmt', clusterUrl, database, csl: cancelQueryCommand(clientRequestId),
          clientRequestId: newClientRequestId('Cancel', newUuid()), idempotent: true, readonly: false, signal, what: 'command',
        },
        readV1Tables,
      );
      return readCancelResult(tables);
    },

    async databases(clusterUrl, signal) {
      return readDatabaseNames(await metadata(clusterUrl, null, SHOW_DATABASES, signal));
    },

    async schema(clusterUrl, database, signal) {
      return readShowSchema(await metadata(clusterUrl, database, showDatabaseSchemaCommand(database), signal));
    },
  };
}
