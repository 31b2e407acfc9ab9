import { expect, test, type APIRequestContext } from '@playwright/test';
import { CLUSTER_URL } from '../dev/stack';
import { apiContext, automationToken } from './support/cluster-api';

/** A resource the provider knows but the cluster is not: its tokens carry the wrong audience. */
const OTHER_RESOURCE = 'https://localhost:8444';

const query = { db: 'Samples', csl: 'StormEvents | count' };

/** The same query each time, with `token` as the bearer, or with no Authorization header at all. */
function postQuery(api: APIRequestContext, token: string | null) {
  return api.post(`${CLUSTER_URL}/v2/rest/query`, { headers: token === null ? {} : { Authorization: `Bearer ${token}` }, data: query });
}

test.describe('the cluster API refuses bad tokens with 401 and no body', () => {
  test('a valid token is accepted (the control case)', async () => {
    const api = await apiContext();
    const response = await postQuery(api, await automationToken(api));
    expect(response.status()).toBe(200);
    await api.dispose();
  });

  test('no token', async () => {
    const api = await apiContext();
    const response = await postQuery(api, null);
    expect(response.status()).toBe(401);
    expect(await response.text()).toBe('');
    await api.dispose();
  });

  test('a token for another audience', async () => {
    const api = await apiContext();
    const response = await postQuery(api, await automationToken(api, OTHER_RESOURCE));
    expect(response.status()).toBe(401);
    expect(await response.text()).toBe('');
    await api.dispose();
  });

  test('a token whose signature was tampered with', async () => {
    const api = await apiContext();
    const token = await automationToken(api);
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, oid: 'someone-else' })).toString('base64url');
    for (const bad of [`${header}.${forged}.${signature}`, `${header}.${payload}.${signature!.slice(0, -4)}AAAA`]) {
      const response = await postQuery(api, bad);
      expect(response.status()).toBe(401);
      expect(await response.text()).toBe('');
    }
    await api.dispose();
  });

  test('an expired token', async () => {
    const api = await apiContext();
    const token = await automationToken(api, CLUSTER_URL, { ttlSeconds: 2 });
    const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(exp - Date.now() / 1000).toBeLessThanOrEqual(3);

    expect((await postQuery(api, token)).status()).toBe(200);
    // Wait for the clock to pass `exp` — a state, not a fixed sleep.
    await expect.poll(() => Date.now() / 1000 > exp + 1, { timeout: 10_000, intervals: [250] }).toBe(true);
    const response = await postQuery(api, token);
    expect(response.status()).toBe(401);
    expect(await response.text()).toBe('');
    await api.dispose();
  });
});

test('CORS: a preflight from the app origin is answered as the service does', async () => {
  const api = await apiContext();
  const response = await api.fetch(`${CLUSTER_URL}/v2/rest/query`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'https://localhost:5173',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type,x-ms-client-request-id,x-ms-app',
    },
  });
  expect(response.status()).toBeLessThan(300);
  const headers = response.headers();
  expect(headers['access-control-allow-origin']).toBe('https://localhost:5173');
  expect(headers['access-control-allow-headers']?.toLowerCase()).toContain('authorization');
  expect(headers['access-control-allow-headers']?.toLowerCase()).toContain('x-ms-client-request-id');
  await api.dispose();
});
