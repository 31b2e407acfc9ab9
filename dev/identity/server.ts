import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import Provider, {
  errors,
  type Account,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
  type ResourceServer,
} from 'oidc-provider';
import { ensureDevCertificate, type DevCertificate } from '../certs';
import {
  APP_URL,
  AUTOMATION_CLIENT_ID,
  AUTOMATION_CLIENT_SECRET,
  CLUSTER_URL,
  DEMO_USERS,
  IDENTITY_PORT,
  LOCAL_TENANT_ID,
  SPA_CLIENT_ID,
  type DemoUser,
} from '../stack';
import { MemoryStore } from './memory-store';
import { errorPage, loginPage, logoutPage, signedOutPage } from './views';

export interface IdentityProviderOptions {
  /** Default IDENTITY_PORT. 0 picks a free port; the issuer is then https://localhost:<port>. */
  port?: number;
  /** Interface to listen on. Default 'localhost'. */
  host?: string;
  /** Lifetime of access tokens (user and client-credentials). Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Enables POST /__test__/revoke-all. Default false. */
  testSwitches?: boolean;
  /** Origins the SPA is served from; redirect URIs and CORS derive from them. Default [APP_URL]. */
  appOrigins?: readonly string[];
  /** Resource indicators (audiences) tokens may be issued for. Default [CLUSTER_URL]. */
  resources?: readonly string[];
  /** TLS key and certificate. Default: the shared dev certificate. */
  tls?: DevCertificate;
}

export interface IdentityProvider {
  /** The issuer, e.g. https://localhost:9443 (no trailing slash). */
  url: string;
  close(): Promise<void>;
  /** Forget every session, grant and token: silent renewal fails, the user must sign in again. */
  revokeAll(): Promise<void>;
}

/** Object id of the automation app, the `oid` of its client-credentials tokens (Entra: the service principal's id). */
export const AUTOMATION_OBJECT_ID = '3c0f9a57-7d21-4e8b-a6c4-5d1e2f3a4b03';

/** The delegated permission Entra puts in `scp` for Azure Data Explorer tokens. */
export const USER_IMPERSONATION = 'user_impersonation';

const DEFAULT_SCOPE_SUFFIX = '/.default';

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/** `https://host/.default` (and Entra's tolerated `https://host//.default`) → `https://host`. */
export function resourcesFromScope(scope: unknown): string[] {
  if (typeof scope !== 'string') return [];
  return scope
    .split(' ')
    .filter((s) => s.endsWith(DEFAULT_SCOPE_SUFFIX) && s.length > DEFAULT_SCOPE_SUFFIX.length)
    .map((s) => withoutTrailingSlash(s.slice(0, -DEFAULT_SCOPE_SUFFIX.length)));
}

function findUser(accountId: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.oid === accountId);
}

function accountFor(user: DemoUser): Account {
  return {
    accountId: user.oid,
    claims: () => ({
      sub: user.oid,
      oid: user.oid,
      tid: LOCAL_TENANT_ID,
      name: user.name,
      preferred_username: user.email,
      email: user.email,
    }),
  };
}

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function generateSigningKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

export async function startIdentityProvider(options: IdentityProviderOptions = {}): Promise<IdentityProvider> {
  const tls = options.tls ?? (await ensureDevCertificate());
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 3600;
  const appOrigins = new Set((options.appOrigins ?? [APP_URL]).map(withoutTrailingSlash));
  const resources = new Set((options.resources ?? [CLUSTER_URL]).map(withoutTrailingSlash));
  const testSwitches = options.testSwitches ?? false;
  const store = new MemoryStore();

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
  const issuer = `https://localhost:${port}`;

  const spaClient: ClientMetadata = {
    client_id: SPA_CLIENT_ID,
    client_name: 'KQL Workbench',
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [...appOrigins].flatMap((origin) => [`${origin}/`, `${origin}/redirect.html`]),
    post_logout_redirect_uris: [...appOrigins].map((origin) => `${origin}/`),
  };
  const automationClient: ClientMetadata = {
    client_id: AUTOMATION_CLIENT_ID,
    client_name: 'Local automation',
    client_secret: AUTOMATION_CLIENT_SECRET,
    // Entra's client-credentials examples put the secret in the form body.
    token_endpoint_auth_method: 'client_secret_post',
    grant_types: ['client_credentials'],
    response_types: [],
    redirect_uris: [],
  };

  // Test-only: a token request may ask for a short lifetime, so specs can watch a real token expire.
  const testTokenTtl = (requested: unknown): number | undefined => {
    const seconds = typeof requested === 'string' ? Number(requested) : NaN;
    return testSwitches && Number.isInteger(seconds) && seconds > 0 ? seconds : undefined;
  };

  const configuration: Configuration = {
    adapter: store.adapterFor,
    clients: [spaClient, automationClient],
    jwks: { keys: [generateSigningKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_ctx, sub) => {
      const user = findUser(sub);
      return user ? accountFor(user) : undefined;
    },
    responseTypes: ['code'],
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims: {
      openid: ['sub', 'oid', 'tid'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    // MSAL builds its account from the ID token alone (name, preferred_username, oid, tid).
    // oidc-provider would otherwise move profile claims to userinfo whenever an access token is issued.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = signedOutPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        // MSAL never sends `resource`: like Entra v2 it names the API as the scope `<resource>/.default`.
        defaultResource: (ctx, client, oneOf) => {
          const fromScope = resourcesFromScope(ctx.oidc.params?.scope);
          if (oneOf) return fromScope.find((r) => oneOf.includes(r)) ?? oneOf;
          if (fromScope.length === 0 && client.clientId === AUTOMATION_CLIENT_ID) {
            throw new errors.InvalidTarget(`request scope=<resource>${DEFAULT_SCOPE_SUFFIX} or resource=<resource>`);
          }
          if (fromScope.length === 0) return undefined;
          return fromScope.length === 1 ? fromScope[0] : fromScope;
        },
        getResourceServerInfo: (_ctx, indicator): ResourceServer => {
          const resource = withoutTrailingSlash(indicator);
          if (!resources.has(resource)) {
            throw new errors.InvalidTarget(`no tokens are issued for ${indicator}`);
          }
          return {
            scope: `${resource}${DEFAULT_SCOPE_SUFFIX}`,
            audience: resource,
            accessTokenFormat: 'jwt',
            accessTokenTTL: accessTokenTtl,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
        // The code and refresh token remember their resource; MSAL does not repeat it at /token.
        useGrantedResource: () => true,
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, origin, client) => client.clientId === SPA_CLIENT_ID && appOrigins.has(origin),
    // oidc-provider issues refresh tokens only for `offline_access`, which it drops from the
    // authorization request unless prompt=consent; MSAL never sends prompt=consent.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Refresh tokens die with the session, so sign-out and revoke-all end silent renewal.
    expiresWithSession: () => true,
    // The SPA is first-party: grant whatever it asks for instead of showing a consent screen.
    loadExistingGrant: async (ctx) => {
      const { client, session, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      let grant = grantId ? await provider.Grant.find(grantId) : undefined;
      if (client.clientId !== SPA_CLIENT_ID) return grant;
      if (!grant || grant.accountId !== session.accountId) {
        grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      }
      const requested = new Set(ctx.oidc.requestParamScopes);
      // MSAL repeats `offline_access` in every refresh request and oidc-provider rejects a refresh
      // asking for a scope its token lacks; the authorization step had already dropped it (see
      // issueRefreshToken), so put it back into the request and the grant.
      if (!requested.has('offline_access') && ctx.oidc.params) {
        requested.add('offline_access');
        ctx.oidc.params.scope = [...requested].join(' ');
      }
      const oidcScopes = [...requested].filter((s) => ['openid', 'profile', 'email', 'offline_access'].includes(s));
      grant.addOIDCScope(oidcScopes.join(' '));
      for (const resourceServer of Object.values(ctx.oidc.resourceServers ?? {})) {
        const scopes = [...requested].filter((s) => resourceServer.scopes.has(s));
        if (scopes.length > 0) grant.addResourceScope(resourceServer.identifier(), scopes.join(' '));
      }
      await grant.save();
      return grant;
    },
    extraTokenClaims: (_ctx, token) => {
      const base = { tid: LOCAL_TENANT_ID, azp: token.clientId, appid: token.clientId };
      if (token.kind === 'ClientCredentials') {
        return { ...base, oid: AUTOMATION_OBJECT_ID, idtyp: 'app' };
      }
      const user = findUser(token.accountId);
      return {
        ...base,
        oid: user?.oid ?? token.accountId,
        name: user?.name,
        preferred_username: user?.email,
        // Entra v1-style delegated permission claim; the cluster and the app read `scp`.
        ...(token.resourceServer ? { scp: USER_IMPERSONATION } : {}),
      };
    },
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: (ctx) => testTokenTtl(ctx.oidc.body?.test_ttl_seconds) ?? accessTokenTtl,
      IdToken: 3600,
      AuthorizationCode: 60,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
      RefreshToken: 24 * 3600,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage({ ...out });
    },
  };

  const provider = new Provider(issuer, configuration);

  // A refresh token is bound to the resource it was issued for. oidc-provider answers a refresh
  // for another resource with invalid_scope/invalid_target; MSAL only falls back to the hidden
  // iframe (which can then grant the new resource) on invalid_grant.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.method !== 'POST' || ctx.status !== 400 || !isRecord(ctx.body)) return;
    const oidc: unknown = (ctx as Partial<KoaContextWithOIDC>).oidc;
    const params = isRecord(oidc) && isRecord(oidc.params) ? oidc.params : undefined;
    const error = ctx.body.error;
    if (params?.grant_type === 'refresh_token' && (error === 'invalid_scope' || error === 'invalid_target')) {
      ctx.body = { error: 'invalid_grant', error_description: 'refresh token was issued for another resource' };
    }
  });

  const providerCallback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const action = `/interaction/${details.uid}/login`;
    const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : '';
    const clientName = clientId === SPA_CLIENT_ID ? 'KQL Workbench' : clientId;

    if (req.method === 'GET' && path === `/interaction/${details.uid}`) {
      if (details.prompt.name === 'login') {
        const hint = typeof details.params.login_hint === 'string' ? details.params.login_hint : undefined;
        sendHtml(res, 200, loginPage({ action, clientName, ...(hint ? { email: hint } : {}) }));
        return;
      }
      // Only an explicit prompt=consent gets here (loadExistingGrant covers the scopes): accept it.
      await provider.interactionFinished(req, res, { consent: {} }, { mergeWithLastSubmission: true });
      return;
    }

    if (req.method === 'POST' && path === action && details.prompt.name === 'login') {
      const form = await readForm(req);
      const email = (form.get('email') ?? '').trim();
      const password = form.get('password') ?? '';
      const user = DEMO_USERS.find((u) => u.email.toLowerCase() === email.toLowerCase() && u.password === password);
      if (!user) {
        sendHtml(res, 200, loginPage({ action, clientName, email, error: 'Incorrect email or password.' }));
        return;
      }
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.oid, remember: true } },
        { mergeWithLastSubmission: false },
      );
      return;
    }

    sendHtml(res, 404, errorPage({ error: 'not_found', error_description: `${req.method ?? ''} ${path}` }));
  }

  async function revokeAll(): Promise<void> {
    store.clear();
  }

  handle = (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path.startsWith('/interaction/')) {
      interaction(req, res, path).catch((error: unknown) => {
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
    if (testSwitches && path === '/__test__/revoke-all' && req.method === 'POST') {
      void revokeAll().then(() => {
        res.statusCode = 204;
        res.end();
      });
      return;
    }
    void providerCallback(req, res);
  };

  return {
    url: issuer,
    revokeAll,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
