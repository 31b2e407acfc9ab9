import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate } from '../certs';
import { httpsRequest } from '../https-request';
import {
  CLUSTER_URL,
  demoUser,
  LOCAL_TENANT,
  PARTNER_CLUSTER_URL,
  PARTNER_TENANT,
  SPA_CLIENT_ID,
  UNCONSENTED_TENANT,
  type DemoUser,
} from '../stack';
import { startIdentityProvider, type IdentityProvider } from './server';
import { CookieJar, createBrowser, fragmentParams, msalScope, pkce, REDIRECT_URI, str } from './test-browser';

const analyst = demoUser('analyst@local.test');
const viewer = demoUser('viewer@local.test');
const fiona = demoUser('fiona@fabrikam.test');
const contractor = demoUser('contractor@local.test');

let ca: string;
let idp: IdentityProvider;
const browser = () => createBrowser(ca, () => idp.origin);

async function verifyFrom(tenantId: string, jwt: string, audience: string): Promise<JWTPayload> {
  const issuer = idp.issuer(tenantId);
  const jwks = await httpsRequest(`${issuer}/jwks`, { ca });
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(JSON.parse(jwks.text) as JSONWebKeySet), { issuer, audience });
  return payload;
}

/** authorize → login form → credentials → back at the app: the callback URL (code or error). */
async function signInAt(jar: CookieJar, tenantId: string, resource: string, user: DemoUser, extra: Record<string, string> = {}) {
  const b = browser();
  const { verifier, challenge } = pkce();
  const start = await b.browse(jar, b.authorizeUrl(idp.issuer(tenantId), resource, challenge, 'n', extra));
  const form = await b.browse(jar, b.location(start));
  expect(form.status).toBe(200);
  const posted = await b.browse(jar, b.formAction(form), { form: { email: user.email, password: user.password } });
  return { callback: await b.followToApp(jar, posted), verifier, form };
}

async function redeem(tenantId: string, callback: string, verifier: string, resource: string, extra: Record<string, string> = {}) {
  const code = fragmentParams(callback).get('code');
  if (!code) throw new Error(`no code in ${callback}`);
  return browser().token(idp.issuer(tenantId), {
    client_id: SPA_CLIENT_ID,
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
    scope: msalScope(resource),
    ...extra,
  });
}

/** A silent request (the hidden iframe MSAL uses): prompt=none with the session cookie. */
async function silentAt(jar: CookieJar, tenantId: string, resource: string, extra: Record<string, string> = {}) {
  const b = browser();
  const { verifier, challenge } = pkce();
  const res = await b.browse(jar, b.authorizeUrl(idp.issuer(tenantId), resource, challenge, 'n', { prompt: 'none', ...extra }));
  return { callback: b.location(res), verifier };
}

function clientInfoOf(json: Record<string, unknown>): unknown {
  return JSON.parse(Buffer.from(str(json.client_info), 'base64url').toString('utf8'));
}

beforeAll(async () => {
  ca = (await ensureDevCertificate()).ca;
  idp = await startIdentityProvider({ port: 0 });
});

afterAll(async () => {
  await idp?.close();
});

describe('tenant authorities', () => {
  it('serves each tenant at <origin>/<tenant id>, and at <origin>/<domain> with the id in the metadata', async () => {
    for (const segment of [PARTNER_TENANT.id, PARTNER_TENANT.domain, PARTNER_TENANT.domain.toUpperCase()]) {
      const res = await httpsRequest(`${idp.origin}/${segment}/.well-known/openid-configuration`, { ca });
      expect(res.status).toBe(200);
      const doc = JSON.parse(res.text) as Record<string, unknown>;
      expect(doc.issuer).toBe(`${idp.origin}/${PARTNER_TENANT.id}`);
      expect(doc.authorization_endpoint).toBe(`${idp.origin}/${PARTNER_TENANT.id}/auth`);
      expect(doc.token_endpoint).toBe(`${idp.origin}/${PARTNER_TENANT.id}/token`);
    }
    const unknown = await httpsRequest(`${idp.origin}/contoso.test/.well-known/openid-configuration`, { ca });
    expect(unknown.status).toBe(404);
  });
});

describe('one session across tenants (B2B guests)', () => {
  it('gives a guest tokens from the resource tenant without a second sign-in', async () => {
    const jar = new CookieJar();
    const home = await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, analyst);
    const homeTokens = await redeem(LOCAL_TENANT.id, home.callback, home.verifier, CLUSTER_URL);
    expect(homeTokens.res.status).toBe(200);
    expect(clientInfoOf(homeTokens.json)).toEqual({ uid: analyst.oid, utid: LOCAL_TENANT.id });

    const guest = await silentAt(jar, PARTNER_TENANT.id, PARTNER_CLUSTER_URL, { login_hint: analyst.email });
    const guestTokens = await redeem(PARTNER_TENANT.id, guest.callback, guest.verifier, PARTNER_CLUSTER_URL);
    expect(guestTokens.res.status).toBe(200);
    // MSAL links the two: the same home account (uid.utid), a tenant profile per tid.
    expect(clientInfoOf(guestTokens.json)).toEqual({ uid: analyst.oid, utid: LOCAL_TENANT.id });
    const guestOid = analyst.guestOf.find((g) => g.tenantId === PARTNER_TENANT.id)?.oid;
    const idToken = await verifyFrom(PARTNER_TENANT.id, str(guestTokens.json.id_token), SPA_CLIENT_ID);
    expect(idToken).toMatchObject({ tid: PARTNER_TENANT.id, oid: guestOid, preferred_username: analyst.email, idp: idp.issuer(LOCAL_TENANT.id), login_hint: analyst.email });
    const at = await verifyFrom(PARTNER_TENANT.id, str(guestTokens.json.access_token), PARTNER_CLUSTER_URL);
    expect(at).toMatchObject({ iss: idp.issuer(PARTNER_TENANT.id), tid: PARTNER_TENANT.id, oid: guestOid, scp: 'user_impersonation' });
  });

  it('signs a partner user in to the home tenant as a guest, keeping the partner as home', async () => {
    const jar = new CookieJar();
    const { callback, verifier } = await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, fiona);
    const { json } = await redeem(LOCAL_TENANT.id, callback, verifier, CLUSTER_URL);
    expect(clientInfoOf(json)).toEqual({ uid: fiona.oid, utid: PARTNER_TENANT.id });
    expect(decodeJwt(str(json.access_token))).toMatchObject({ tid: LOCAL_TENANT.id, oid: fiona.guestOf[0]?.oid, idp: idp.issuer(PARTNER_TENANT.id) });
  });

  it('refuses an account the tenant does not know: AADSTS16000 silently, AADSTS50020 interactively', async () => {
    const jar = new CookieJar();
    await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, viewer);
    const silent = await silentAt(jar, PARTNER_TENANT.id, PARTNER_CLUSTER_URL, { login_hint: viewer.email });
    expect(fragmentParams(silent.callback).get('error')).toBe('interaction_required');
    expect(fragmentParams(silent.callback).get('error_description')).toMatch(/^AADSTS16000: /);

    const b = browser();
    const start = await b.browse(jar, b.authorizeUrl(idp.issuer(PARTNER_TENANT.id), PARTNER_CLUSTER_URL, pkce().challenge, 'n', { login_hint: viewer.email }));
    const back = fragmentParams(await b.followToApp(jar, start));
    expect(back.get('error')).toBe('invalid_request');
    expect(back.get('error_description')).toContain(`AADSTS50020: User account '${viewer.email}' from identity provider '${idp.issuer(LOCAL_TENANT.id)}' does not exist in tenant 'Fabrikam'`);
  });

  it('answers a user blocked by Conditional Access with AADSTS53003 and starts no session', async () => {
    const jar = new CookieJar();
    const { callback } = await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, contractor);
    expect(fragmentParams(callback).get('error')).toBe('access_denied');
    expect(fragmentParams(callback).get('error_description')).toMatch(/^AADSTS53003: Access has been blocked by Conditional Access policies/);
    const silent = await silentAt(jar, LOCAL_TENANT.id, CLUSTER_URL);
    expect(fragmentParams(silent.callback).get('error')).toBe('login_required');
  });

  it('needs admin consent in a tenant that never consented to the app', async () => {
    const jar = new CookieJar();
    await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, analyst);
    const silent = await silentAt(jar, UNCONSENTED_TENANT.id, CLUSTER_URL, { login_hint: analyst.email });
    expect(fragmentParams(silent.callback).get('error')).toBe('consent_required');
    expect(fragmentParams(silent.callback).get('error_description')).toMatch(new RegExp(`^AADSTS65001: .*'${SPA_CLIENT_ID}'`));
    const b = browser();
    const start = await b.browse(jar, b.authorizeUrl(idp.issuer(UNCONSENTED_TENANT.domain), CLUSTER_URL, pkce().challenge, 'n', { login_hint: analyst.email }));
    const back = fragmentParams(await b.followToApp(jar, start));
    expect(back.get('error')).toBe('access_denied');
    expect(back.get('error_description')).toMatch(/^AADSTS90094: /);
  });
});

describe('accounts', () => {
  it('does not hand the session account to a silent request naming another account', async () => {
    const jar = new CookieJar();
    await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, analyst);
    const same = await silentAt(jar, LOCAL_TENANT.id, CLUSTER_URL, { login_hint: analyst.email });
    expect(fragmentParams(same.callback).get('code')).toBeTruthy();
    const other = await silentAt(jar, LOCAL_TENANT.id, CLUSTER_URL, { login_hint: viewer.email });
    expect(fragmentParams(other.callback).get('error')).toBe('login_required');
  });

  it('prompt=select_account offers the session account or another one', async () => {
    const jar = new CookieJar();
    await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, analyst);
    const b = browser();
    const pick = async () => {
      const start = await b.browse(jar, b.authorizeUrl(idp.issuer(LOCAL_TENANT.id), CLUSTER_URL, pkce().challenge, 'n', { prompt: 'select_account' }));
      const page = await b.browse(jar, b.location(start));
      expect(page.text).toContain('Pick an account');
      expect(page.text).toContain(`${analyst.name} — ${analyst.email}`);
      return page;
    };
    const current = await b.browse(jar, b.formAction(await pick()), { form: { choice: 'current' } });
    expect(fragmentParams(await b.followToApp(jar, current)).get('code')).toBeTruthy();

    const another = await b.browse(jar, b.formAction(await pick()), { form: { choice: 'another' } });
    expect(another.text).toContain('<label for="email">Email</label>');
    const loggedIn = await b.browse(jar, b.formAction(another), { form: { email: viewer.email, password: viewer.password } });
    const callback = await b.followToApp(jar, loggedIn);
    expect(fragmentParams(callback).get('code')).toBeTruthy();
    const now = await silentAt(jar, LOCAL_TENANT.id, CLUSTER_URL);
    const { json } = await redeem(LOCAL_TENANT.id, now.callback, now.verifier, CLUSTER_URL);
    expect(decodeJwt(str(json.id_token)).preferred_username).toBe(viewer.email);
  });

  it('signing out an account that is not the session account leaves the session alone', async () => {
    const first = new CookieJar();
    const a = await signInAt(first, LOCAL_TENANT.id, CLUSTER_URL, analyst);
    const analystIdToken = str((await redeem(LOCAL_TENANT.id, a.callback, a.verifier, CLUSTER_URL)).json.id_token);
    const jar = new CookieJar();
    await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, viewer);
    const b = browser();
    const params = new URLSearchParams({ id_token_hint: analystIdToken, post_logout_redirect_uri: REDIRECT_URI, state: 's' });
    const out = await b.browse(jar, `${idp.url}/session/end?${params}`);
    expect(b.location(out)).toBe(`${REDIRECT_URI}?state=s`);
    const still = await silentAt(jar, LOCAL_TENANT.id, CLUSTER_URL);
    expect(fragmentParams(still.callback).get('code')).toBeTruthy();
  });
});

describe('claims challenges', () => {
  const claims = JSON.stringify({ access_token: { acrs: { essential: true, value: 'c1' } } });

  it('asks the signed-in user to confirm, then puts the requested acrs in the access token', async () => {
    const jar = new CookieJar();
    await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, analyst);
    const stepUp = await signInAt(jar, LOCAL_TENANT.id, CLUSTER_URL, analyst, { claims, login_hint: analyst.email });
    expect(stepUp.form.text).toContain('Your organization requires you to confirm your sign-in');
    expect(stepUp.form.text).toContain(`value="${analyst.email}"`);
    const { json } = await redeem(LOCAL_TENANT.id, stepUp.callback, stepUp.verifier, CLUSTER_URL, { claims });
    expect(decodeJwt(str(json.access_token)).acrs).toEqual(['c1']);

    const silent = await silentAt(jar, LOCAL_TENANT.id, CLUSTER_URL, { claims });
    expect(fragmentParams(silent.callback).get('error')).toBe('interaction_required');
    const plain = await silentAt(jar, LOCAL_TENANT.id, CLUSTER_URL);
    const { json: plainJson } = await redeem(LOCAL_TENANT.id, plain.callback, plain.verifier, CLUSTER_URL);
    expect(decodeJwt(str(plainJson.access_token)).acrs).toBeUndefined();
  });
});
