/**
 * One tenant of the local provider: an oidc-provider instance whose issuer is
 * `<origin>/<tenant id>`, like Entra's per-tenant authority `https://login.microsoftonline.com/<tid>`.
 * Every tenant shares one store and one set of cookie keys, so one browser session spans all of
 * them (Entra's session belongs to the login host, not to a tenant): an account signed in at its
 * home tenant gets tokens from a tenant where it is a guest without typing its password again.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import Provider, {
  errors,
  interactionPolicy,
  type Account,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
  type ResourceServer,
} from 'oidc-provider';
import { AUTOMATION_CLIENT_ID, AUTOMATION_CLIENT_SECRET, SPA_CLIENT_ID, type DemoUser, type LocalTenant } from '../stack';
import { clientInfo, membership, requestedAcrs, signInErrors, tenantClaims, userByAccountId } from './directory';
import type { MemoryStore } from './memory-store';
import { errorPage, logoutPage, signedOutPage } from './views';

/** Object id of the automation app, the `oid` of its client-credentials tokens (Entra: the service principal's id). */
export const AUTOMATION_OBJECT_ID = '3c0f9a57-7d21-4e8b-a6c4-5d1e2f3a4b03';

/** The delegated permission Entra puts in `scp` for Azure Data Explorer tokens. */
export const USER_IMPERSONATION = 'user_impersonation';

export const SPA_CLIENT_NAME = 'KQL Workbench';

const DEFAULT_SCOPE_SUFFIX = '/.default';
const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

export const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/** `https://host/.default` (and Entra's tolerated `https://host//.default`) → `https://host`. */
export function resourcesFromScope(scope: unknown): string[] {
  if (typeof scope !== 'string') return [];
  return scope
    .split(' ')
    .filter((s) => s.endsWith(DEFAULT_SCOPE_SUFFIX) && s.length > DEFAULT_SCOPE_SUFFIX.length)
    .map((s) => withoutTrailingSlash(s.slice(0, -DEFAULT_SCOPE_SUFFIX.length)));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function generateSigningKey(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

export interface TenantProviderOptions {
  tenant: LocalTenant;
  /** `<origin>/<tenant id>`. */
  issuer: string;
  issuerOf: (tenantId: string) => string;
  store: MemoryStore;
  cookieKeys: string[];
  accessTokenTtl: number;
  appOrigins: ReadonlySet<string>;
  resources: ReadonlySet<string>;
  testSwitches: boolean;
}

/** Why a silent request must become interactive; the interaction page reads these back. */
export const POLICY_REASONS = {
  notInTenant: 'not_in_tenant',
  otherAccount: 'login_hint_mismatch',
  stepUp: 'claims_step_up',
  appNotConsented: 'app_not_consented',
} as const;

function sessionUser(ctx: KoaContextWithOIDC): DemoUser | undefined {
  const accountId = ctx.oidc.session?.accountId;
  return accountId ? userByAccountId(accountId) : undefined;
}

function accountFor(user: DemoUser, tenant: LocalTenant, issuerOf: (tenantId: string) => string): Account | undefined {
  const claims = tenantClaims(user, tenant, issuerOf);
  if (!claims) return undefined;
  // login_hint: Entra's ID token claim MSAL sends back as login_hint to name the account.
  return { accountId: user.oid, claims: () => ({ sub: user.oid, ...claims, login_hint: user.email }) };
}

/**
 * The interaction policy: oidc-provider's login and consent prompts, plus the reasons Entra sends a
 * user back to its pages — an account the tenant does not know, a claims request for an
 * authentication context (step-up), a tenant that never consented to the app — each with the
 * AADSTS text Entra answers a silent (prompt=none) request with.
 */
function policyFor(tenant: LocalTenant): interactionPolicy.DefaultPolicy {
  const { Check, Prompt, base } = interactionPolicy;
  const policy = base();
  // prompt=select_account (MSAL's "switch account"): resolved by the account picker page.
  policy.add(new Prompt({ name: 'select_account', requestable: true }), 0);
  const login = policy.get('login');
  const consent = policy.get('consent');
  if (!login || !consent) throw new Error('oidc-provider has no login/consent prompt');
  const silent = signInErrors.notInTenantSilently;
  login.checks.add(
    new Check(POLICY_REASONS.notInTenant, silent.error_description, silent.error, (ctx) => {
      const user = sessionUser(ctx);
      if (!user || membership(user, tenant.id)) return Check.NO_NEED_TO_PROMPT;
      return ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  // MSAL names the account it wants in login_hint (the ID token's login_hint claim): a silent
  // request for another account than the session's must not quietly return the session's.
  login.checks.add(
    new Check(POLICY_REASONS.otherAccount, 'AADSTS50058: The signed-in account is not the one the request names.', 'login_required', (ctx) => {
      const hint = ctx.oidc.params?.login_hint;
      const user = sessionUser(ctx);
      if (typeof hint !== 'string' || !user || ctx.oidc.result?.login) return Check.NO_NEED_TO_PROMPT;
      return hint.toLowerCase() === user.email.toLowerCase() ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  login.checks.add(
    new Check(
      POLICY_REASONS.stepUp,
      'AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access this resource.',
      'interaction_required',
      (ctx) => (requestedAcrs(ctx.oidc.params?.claims).length > 0 && !ctx.oidc.result?.login ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT),
    ),
  );
  const consentError = signInErrors.consentRequiredSilently(SPA_CLIENT_ID, SPA_CLIENT_NAME);
  consent.checks.add(
    new Check(POLICY_REASONS.appNotConsented, consentError.error_description, consentError.error, (ctx) =>
      tenant.appConsent === 'admin-required' && ctx.oidc.client?.clientId === SPA_CLIENT_ID ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT,
    ),
    0,
  );
  return policy;
}

export function createTenantProvider(options: TenantProviderOptions): Provider {
  const { tenant, issuer, issuerOf, resources, appOrigins, accessTokenTtl, testSwitches } = options;

  const spaClient: ClientMetadata = {
    client_id: SPA_CLIENT_ID,
    client_name: SPA_CLIENT_NAME,
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
    adapter: options.store.adapterFor,
    clients: [spaClient, automationClient],
    jwks: { keys: [generateSigningKey()] },
    cookies: { keys: options.cookieKeys },
    findAccount: (_ctx, sub) => {
      const user = userByAccountId(sub);
      return user ? accountFor(user, tenant, issuerOf) : undefined;
    },
    responseTypes: ['code'],
    scopes: OIDC_SCOPES,
    claims: {
      openid: ['sub', 'oid', 'tid', 'idp'],
      profile: ['name', 'preferred_username', 'login_hint'],
      email: ['email'],
    },
    // MSAL sends Entra's `claims` request (`{"access_token":{…}}`), which oidc-provider's own
    // claimsParameter feature would reject (it knows only id_token/userinfo members).
    extraParams: ['claims'],
    interactions: {
      policy: policyFor(tenant),
      url: (_ctx, interaction) => `/${tenant.id}/interaction/${interaction.uid}`,
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
          // Entra keeps several accounts signed in at once and signs out only the one named by the
          // hint. The local session holds one account: signing out another leaves it alone.
          const hinted = ctx.oidc.entities.IdTokenHint?.payload.sub;
          const postLogout = ctx.oidc.params?.post_logout_redirect_uri;
          if (typeof hinted === 'string' && hinted !== ctx.oidc.session?.accountId && typeof postLogout === 'string') {
            const target = new URL(postLogout);
            if (typeof ctx.oidc.params?.state === 'string') target.searchParams.set('state', ctx.oidc.params.state);
            ctx.redirect(target.href);
            return;
          }
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
    clientBasedCORS: (_ctx, origin, client) => client.clientId === SPA_CLIENT_ID && appOrigins.has(origin),
    // oidc-provider issues refresh tokens only for `offline_access`, which it drops from the
    // authorization request unless prompt=consent; MSAL never sends prompt=consent.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Refresh tokens die with the session, so sign-out and revoke-all end silent renewal.
    expiresWithSession: () => true,
    // The SPA is first-party: grant whatever it asks for instead of showing a consent screen
    // (except in a tenant that never consented to it: the policy stops that request first).
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
      const oidcScopes = [...requested].filter((s) => OIDC_SCOPES.includes(s));
      grant.addOIDCScope(oidcScopes.join(' '));
      for (const resourceServer of Object.values(ctx.oidc.resourceServers ?? {})) {
        const scopes = [...requested].filter((s) => resourceServer.scopes.has(s));
        if (scopes.length > 0) grant.addResourceScope(resourceServer.identifier(), scopes.join(' '));
      }
      await grant.save();
      return grant;
    },
    extraTokenClaims: (ctx, token) => {
      const base = { tid: tenant.id, azp: token.clientId, appid: token.clientId };
      if (token.kind === 'ClientCredentials') {
        return { ...base, oid: AUTOMATION_OBJECT_ID, idtyp: 'app' };
      }
      const user = userByAccountId(token.accountId);
      const claims = user ? tenantClaims(user, tenant, issuerOf) : undefined;
      // The authentication context a claims challenge asked for (MSAL repeats `claims` at /token).
      const acrs = requestedAcrs(ctx.oidc.body?.claims);
      return {
        ...base,
        ...(claims ? { oid: claims.oid, name: claims.name, preferred_username: claims.preferred_username, ...(claims.idp ? { idp: claims.idp } : {}) } : {}),
        // Entra v1-style delegated permission claim; the cluster and the app read `scp`.
        ...(token.resourceServer ? { scp: USER_IMPERSONATION } : {}),
        ...(acrs.length > 0 ? { acrs } : {}),
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

  provider.use(async (ctx, next) => {
    await next();
    if (ctx.method !== 'POST' || !isRecord(ctx.body)) return;
    const oidc: unknown = (ctx as Partial<KoaContextWithOIDC>).oidc;
    const params = isRecord(oidc) && isRecord(oidc.params) ? oidc.params : undefined;
    // A refresh token is bound to the resource it was issued for. oidc-provider answers a refresh
    // for another resource with invalid_scope/invalid_target; MSAL only falls back to the hidden
    // iframe (which can then grant the new resource) on invalid_grant.
    const error = ctx.body.error;
    if (ctx.status === 400 && params?.grant_type === 'refresh_token' && (error === 'invalid_scope' || error === 'invalid_target')) {
      ctx.body = { error: 'invalid_grant', error_description: 'refresh token was issued for another resource' };
      return;
    }
    // A tenant that never consented issues no user token, not even from a refresh token another
    // tenant issued (the shared session's tokens are redeemable at every tenant's endpoint).
    if (ctx.status === 200 && tenant.appConsent === 'admin-required' && typeof ctx.body.id_token === 'string') {
      ctx.status = 400;
      ctx.body = signInErrors.consentRequiredSilently(SPA_CLIENT_ID, SPA_CLIENT_NAME);
      ctx.body = { ...ctx.body, error: 'invalid_grant' };
      return;
    }
    // Entra answers every user token request with client_info (the home account's uid/utid).
    const account = isRecord(oidc) ? oidc.account : undefined;
    const accountId = isRecord(account) && typeof account.accountId === 'string' ? account.accountId : undefined;
    const user = accountId ? userByAccountId(accountId) : undefined;
    if (ctx.status === 200 && user && typeof ctx.body.id_token === 'string') {
      ctx.body = { ...ctx.body, client_info: clientInfo(user) };
    }
  });

  return provider;
}
