/**
 * The local OpenID provider: one HTTPS origin serving every local tenant under its own path,
 * `https://localhost:9443/<tenant id or domain>/…`, the shape of Entra's per-tenant authorities
 * (`https://login.microsoftonline.com/<tenant>`). Each tenant is an oidc-provider instance
 * (tenant-provider.ts); this file routes requests to them and renders the sign-in pages.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Provider, { errors } from 'oidc-provider';
import { ensureDevCertificate, type DevCertificate } from '../certs';
import {
  APP_URL,
  CLUSTER_URL,
  IDENTITY_PORT,
  LOCAL_TENANT,
  LOCAL_TENANTS,
  OTHER_CLOUD_CLUSTER_URL,
  PARTNER_CLUSTER_URL,
  SPA_CLIENT_ID,
  type DemoUser,
  type LocalTenant,
} from '../stack';
import { findTenant, membership, signInErrors, userByAccountId, userByEmail, type SignInError } from './directory';
import { MemoryStore } from './memory-store';
import { createTenantProvider, POLICY_REASONS, SPA_CLIENT_NAME, withoutTrailingSlash } from './tenant-provider';
import { accountPickerPage, errorPage, loginPage } from './views';

export { AUTOMATION_OBJECT_ID, USER_IMPERSONATION, resourcesFromScope } from './tenant-provider';

export interface IdentityProviderOptions {
  /** Default IDENTITY_PORT. 0 picks a free port; the origin is then https://localhost:<port>. */
  port?: number;
  /** Interface to listen on. Default 'localhost'. */
  host?: string;
  /** Lifetime of access tokens (user and client-credentials). Default 3600. */
  accessTokenTtlSeconds?: number;
  /**
   * Enables POST /__test__/revoke-all, POST /__test__/sign-in-page-delay?ms=<n> and
   * test_ttl_seconds. Default false.
   */
  testSwitches?: boolean;
  /** Origins the SPA is served from; redirect URIs and CORS derive from them. Default [APP_URL]. */
  appOrigins?: readonly string[];
  /** Resource indicators (audiences) tokens may be issued for. Default: the local clusters. */
  resources?: readonly string[];
  /** TLS key and certificate. Default: the shared dev certificate. */
  tls?: DevCertificate;
  /** Default LOCAL_TENANTS; the first is the home tenant (`url`). */
  tenants?: readonly LocalTenant[];
}

export interface IdentityProvider {
  /** The home tenant's issuer and authority, e.g. https://localhost:9443/<tenant id> (no trailing slash). */
  url: string;
  /** Scheme, host and port, e.g. https://localhost:9443: Entra's login endpoint ("instance"). */
  origin: string;
  /** The issuer of a tenant: `<origin>/<tenant id>`. */
  issuer(tenantId: string): string;
  close(): Promise<void>;
  /** Forget every session, grant and token: silent renewal fails, the user must sign in again. */
  revokeAll(): Promise<void>;
}

/** The longest sign-in page delay a test may ask for: longer would only make a test slow. */
const MAX_SIGN_IN_PAGE_DELAY_MS = 10_000;

export const DEFAULT_RESOURCES: readonly string[] = [CLUSTER_URL, PARTNER_CLUSTER_URL, OTHER_CLOUD_CLUSTER_URL];

function readForm(req: IncomingMessage, limit = 16 * 1024): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('form too large'));
        req.destroy();
        return;
      }
      parts.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(parts).toString('utf8'))));
    req.on('error', reject);
  });
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(html);
}

/** `/<tenant>/rest?query` → the tenant and the path inside it. */
function splitTenantPath(url: string, tenants: readonly LocalTenant[]): { tenant: LocalTenant; rest: string } | undefined {
  const match = /^\/([^/?]+)(\/[^]*|\?[^]*)?$/.exec(url);
  const tenant = match?.[1] ? findTenant(decodeURIComponent(match[1]), tenants) : undefined;
  if (!tenant) return undefined;
  const rest = match?.[2] ?? '/';
  return { tenant, rest: rest.startsWith('?') ? `/${rest}` : rest };
}

export async function startIdentityProvider(options: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  const tls = options.tls ?? (await ensureDevCertificate());
  const tenants = options.tenants ?? LOCAL_TENANTS;
  const home = tenants[0] ?? LOCAL_TENANT;
  const appOrigins = new Set((options.appOrigins ?? [APP_URL]).map(withoutTrailingSlash));
  const resources = new Set((options.resources ?? DEFAULT_RESOURCES).map(withoutTrailingSlash));
  const testSwitches = options.testSwitches ?? false;
  const store = new MemoryStore();
  /**
   * How long the sign-in page takes to answer (test switch): Entra's often takes a second or more,
   * and until it answers the browser keeps the page that left for it running.
   */
  let signInPageDelayMs = 0;
  // One set of cookie keys for every tenant: the session cookie one tenant sets, the next reads.
  const cookieKeys = [randomBytes(32).toString('base64url')];

  // The issuer has to contain the real port, which is only known once listening (port 0 in tests).
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server = createServer({ key: tls.key, cert: tls.cert }, (req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? IDENTITY_PORT, options.host ?? 'localhost', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `https://localhost:${port}`;
  const issuerOf = (tenantId: string) => `${origin}/${tenantId}`;

  const providers = new Map<string, { provider: Provider; callback: ReturnType<Provider['callback']> }>();
  for (const tenant of tenants) {
    const provider = createTenantProvider({
      tenant,
      issuer: issuerOf(tenant.id),
      issuerOf,
      store,
      cookieKeys,
      accessTokenTtl: options.accessTokenTtlSeconds ?? 3600,
      appOrigins,
      resources,
      testSwitches,
    });
    providers.set(tenant.id, { provider, callback: provider.callback() });
    // Without this, an error in a tenant's pages would show oidc-provider's default HTML.
    provider.on('server_error', (_ctx, error) => console.error(`identity (${tenant.name}): server error`, error));
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, tenant: LocalTenant, provider: Provider, path: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const base = `/${tenant.id}/interaction/${details.uid}`;
    const loginAction = `${base}/login`;
    const pickAction = `${base}/select`;
    const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : '';
    const clientName = clientId === SPA_CLIENT_ID ? SPA_CLIENT_NAME : clientId;
    const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
    const sessionUser = details.session?.accountId ? userByAccountId(details.session.accountId) : undefined;
    const reasons = new Set(details.prompt.reasons);
    const stepUp = reasons.has(POLICY_REASONS.stepUp);
    const pendingAccountSelection = details.prompt.name === 'select_account';

    const fail = (error: SignInError) => provider.interactionFinished(req, res, { ...error }, { mergeWithLastSubmission: false });
    const showLogin = (fields: { email?: string; error?: string } = {}) =>
      sendHtml(
        res,
        200,
        loginPage({
          action: loginAction,
          clientName,
          tenantName: tenant.name,
          ...fields,
          ...(stepUp ? { notice: 'Your organization requires you to confirm your sign-in to access this resource.' } : {}),
        }),
      );
    /** Finishes the sign-in as `user`, or with the error Entra would give for them in this tenant. */
    const signInAs = (user: DemoUser) => {
      if (user.blockedByConditionalAccess) return fail(signInErrors.blockedByConditionalAccess());
      if (!membership(user, tenant.id)) return fail(signInErrors.notInTenant(user, tenant, issuerOf(user.homeTenantId), clientId, clientName));
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.oid, remember: true }, ...(pendingAccountSelection ? { select_account: {} } : {}) },
        { mergeWithLastSubmission: false },
      );
    };

    if (req.method === 'GET' && path === base) {
      if (signInPageDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, signInPageDelayMs));
      if (details.prompt.name === 'consent') {
        if (reasons.has(POLICY_REASONS.appNotConsented)) return fail(signInErrors.adminConsentRequired(clientName));
        // Only an explicit prompt=consent gets here (loadExistingGrant covers the scopes): accept it.
        return provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
      }
      if (pendingAccountSelection && sessionUser) {
        return sendHtml(res, 200, accountPickerPage({ action: pickAction, clientName, tenantName: tenant.name, account: sessionUser }));
      }
      // The browser's account is not in this tenant and the app asked for that very account.
      if (reasons.has(POLICY_REASONS.notInTenant) && sessionUser && (!hint || hint.toLowerCase() === sessionUser.email.toLowerCase())) {
        return signInAs(sessionUser);
      }
      return showLogin({ email: hint ?? (stepUp ? sessionUser?.email : undefined) });
    }

    if (req.method === 'POST' && path === pickAction && pendingAccountSelection) {
      const form = await readForm(req);
      if (form.get('choice') === 'current' && sessionUser) return signInAs(sessionUser);
      return showLogin();
    }

    if (req.method === 'POST' && path === loginAction && (details.prompt.name === 'login' || pendingAccountSelection)) {
      const form = await readForm(req);
      const email = (form.get('email') ?? '').trim();
      const user = userByEmail(email);
      if (!user || user.password !== (form.get('password') ?? '')) {
        return showLogin({ email, error: 'Incorrect email or password.' });
      }
      return signInAs(user);
    }

    sendHtml(res, 404, errorPage({ error: 'not_found', error_description: `${req.method ?? ''} ${path}` }));
  }

  async function revokeAll(): Promise<void> {
    store.clear();
  }

  handle = (req, res) => {
    const url = req.url ?? '/';
    const path = new URL(url, origin).pathname;
    if (testSwitches && path === '/__test__/revoke-all' && req.method === 'POST') {
      void revokeAll().then(() => {
        res.statusCode = 204;
        res.end();
      });
      return;
    }
    if (testSwitches && path === '/__test__/sign-in-page-delay' && req.method === 'POST') {
      const ms = Number(new URL(url, origin).searchParams.get('ms'));
      if (!Number.isInteger(ms) || ms < 0 || ms > MAX_SIGN_IN_PAGE_DELAY_MS) {
        res.statusCode = 400;
        res.end(`ms: a whole number of milliseconds from 0 to ${MAX_SIGN_IN_PAGE_DELAY_MS}`);
        return;
      }
      signInPageDelayMs = ms;
      res.statusCode = 204;
      res.end();
      return;
    }
    const routed = splitTenantPath(url, tenants);
    const mounted = routed && providers.get(routed.tenant.id);
    if (!routed || !mounted) {
      sendHtml(res, 404, errorPage({ error: 'not_found', error_description: `No tenant at ${path}. Tenants: ${tenants.map((t) => `/${t.id} (${t.domain})`).join(', ')}` }));
      return;
    }
    const { tenant, rest } = routed;
    const innerPath = new URL(rest, origin).pathname;
    if (innerPath.startsWith('/interaction/')) {
      interaction(req, res, tenant, mounted.provider, `/${tenant.id}${innerPath}`).catch((error: unknown) => {
        // SessionNotFound etc.: an expired or foreign interaction cookie.
        const out = error instanceof errors.OIDCProviderError
          ? { error: error.error, error_description: error.error_description ?? '' }
          : { error: 'server_error', error_description: error instanceof Error ? error.message : String(error) };
        if (!(error instanceof errors.OIDCProviderError)) console.error('identity: interaction failed', error);
        if (!res.headersSent) sendHtml(res, error instanceof errors.OIDCProviderError ? 400 : 500, errorPage(out));
        else res.end();
      });
      return;
    }
    // Mounted like Express would mount it: oidc-provider derives its endpoint URLs from the part of
    // originalUrl before url. A domain in the path resolves to the tenant id, as Entra's metadata
    // for `<domain>` names the tenant's id in its issuer and endpoints.
    const mutable = req as IncomingMessage & { originalUrl?: string };
    mutable.originalUrl = `/${tenant.id}${rest}`;
    req.url = rest;
    void mounted.callback(req, res);
  };

  return {
    url: issuerOf(home.id),
    origin,
    issuer: issuerOf,
    revokeAll,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
