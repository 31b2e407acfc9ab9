/** The HTTP request of one query (https://learn.microsoft.com/kusto/api/rest/request), as data: the caller does the fetch. */

export const APP_NAME = 'KQLWorkbench';
export const APP_VERSION = '0.1.0';

export interface ClientRequestProperties {
  Options?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
}

export interface QueryRequestInput {
  clusterUrl: string;
  database: string;
  query: string;
  properties?: ClientRequestProperties;
  /** `KQLW.Query;<uuid>`: needed to cancel the query later with `.cancel query`. */
  clientRequestId: string;
  token: string;
  /** navigator.userAgent in a browser. */
  runtime: string;
}

export interface QueryRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

export function newClientRequestId(uuid: string): string {
  return `KQLW.Query;${uuid}`;
}

// NODE clientDetails.ts: header values are ASCII; the runtime part keeps [\w.\-()] and is ≤100 chars.
function asciiHeader(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?');
}

function clientVersionHeader(runtime: string): string {
  const cleaned = runtime.replace(/[^\w.\-()]/g, '_').slice(0, 100);
  return `${APP_NAME}:{${APP_VERSION}}|Runtime.Browser:{${cleaned}}`;
}

/**
 * What every request to the cluster carries, query or command (§1.3): the bearer token and the
 * three x-ms-* headers the service logs to tie a request to its client and to `.cancel query`.
 */
export function clusterRequestHeaders(input: { token: string; clientRequestId: string; runtime: string }): Record<string, string> {
  return {
    Accept: 'application/json',
    'Content-Type': 'application/json; charset=utf-8',
    Authorization: `Bearer ${input.token}`,
    'x-ms-app': APP_NAME,
    'x-ms-client-request-id': asciiHeader(input.clientRequestId),
    'x-ms-client-version': clientVersionHeader(input.runtime),
  };
}

export function buildQueryRequest(input: QueryRequestInput): QueryRequest {
  const body: { db: string; csl: string; properties?: ClientRequestProperties } = { db: input.database, csl: input.query };
  if (input.properties && (input.properties.Options || input.properties.Parameters)) body.properties = input.properties;
  return {
    url: `${input.clusterUrl.replace(/\/+$/, '')}/v2/rest/query`,
    method: 'POST',
    headers: clusterRequestHeaders(input),
    body: JSON.stringify(body),
  };
}
