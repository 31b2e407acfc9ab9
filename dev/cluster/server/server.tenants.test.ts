import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate, type DevCertificate } from '../../certs';
import { startCluster, type RunningCluster } from './server';
import { call, createTestKeys, FakeEngine, TEST_ISSUER, userClaims, type TestKeys } from './test-support';
import { parseFaults } from './faults';

const PARTNER_ISSUER = 'https://partner-issuer.test/partner-tenant';
const STRANGER_ISSUER = 'https://stranger-issuer.test';

let tls: DevCertificate;
let home: TestKeys;
let partner: TestKeys;
let stranger: TestKeys;
let engine: FakeEngine;
let cluster: RunningCluster;

const homeClaims = (aud: string) => userClaims(aud);
const partnerClaims = (aud: string) => ({ ...userClaims(aud), tid: 'partner-tenant', oid: 'oid-guest' });
const columns = [{ Name: 'a', Type: 'System.String', CslType: 'string' as const }];

beforeAll(async () => {
  tls = await ensureDevCertificate();
  home = await createTestKeys();
  partner = await createTestKeys(PARTNER_ISSUER);
  stranger = await createTestKeys(STRANGER_ISSUER);
  engine = new FakeEngine();
  engine.schema.push(
    { Name: 'Shared', Tables: { T: { Name: 'T', OrderedColumns: columns } }, Functions: {} },
    { Name: 'OtherCluster', Tables: { T: { Name: 'T', OrderedColumns: columns } }, Functions: {} },
  );
  engine.script('T | count', () => [{ columns: [{ ColumnName: 'Count', ColumnType: 'long' }], chunks: [[[1n]]] }]);
  cluster = await startCluster({
    port: 0,
    tls,
    engine,
    auth: {
      issuer: TEST_ISSUER,
      keySet: home.keySet,
      trustedIssuers: [{ issuer: PARTNER_ISSUER, keySet: partner.keySet }],
      acceptedTyps: ['at+jwt'],
    },
    access: { serves: (db) => db !== 'OtherCluster', readers: { Shared: ['tenant', 'partner-tenant'] }, defaultReaders: ['tenant'] },
    testSwitches: true,
  });
});

afterAll(async () => {
  await cluster?.close();
});

function post(path: string, token: string, body: unknown) {
  return call(cluster.url + path, { ca: tls.ca, body, headers: { authorization: `Bearer ${token}`, origin: 'https://app.test' } });
}

const message = (text: string) => (JSON.parse(text) as { error: { '@message': string } }).error['@message'];

describe('tenants and databases', () => {
  it('reads a database shared with a trusted external tenant, and refuses one that is not with 403', async () => {
    const guest = await partner.mint(partnerClaims(cluster.url));
    const shared = await post('/v2/rest/query', guest, { db: 'Shared', csl: 'T | count' });
    expect(shared.status).toBe(200);
    const samples = await post('/v2/rest/query', guest, { db: 'Samples', csl: 'T | count' });
    expect(samples.status).toBe(403);
    expect(message(samples.text)).toBe("Principal 'aaduser=oid-guest;partner-tenant' is not authorized to read database 'Samples'.");
    const schema = await post('/v1/rest/mgmt', guest, { db: 'Samples', csl: '.show database schema as json' });
    expect(schema.status).toBe(403);
  });

  it('refuses a token from an issuer it does not trust, even with the right audience', async () => {
    const foreign = await stranger.mint(homeClaims(cluster.url));
    const res = await post('/v2/rest/query', foreign, { db: 'Samples', csl: 'T | count' });
    expect(res.status).toBe(401);
    // A partner token whose iss is changed cannot borrow the home tenant's trust: the signature fails.
    const forged = await partner.mint(homeClaims(cluster.url));
    const [header, , signature] = forged.split('.');
    const payload = Buffer.from(JSON.stringify({ ...homeClaims(cluster.url), iss: TEST_ISSUER, exp: Math.floor(Date.now() / 1000) + 300 })).toString('base64url');
    expect((await post('/v2/rest/query', `${header}.${payload}.${signature}`, { db: 'Samples', csl: 'T | count' })).status).toBe(401);
  });

  it('lists only the databases this caller may read through this cluster', async () => {
    const names = async (token: string) => {
      const res = await post('/v1/rest/mgmt', token, { csl: '.show databases' });
      expect(res.status).toBe(200);
      return (JSON.parse(res.text) as { Tables: { Rows: unknown[][] }[] }).Tables[0]?.Rows.map((r) => r[0]);
    };
    expect(await names(await home.mint(homeClaims(cluster.url)))).toEqual(['Samples', 'Shared']);
    expect(await names(await partner.mint(partnerClaims(cluster.url)))).toEqual(['Shared']);
    const notServed = await post('/v2/rest/query', await home.mint(homeClaims(cluster.url)), { db: 'OtherCluster', csl: 'T | count' });
    expect(notServed.status).toBe(400);
    expect(message(notServed.text)).toBe("Entity ID 'OtherCluster' of kind 'Database' was not found.");
  });

  it('names the login endpoint of the issuer in /v1/rest/auth/metadata', async () => {
    const res = await call(`${cluster.url}/v1/rest/auth/metadata`, { ca: tls.ca });
    const meta = JSON.parse(res.text) as { AzureAD: Record<string, unknown> };
    expect(meta.AzureAD).toMatchObject({ LoginEndpoint: 'https://issuer.test', KustoServiceResourceId: cluster.url });
  });
});

describe('claims challenge switch', () => {
  const claimsOf = (header: string | undefined) => {
    const m = /claims="([^"]+)"/.exec(header ?? '');
    return m?.[1] ? (JSON.parse(Buffer.from(m[1], 'base64').toString('utf8')) as unknown) : undefined;
  };

  it('answers 401 insufficient_claims until the token carries the authentication context', async () => {
    const csl = 'set local_fault="claims-challenge";\nT | count';
    const plain = await post('/v2/rest/query', await home.mint(homeClaims(cluster.url)), { db: 'Samples', csl });
    expect(plain.status).toBe(401);
    expect(plain.headers['www-authenticate']).toMatch(/^Bearer realm="", authorization_uri="https:\/\/issuer\.test", error="insufficient_claims", claims="/);
    expect(claimsOf(plain.headers['www-authenticate'])).toEqual({ access_token: { acrs: { essential: true, value: 'c1' } } });
    expect(plain.headers['access-control-expose-headers']).toContain('WWW-Authenticate');

    const stepped = await post('/v2/rest/query', await home.mint({ ...homeClaims(cluster.url), acrs: ['c1'] }), { db: 'Samples', csl });
    expect(stepped.status).toBe(200);
    expect(engine.received.at(-1)?.csl.trim()).toBe('T | count');
  });

  it('parses claims-challenge with and without a context id, and refuses a malformed one', () => {
    expect(parseFaults('claims-challenge')).toEqual({ claimsChallenge: 'c1' });
    expect(parseFaults('claims-challenge=c7, latency=5')).toEqual({ claimsChallenge: 'c7', latencyMs: 5 });
    expect(() => parseFaults('claims-challenge=a b')).toThrow(/authentication context/);
  });
});
