/**
 * The HTTP request of one query or management command, as data
 * (https://learn.microsoft.com/kusto/api/rest/request): the client (`client/kusto-client.ts`) sends it.
 */

export const APP_NAME = 'KQLWorkbench';
export const APP_VERSION = '0.1.0';

export interface ClientRequestProperties {
  Options?: Record<string, unknown>;
  Parameters?: Record<string, unknown>;
}

/** What a request is, in its client request id: the service logs it, `.cancel query` names it. */
export type ClientRequestKind = 'Query' | 'Mgmt' | 'Cancel' | 'Metadata';

/** `KQLW.<kind>;<uuid>`, the SDKs' `<app>.<activity>;<id>` form. */
export function newClientRequestId(kind: ClientRequestKind, uuid: string): string {
  return `KQLW.${kind};${uuid}`;
}

export interface RequestInput {
  /** `/v2/rest/query` or `/v1/rest/mgmt`. */
  endpoint: 'query' | 'mgmt';
  clusterUrl: string;
  /** Commands like `.show databases` need none. */
  database: string | null;
  csl: string;
  properties?: ClientRequestProperties;
  clientRequestId: string;
  token: string;
  /** navigator.userAgent in a browser. */
  runtime: string;
  /** The signed-in user, for x-ms-user. */
  user?: string;
  /** x-ms-readonly: the service refuses any change (the app's own metadata commands). */
  readonly?: boolean;
}

export interface ClusterRequest {
  url: string;
  method: 'POST';
  headers: Record<string, string>;
  body: string;
}

// azure-kusto-node clientDetails.ts: header values are ASCII; the runtime part keeps [\w.\-()] and is ≤100 chars.
function asciiHeader(value: string): string {
  return value.replace(/[^\x20-\x7e]/g, '?');
}

function clientVersionHeader(runtime: string): string {
  const cleaned = runtime.replace(/[^\w.\-()]/g, '_').slice(0, 100);
  return `${APP_NAME}:{${APP_VERSION}}|Runtime.Browser:{${cleaned}}`;
}

/**
 * What every request to the cluster carries: the bearer token and the x-ms-* headers the service
 * logs to tie a request to its client, its user and to `.cancel query`.
 */
function clusterRequestHeaders(input: RequestInput): Record<string, string> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': 'application/json; charset=utf-8',
    Authorization: `Bearer ${input.token}`,
    'x-ms-app': APP_NAME,
    'x-ms-client-request-id': asciiHeader(input.clientRequestId),
    'x-ms-client-version': clientVersionHeader(input.runtime),
  };
  if (input.user) headers['x-ms-user'] = asciiHeader(input.user);
  if (input.readonly) headers['x-ms-readonly'] = 'true';
  return headers;
}

export function buildRequest(input: RequestInput): ClusterRequest {
  const body: { db?: string; csl: string; properties?: ClientRequestProperties } = { csl: input.csl };
  if (input.database) body.db = input.database;
  if (input.properties && (input.properties.Options || input.properties.Parameters)) body.properties = input.properties;
  const path = input.endpoint === 'query' ? '/v2/rest/query' : '/v1/rest/mgmt';
  return {
    url: `${input.clusterUrl.replace(/\/+$/, '')}${path}`,
    method: 'POST',
    headers: clusterRequestHeaders(input),
    body: JSON.stringify(body),
  };
}
