/**
 * One query run: token → POST /v2/rest/query → decoded columnar data set. Rejects with a
 * KustoError value; partial failures resolve, with the rows and `partial` set.
 *
 * Text whose first token starts with `.` is a management command: it goes to /v1/rest/mgmt (the
 * query endpoint refuses commands other than `.show`, azuredatastudio#11855) and its v1 answer is
 * read into the same DataSet shape, so the results panel shows it like a query's.
 */

import { claimsFromChallenge } from '../../../kusto/claims-challenge';
import { decodeV1DataSet } from '../../../kusto/decode-v1';
import type { DecodeResult } from '../../../kusto/decode-v2';
import { isManagementCommand } from '../../../kusto/text-kind';
import { errorFromHttpResponse, isKustoError, kustoError, type KustoError } from '../../../kusto/errors';
import { buildMgmtRequest, newMgmtClientRequestId } from '../../../kusto/mgmt';
import { buildQueryRequest, newClientRequestId, type ClientRequestProperties, type QueryRequest } from '../../../kusto/request';
import type { DataSet, TokenProvider } from '../../../kusto/types';
import { decodeInWorker } from '../../../workers/decode-client';

export interface RunQueryInput {
  clusterUrl: string;
  database: string;
  query: string;
  properties?: ClientRequestProperties;
  signal?: AbortSignal;
  /** Chosen by the caller when it may need to `.cancel query` this run before it settles (`newRunClientRequestId`). */
  clientRequestId?: string;
}

/** `KQLW.Mgmt;<uuid>` for a command, `KQLW.Query;<uuid>` for a query. */
export function newRunClientRequestId(text: string, uuid: string): string {
  return isManagementCommand(text) ? newMgmtClientRequestId(uuid) : newClientRequestId(uuid);
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

export interface RunQueryDeps {
  tokenProvider: TokenProvider;
  fetch?: typeof fetch;
  /** navigator.userAgent, for x-ms-client-version. */
  runtime?: string;
  newUuid?: () => string;
  /** Client-side limit; the SDKs use 4m30s, 30 s past the service's default 4 min. */
  timeoutMs?: number;
  /** Body bytes → data set; the decode worker by default. The bytes may be transferred (detached). */
  decode?: (body: ArrayBuffer) => Promise<DecodeResult>;
}

async function decodeOffMainThread(body: ArrayBuffer): Promise<DecodeResult> {
  try {
    return (await decodeInWorker(body)).result;
  } catch (e) {
    return { ok: false, error: kustoError('malformed-response', `The response could not be decoded: ${e instanceof Error ? e.message : String(e)}`) };
  }
}

const DEFAULT_TIMEOUT_MS = 270_000;

function buildRequest(deps: RunQueryDeps, input: RunQueryInput, clientRequestId: string, token: string): QueryRequest {
  const runtime = deps.runtime ?? (typeof navigator === 'undefined' ? 'unknown' : navigator.userAgent);
  if (isManagementCommand(input.query)) {
    return buildMgmtRequest({ clusterUrl: input.clusterUrl, database: input.database, command: input.query, clientRequestId, token, runtime });
  }
  return buildQueryRequest({
    clusterUrl: input.clusterUrl, database: input.database, query: input.query, properties: input.properties, clientRequestId, token, runtime,
  });
}

async function post(deps: RunQueryDeps, input: RunQueryInput, clientRequestId: string, token: string, signal: AbortSignal): Promise<Response> {
  const request = buildRequest(deps, input, clientRequestId, token);
  // redirect: 'error' — the service never redirects a query, and following one would resend the body elsewhere.
  return (deps.fetch ?? fetch)(request.url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'error' });
}

export async function runQuery(deps: RunQueryDeps, input: RunQueryInput): Promise<QueryRun> {
  const clientRequestId = input.clientRequestId ?? newRunClientRequestId(input.query, (deps.newUuid ?? (() => crypto.randomUUID()))());
  const started = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const onAbort = () => controller.abort();
  input.signal?.addEventListener('abort', onAbort);
  if (input.signal?.aborted) controller.abort();

  try {
    let token = await deps.tokenProvider.getToken(input.clusterUrl);
    let response = await post(deps, input, clientRequestId, token, controller.signal);
    if (response.status === 401) {
      // The cached token may have been revoked or the cluster's clock disagrees: renew once. A
      // claims challenge names what the new token must carry (src/kusto/claims-challenge.ts).
      const claims = claimsFromChallenge(response.headers.get('WWW-Authenticate'));
      token = await deps.tokenProvider.getToken(input.clusterUrl, { forceRefresh: true, ...(claims ? { claims } : {}) });
      response = await post(deps, input, clientRequestId, token, controller.signal);
      if (response.status === 401) {
        await deps.tokenProvider.interact(input.clusterUrl);
        throw errorFromHttpResponse(401, '');
      }
    }
    // Bytes, not text: the decode worker reads UTF-8 itself, and the buffer moves there by transfer.
    const body = await response.arrayBuffer();
    if (response.status !== 200) {
      throw errorFromHttpResponse(response.status, new TextDecoder().decode(body), response.headers.get('Retry-After'));
    }
    // A command's answer is a small v1 document: decoded here, the worker reads v2 frames only.
    const decoded = isManagementCommand(input.query)
      ? decodeV1DataSet(new TextDecoder().decode(body))
      : await (deps.decode ?? decodeOffMainThread)(body);
    if (!decoded.ok) throw decoded.error;
    return { clientRequestId, query: input.query, dataSet: decoded.dataSet, partial: decoded.partial, durationMs: performance.now() - started };
  } catch (e) {
    if (isKustoError(e)) throw e;
    if (controller.signal.aborted) {
      throw timedOut
        ? kustoError('timeout', `The query did not finish within ${Math.round((deps.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000)} s.`)
        : kustoError('cancelled', 'The query was cancelled.');
    }
    // fetch rejects with a bare TypeError for DNS, TLS, CORS and connection failures alike.
    throw kustoError('network', `Could not reach ${input.clusterUrl}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onAbort);
  }
}
