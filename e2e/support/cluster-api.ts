import { request, type APIRequestContext } from '@playwright/test';
import { AUTOMATION_CLIENT_ID, AUTOMATION_CLIENT_SECRET, CLUSTER_URL, IDENTITY_AUTHORITY } from '../../dev/stack';

/**
 * Talks to the local stack the way a script or service principal would: a client-credentials
 * token from the provider, then the cluster's REST API. Used by specs to compute expectations
 * independently of the UI.
 */
export async function apiContext(): Promise<APIRequestContext> {
  return request.newContext({ ignoreHTTPSErrors: true });
}

/**
 * `ttlSeconds`: a test-only switch of the local provider (started with --test) for short-lived tokens.
 * `authority`: the tenant to ask (default: the home tenant).
 */
export async function automationToken(
  api: APIRequestContext,
  resource = CLUSTER_URL,
  options: { ttlSeconds?: number; authority?: string } = {},
): Promise<string> {
  const response = await api.post(`${options.authority ?? IDENTITY_AUTHORITY}/token`, {
    form: {
      grant_type: 'client_credentials',
      client_id: AUTOMATION_CLIENT_ID,
      client_secret: AUTOMATION_CLIENT_SECRET,
      scope: `${resource}/.default`,
      ...(options.ttlSeconds === undefined ? {} : { test_ttl_seconds: String(options.ttlSeconds) }),
    },
  });
  if (!response.ok()) throw new Error(`token request failed: ${response.status()} ${await response.text()}`);
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

interface V1Response {
  Tables: { TableName: string; Columns: { ColumnName: string }[]; Rows: unknown[][] }[];
}

/**
 * Runs `<tabular expression> | count` through /v1/rest/query and returns the count. `on`: another
 * cluster, with a token from the tenant that cluster trusts.
 */
export async function clusterCount(query: string, db = 'Samples', on: { clusterUrl: string; authority: string } = { clusterUrl: CLUSTER_URL, authority: IDENTITY_AUTHORITY }): Promise<number> {
  const api = await apiContext();
  try {
    const token = await automationToken(api, on.clusterUrl, { authority: on.authority });
    const response = await api.post(`${on.clusterUrl}/v1/rest/query`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      data: { db, csl: `${query} | count` },
    });
    if (!response.ok()) throw new Error(`query failed: ${response.status()} ${await response.text()}`);
    const body = (await response.json()) as V1Response;
    const value = body.Tables[0]?.Rows[0]?.[0];
    if (typeof value !== 'number') throw new Error(`unexpected count payload: ${JSON.stringify(body).slice(0, 300)}`);
    return value;
  } finally {
    await api.dispose();
  }
}
