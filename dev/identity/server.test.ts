import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate } from '../certs';
import {
  APP_URL,
  AUTOMATION_CLIENT_ID,
  AUTOMATION_CLIENT_SECRET,
  CLUSTER_URL,
  DEMO_USERS,
  LOCAL_TENANT_ID,
  SPA_CLIENT_ID,
} from '../stack';
import { fetchAutomationToken } from './automation-token';
import { httpsRequest, type HttpsResponse } from '../https-request';
import { AUTOMATION_OBJECT_ID, startIdentityProvider, type IdentityProvider } from './server';
import { CookieJar, createBrowser, fragmentParams, msalScope, pkce, REDIRECT_URI, str } from './test-browser';

const TTL = 900;
/** A second resource the provider serves: a refresh token for CLUSTER_URL must not reach it. */
const OTHER_RESOURCE = 'https://other-cluster.local:8443';
const user = DEMO_USERS[0]!;

let ca: string;
let idp: IdentityProvider;
let keys: ReturnType<typeof createLocalJWKSet>;
const b = () => createBrowser(ca, () => idp.url);
const browse = (...args: Parameters<ReturnType<typeof createBrowser>['browse']>) => b().browse(...args);
const location = (res: HttpsResponse) => b().location(res);
const token = (form: Record<string, string>, origin?: string | null) => b().token(idp.url, form, origin);
const authorizeUrl = (challenge: string, nonce: string, extra: Record<string, string> = {}) =>
  b().authorizeUrl(idp.url, CLUSTER_URL, challenge, nonce, extra);

async function verify(jwt: string, audience: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(jwt, keys, { issuer: idp.url, audience });
  return payload;
}

/** Login form → code → tokens, as MSAL's loginRedirect + handleRedirectPromise would do it. */
async function signIn(jar: CookieJar, password = user.password) {
  const { verifier, challenge } = pkce();
  const nonce = randomBytes(8).toString('hex');
  const start = await browse(jar, authorizeUrl(challenge, nonce));
  expect(start.status).toBe(303);
  const formPage = await browse(jar, location(start));
  expect(formPage.status).toBe(200);
  const loggedIn = await browse(jar, b().formAction(formPage), { form: { email: user.email, password } });
  const resumed = await browse(jar, location(loggedIn));
  const callback = location(resumed);
  const code = fragmentParams(callback).get('code');
  if (!code) throw new Error(`no code in ${callback}`);
  const { res, json } = await token({
    client_id: SPA_CLIENT_ID,
    grant_type: 'authorization_code',
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
    scope: msalScope(CLUSTER_URL),
  });
  return { formPage, callback, nonce, res, json };
}

beforeAll(async () => {
  ca = (await ensureDevCertificate()).ca;
  idp = await startIdentityProvider({
    port: 0,
    accessTokenTtlSeconds: TTL,
    testSwitches: true,
    resources: [CLUSTER_URL, OTHER_RESOURCE],
  });
  const jwks = await httpsRequest(`${idp.url}/jwks`, { ca });
  keys = createLocalJWKSet(JSON.parse(jwks.text) as JSONWebKeySet);
});

afterAll(async () => {
  await idp?.close();
});

describe('discovery', () => {
  it('serves the document MSAL fetches at `${authority}.well-known/openid-configuration`', async () => {
    expect(idp.url).toBe(`${idp.origin}/${LOCAL_TENANT_ID}`);
    const authority = `${idp.url}/`;
    const res = await httpsRequest(`${authority}.well-known/openid-configuration`, {
      ca,
      headers: { origin: APP_URL },
    });
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe(APP_URL);
    const doc = JSON.parse(res.text) as Record<string, unknown>;
    expect(doc).toMatchObject({
      issuer: idp.url,
      authorization_endpoint: `${idp.url}/auth`,
      token_endpoint: `${idp.url}/token`,
      jwks_uri: `${idp.url}/jwks`,
      end_session_endpoint: `${idp.url}/session/end`,
    });
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
  });
});

describe('client credentials (local-automation)', () => {
  it('issues an RS256 JWT for the resource named by scope=<resource>/.default', async () => {
    const { res, json } = await token(
      {
        grant_type: 'client_credentials',
        client_id: AUTOMATION_CLIENT_ID,
        client_secret: AUTOMATION_CLIENT_SECRET,
        scope: `${CLUSTER_URL}/.default`,
      },
      null,
    );
    expect(res.status).toBe(200);
    expect(json).toMatchObject({ token_type: 'Bearer', expires_in: TTL, scope: `${CLUSTER_URL}/.default` });
    const accessToken = str(json.access_token);
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const claims = await verify(accessToken, CLUSTER_URL);
    expect(claims).toMatchObject({
      iss: idp.url,
      aud: CLUSTER_URL,
      azp: AUTOMATION_CLIENT_ID,
      appid: AUTOMATION_CLIENT_ID,
      oid: AUTOMATION_OBJECT_ID,
      tid: LOCAL_TENANT_ID,
      idtyp: 'app',
    });
    expect(claims.exp! - claims.iat!).toBe(TTL);
  });

  it('accepts resource= instead of a .default scope, and fetchAutomationToken works', async () => {
    const { res, json } = await token(
      {
        grant_type: 'client_credentials',
        client_id: AUTOMATION_CLIENT_ID,
        client_secret: AUTOMATION_CLIENT_SECRET,
        resource: CLUSTER_URL,
      },
      null,
    );
    expect(res.status).toBe(200);
    expect((await verify(str(json.access_token), CLUSTER_URL)).aud).toBe(CLUSTER_URL);

    const helper = await fetchAutomationToken(idp.url, CLUSTER_URL, ca);
    expect(helper.expiresIn).toBe(TTL);
    expect((await verify(helper.accessToken, CLUSTER_URL)).azp).toBe(AUTOMATION_CLIENT_ID);
  });

  it('rejects a wrong secret with 401 invalid_client', async () => {
    const { res, json } = await token(
      { grant_type: 'client_credentials', client_id: AUTOMATION_CLIENT_ID, client_secret: 'nope', scope: `${CLUSTER_URL}/.default` },
      null,
    );
    expect(res.status).toBe(401);
    expect(json.error).toBe('invalid_client');
  });

  it('rejects an unknown resource and a missing one with invalid_target', async () => {
    const base = { grant_type: 'client_credentials', client_id: AUTOMATION_CLIENT_ID, client_secret: AUTOMATION_CLIENT_SECRET };
    const unknown = await token({ ...base, scope: 'https://evil.example/.default' }, null);
    expect(unknown.res.status).toBe(400);
    expect(unknown.json.error).toBe('invalid_target');
    const missing = await token(base, null);
    expect(missing.res.status).toBe(400);
    expect(missing.json.error).toBe('invalid_target');
    await expect(fetchAutomationToken(idp.url, 'https://evil.example', ca)).rejects.toThrow(/invalid_target/);
  });
});

describe('SPA: authorization code + PKCE like MSAL', () => {
  it('signs in through the login form and issues id, access and refresh tokens', async () => {
    const jar = new CookieJar();
    const { verifier, challenge } = pkce();
    const nonce = 'nonce-abc';
    const start = await browse(jar, authorizeUrl(challenge, nonce));
    expect(start.status).toBe(303);
    const interactionUrl = location(start);
    expect(interactionUrl).toMatch(new RegExp(`^${idp.url}/interaction/`));

    const form = await browse(jar, interactionUrl);
    expect(form.status).toBe(200);
    expect(form.headers['content-type']).toMatch(/text\/html/);
    expect(form.text).toMatch(/<label for="email">Email<\/label>\s*<input id="email" name="email"/);
    expect(form.text).toMatch(/<label for="password">Password<\/label>\s*<input id="password" name="password" type="password"/);
    expect(form.text).toMatch(/<button type="submit">Sign in<\/button>/);
    expect(form.text).not.toContain('role="alert"');
    const action = /<form method="post" action="([^"]+)"/.exec(form.text)?.[1] ?? '';

    const wrong = await browse(jar, action, { form: { email: user.email, password: 'wrong-password' } });
    expect(wrong.status).toBe(200);
    expect(wrong.text).toMatch(/<p role="alert">Incorrect email or password\.<\/p>/);
    expect(wrong.text).toContain(`value="${user.email}"`);

    const right = await browse(jar, action, { form: { email: user.email.toUpperCase(), password: user.password } });
    expect(right.status).toBe(303);
    // No consent screen: the SPA is first-party, so resuming goes straight back to the app.
    const callback = location(await browse(jar, location(right)));
    expect(callback.startsWith(REDIRECT_URI)).toBe(true);
    const response = fragmentParams(callback);
    expect(response.get('state')).toBe('state-1');
    expect(response.get('iss')).toBe(idp.url);
    const code = response.get('code') ?? '';

    const wrongVerifier = await token({
      client_id: SPA_CLIENT_ID,
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: pkce().verifier,
    });
    expect(wrongVerifier.json.error).toBe('invalid_grant');

    // PKCE is checked before the code is consumed: the right verifier still redeems it.
    const exchange = await token({
      client_id: SPA_CLIENT_ID,
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      scope: msalScope(CLUSTER_URL),
    });
    expect(exchange.res.status).toBe(200);
    expect(exchange.res.headers['access-control-allow-origin']).toBe(APP_URL);
    const { json } = exchange;
    expect(json).toMatchObject({ token_type: 'Bearer', expires_in: TTL, scope: `${CLUSTER_URL}/.default` });
    expect(typeof json.refresh_token).toBe('string');

    const idToken = await verify(str(json.id_token), SPA_CLIENT_ID);
    expect(idToken).toMatchObject({
      sub: user.oid,
      oid: user.oid,
      tid: LOCAL_TENANT_ID,
      name: user.name,
      preferred_username: user.email,
      nonce,
    });

    const accessToken = str(json.access_token);
    expect(decodeProtectedHeader(accessToken).typ).toBe('at+jwt');
    const at = await verify(accessToken, CLUSTER_URL);
    expect(at).toMatchObject({
      aud: CLUSTER_URL,
      scp: 'user_impersonation',
      scope: `${CLUSTER_URL}/.default`,
      oid: user.oid,
      tid: LOCAL_TENANT_ID,
      name: user.name,
      preferred_username: user.email,
      azp: SPA_CLIENT_ID,
      sub: user.oid,
    });
    expect(at.exp! - at.iat!).toBe(TTL);
  });

  it('refreshes for the same resource, refuses another resource with invalid_grant, and stops after revoke-all', async () => {
    const jar = new CookieJar();
    const { json } = await signIn(jar);
    const refresh = (refreshToken: string, resource: string) =>
      token({ client_id: SPA_CLIENT_ID, grant_type: 'refresh_token', refresh_token: refreshToken, scope: msalScope(resource) });

    const renewed = await refresh(str(json.refresh_token), CLUSTER_URL);
    expect(renewed.res.status).toBe(200);
    expect(renewed.res.headers['access-control-allow-origin']).toBe(APP_URL);
    expect(renewed.json.scope).toBe(`${CLUSTER_URL}/.default`);
    expect(await verify(str(renewed.json.access_token), CLUSTER_URL)).toMatchObject({ scp: 'user_impersonation' });
    expect(await verify(str(renewed.json.id_token), SPA_CLIENT_ID)).toMatchObject({ name: user.name, oid: user.oid });
    const latest = str(renewed.json.refresh_token);

    const other = await refresh(latest, OTHER_RESOURCE);
    expect(other.res.status).toBe(400);
    expect(other.json.error).toBe('invalid_grant');
    // MSAL can only read the error (and fall back to the iframe) if CORS allows it.
    expect(other.res.headers['access-control-allow-origin']).toBe(APP_URL);

    // The hidden-iframe renewal MSAL falls back to: prompt=none with the session cookie.
    const { challenge } = pkce();
    const silent = await browse(jar, authorizeUrl(challenge, 'n2', { prompt: 'none', scope: msalScope(OTHER_RESOURCE) }));
    expect(fragmentParams(location(silent)).get('code')).toBeTruthy();

    const revoked = await httpsRequest(`${idp.origin}/__test__/revoke-all`, { ca, method: 'POST' });
    expect(revoked.status).toBe(204);
    const afterRevoke = await refresh(latest, CLUSTER_URL);
    expect(afterRevoke.json.error).toBe('invalid_grant');
    const silentAfter = await browse(jar, authorizeUrl(pkce().challenge, 'n3', { prompt: 'none' }));
    expect(fragmentParams(location(silentAfter)).get('error')).toBe('login_required');
  });

  it('revokeAll() on the handle ends refresh too', async () => {
    const { json } = await signIn(new CookieJar());
    await idp.revokeAll();
    const after = await token({
      client_id: SPA_CLIENT_ID,
      grant_type: 'refresh_token',
      refresh_token: str(json.refresh_token),
      scope: msalScope(CLUSTER_URL),
    });
    expect(after.json.error).toBe('invalid_grant');
  });

  it('rejects the token request from an origin that is not the app', async () => {
    const { res, json } = await token(
      { client_id: SPA_CLIENT_ID, grant_type: 'refresh_token', refresh_token: 'x', scope: msalScope(CLUSTER_URL) },
      'https://evil.example',
    );
    expect(res.status).toBe(400);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(json.error).toBe('invalid_request');
  });

  it('signs out and returns to post_logout_redirect_uri when id_token_hint is given', async () => {
    const jar = new CookieJar();
    const { json } = await signIn(jar);
    const params = new URLSearchParams({
      id_token_hint: str(json.id_token),
      post_logout_redirect_uri: REDIRECT_URI,
      state: 'bye',
    });
    const page = await browse(jar, `${idp.url}/session/end?${params}`);
    expect(page.status).toBe(200);
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    expect(page.text).toContain('name="logout" value="yes"');
    const done = await browse(jar, action, { form: { xsrf, logout: 'yes' } });
    expect(done.status).toBe(303);
    expect(location(done)).toBe(`${REDIRECT_URI}?state=bye`);

    const after = await token({
      client_id: SPA_CLIENT_ID,
      grant_type: 'refresh_token',
      refresh_token: str(json.refresh_token),
      scope: msalScope(CLUSTER_URL),
    });
    expect(after.json.error).toBe('invalid_grant');
  });
});

describe('test switches', () => {
  const shortLived = {
    grant_type: 'client_credentials',
    client_id: AUTOMATION_CLIENT_ID,
    client_secret: AUTOMATION_CLIENT_SECRET,
    scope: `${CLUSTER_URL}/.default`,
    test_ttl_seconds: '2',
  };

  it('issues a client-credentials token with the lifetime a test asks for', async () => {
    const { json } = await token(shortLived, null);
    const claims = await verify(str(json.access_token), CLUSTER_URL);
    expect(claims.exp! - claims.iat!).toBe(2);
  });

  it('holds the sign-in page back for as long as a test asks, and refuses a delay it cannot mean', async () => {
    const setDelay = (ms: string) => httpsRequest(`${idp.origin}/__test__/sign-in-page-delay?ms=${ms}`, { ca, method: 'POST' });
    const signInPage = async () => {
      const jar = new CookieJar();
      const start = await browse(jar, authorizeUrl(pkce().challenge, randomBytes(8).toString('hex')));
      const began = performance.now();
      const page = await browse(jar, location(start));
      return { page, tookMs: performance.now() - began };
    };
    expect((await setDelay('-1')).status).toBe(400);
    expect((await setDelay('soon')).status).toBe(400);
    expect((await setDelay('600000')).status).toBe(400);
    try {
      expect((await setDelay('400')).status).toBe(204);
      const slow = await signInPage();
      expect(slow.page.status).toBe(200);
      expect(slow.page.text).toContain('name="password"');
      expect(slow.tookMs).toBeGreaterThanOrEqual(400);
    } finally {
      expect((await setDelay('0')).status).toBe(204);
    }
  });

  it('exposes no revoke or delay endpoint and ignores test_ttl_seconds unless testSwitches is on', async () => {
    const plain = await startIdentityProvider({ port: 0 });
    try {
      const res = await httpsRequest(`${plain.origin}/__test__/revoke-all`, { ca, method: 'POST' });
      expect(res.status).toBe(404);
      const delay = await httpsRequest(`${plain.origin}/__test__/sign-in-page-delay?ms=1000`, { ca, method: 'POST' });
      expect(delay.status).toBe(404);
      const issued = await httpsRequest(`${plain.url}/token`, {
        ca,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(shortLived).toString(),
      });
      const claims = decodeJwt(str((JSON.parse(issued.text) as Record<string, unknown>).access_token));
      expect(claims.exp! - claims.iat!).toBe(3600);
    } finally {
      await plain.close();
    }
  });
});
