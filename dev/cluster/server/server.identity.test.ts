/**
 * The server against the real local OpenID provider: signing keys found through discovery and
 * fetched over HTTPS with the dev certificate as CA, client-credentials tokens accepted.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate, type DevCertificate } from '../../certs';
import { fetchAutomationToken } from '../../identity/automation-token';
import { startIdentityProvider, type IdentityProvider } from '../../identity/server';
import { startCluster, type RunningCluster } from './server';
import { call, FakeEngine } from './test-support';

/** The audience must be known before the provider starts, so reserve the cluster's port first. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, 'localhost', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}

let tls: DevCertificate;
let identity: IdentityProvider;
let cluster: RunningCluster;

beforeAll(async () => {
  tls = await ensureDevCertificate();
  const port = await freePort();
  const clusterUrl = `https://localhost:${port}`;
  identity = await startIdentityProvider({ port: 0, tls, resources: [clusterUrl] });
  cluster = await startCluster({
    port,
    tls,
    engine: new FakeEngine(),
    auth: { issuer: identity.url, audience: clusterUrl, acceptedTyps: ['at+jwt', 'JWT'] },
  });
});

afterAll(async () => {
  await cluster?.close();
  await identity?.close();
});

describe('server with the local identity provider', () => {
  it('accepts a client-credentials token for the cluster and rejects one for another resource', async () => {
    const { accessToken } = await fetchAutomationToken(identity.url, cluster.url, tls.ca);
    const ok = await call(cluster.url + '/v1/rest/mgmt', {
      ca: tls.ca,
      body: { db: 'Samples', csl: '.show databases' },
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.text) as { Tables: { Rows: unknown[][] }[] }).Tables[0]?.Rows[0]?.[0]).toBe('Samples');

    const meta = JSON.parse((await call(cluster.url + '/v1/rest/auth/metadata', { ca: tls.ca })).text) as { AzureAD: { LoginEndpoint: string } };
    expect(meta.AzureAD.LoginEndpoint).toBe(identity.origin);

    const forged = accessToken.slice(0, -4) + (accessToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const bad = await call(cluster.url + '/v1/rest/mgmt', {
      ca: tls.ca,
      body: { db: 'Samples', csl: '.show databases' },
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(bad.status).toBe(401);
  });
});
