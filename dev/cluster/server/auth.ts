import { httpsRequest } from '../../https-request';
import { createLocalJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

/** A token issuer the cluster accepts, and where its signing keys are. */
export interface TrustedIssuer {
  /** Expected `iss`. Compared with and without a trailing slash (oidc-provider has none, Entra v1 has one). */
  issuer: string;
  /** Where to fetch signing keys; default: the `jwks_uri` of `${issuer}/.well-known/openid-configuration`. */
  jwksUri?: string;
  /** Keys given directly (tests). Wins over jwksUri. */
  keySet?: JSONWebKeySet;
}

export interface AuthOptions extends TrustedIssuer {
  /**
   * More tenants whose tokens are accepted: the cluster's `trustedExternalTenants`
   * (learn.microsoft.com/azure/data-explorer/cross-tenant-query-and-commands). Which databases
   * their principals may read is the cluster's `access.readers`.
   */
  trustedIssuers?: readonly TrustedIssuer[];
  /** Expected `aud`; default: the cluster's own URL. */
  audience?: string;
  /**
   * Accepted JOSE `typ` values: oidc-provider issues `at+jwt` (RFC 9068), Entra `JWT`.
   * Compared case-insensitively, with or without the `application/` prefix.
   */
  acceptedTyps: string[];
  /** CA to trust when fetching discovery/JWKS over HTTPS (the local provider's self-signed cert). */
  ca?: string;
}

/** Who called: kept for `.show queries` and cancel ownership. */
export interface Caller {
  /** Stable identity used for ownership: `oid`, else `sub`. */
  id: string;
  name: string | undefined;
  username: string | undefined;
  appId: string | undefined;
  tenantId: string | undefined;
  /** The `iss` the token was verified against. */
  issuer: string;
  /** Conditional Access authentication contexts the token satisfies (`acrs`). */
  acrs: string[];
  /** Kusto's principal notation: aaduser=<oid>;<tid> or aadapp=<appid>;<tid>. */
  principal: string;
}

export class Unauthorized extends Error {}
export class KeysUnavailable extends Error {}

async function getJson(url: string, ca: string | undefined): Promise<unknown> {
  const res = await httpsRequest(url, { ca, headers: { accept: 'application/json' } });
  if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}`);
  return JSON.parse(res.text) as unknown;
}

function isKeySet(value: unknown): value is JSONWebKeySet {
  return typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys);
}

const REFETCH_COOLDOWN_MS = 10_000;
const VERIFIED_CACHE_SIZE = 1000;

const withoutSlash = (issuer: string) => issuer.replace(/\/$/, '');

/** Signing keys of one issuer: fetched on first use, refetched once on an unknown `kid`. */
function issuerKeys(trusted: TrustedIssuer, ca: string | undefined) {
  let keys: ReturnType<typeof createLocalJWKSet> | null = trusted.keySet ? createLocalJWKSet(trusted.keySet) : null;
  let fetchedAt = 0;
  let inflight: Promise<void> | null = null;
  const issuer = withoutSlash(trusted.issuer);

  async function refresh(): Promise<void> {
    if (trusted.keySet) return;
    inflight ??= (async () => {
      try {
        let uri = trusted.jwksUri;
        if (!uri) {
          const discovery = await getJson(`${issuer}/.well-known/openid-configuration`, ca);
          const found = (discovery as { jwks_uri?: unknown }).jwks_uri;
          if (typeof found !== 'string') throw new Error('discovery document has no jwks_uri');
          uri = found;
        }
        const jwks = await getJson(uri, ca);
        if (!isKeySet(jwks)) throw new Error(`${uri} is not a JWK set`);
        keys = createLocalJWKSet(jwks);
        fetchedAt = Date.now();
      } catch (e) {
        throw new KeysUnavailable(`cannot load signing keys for ${trusted.issuer}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  return {
    issuers: [issuer, `${issuer}/`],
    async current() {
      if (!keys) await refresh();
      if (!keys) throw new KeysUnavailable('no signing keys');
      return keys;
    },
    /** A key rotation at the provider shows up as an unknown kid: refetch, rate-limited. */
    async refreshAfterUnknownKid(): Promise<boolean> {
      if (trusted.keySet || Date.now() - fetchedAt <= REFETCH_COOLDOWN_MS) return false;
      await refresh();
      return true;
    },
  };
}

export function createTokenValidator(options: AuthOptions, defaultAudience: () => string) {
  const byIssuer = new Map<string, ReturnType<typeof issuerKeys>>();
  for (const trusted of [options, ...(options.trustedIssuers ?? [])]) {
    const keys = issuerKeys(trusted, options.ca);
    for (const iss of keys.issuers) byIssuer.set(iss, keys);
  }
  const accepted = options.acceptedTyps.map((t) => t.toLowerCase().replace(/^application\//, ''));

  // A client sends the same token on every request until it expires; a signature check is
  // ~1 ms of CPU on the request path. Only tokens that passed every check are kept, and only
  // until their own exp, so the cache accepts nothing the full check would refuse then.
  const verified = new Map<string, JWTPayload & { exp: number }>();
  const cached = (token: string): JWTPayload | null => {
    const hit = verified.get(token);
    if (!hit) return null;
    if (hit.exp * 1000 > Date.now()) return hit;
    verified.delete(token);
    return null;
  };

  async function verify(token: string): Promise<JWTPayload> {
    const hit = cached(token);
    if (hit) return hit;
    const payload = await verifyFully(token);
    if (typeof payload.exp === 'number') {
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.clear();
      verified.set(token, { ...payload, exp: payload.exp });
    }
    return payload;
  }

  async function verifyFully(token: string): Promise<JWTPayload> {
    // The unverified `iss` only picks which keys to check the signature with; jwtVerify then
    // checks `iss` against that issuer again, so a token cannot borrow another tenant's trust.
    let claimedIssuer: unknown;
    try {
      claimedIssuer = decodeJwt(token).iss;
    } catch (e) {
      throw new Unauthorized(e instanceof Error ? e.message : String(e));
    }
    const keys = typeof claimedIssuer === 'string' ? byIssuer.get(claimedIssuer) : undefined;
    if (!keys) throw new Unauthorized(`tokens from issuer '${String(claimedIssuer)}' are not accepted by this cluster`);
    const audience = options.audience ?? defaultAudience();
    const audiences = [audience.replace(/\/$/, ''), audience.replace(/\/$/, '') + '/'];
    for (let attempt = 0; ; attempt++) {
      const keySet = await keys.current();
      try {
        const { payload, protectedHeader } = await jwtVerify(token, keySet, {
          issuer: keys.issuers,
          audience: audiences,
          requiredClaims: ['exp'],
        });
        const typ = (protectedHeader.typ ?? '').toLowerCase().replace(/^application\//, '');
        if (!accepted.includes(typ)) throw new Unauthorized(`token typ '${protectedHeader.typ ?? ''}' is not accepted`);
        return payload;
      } catch (e) {
        if (attempt === 0 && e instanceof joseErrors.JWKSNoMatchingKey && (await keys.refreshAfterUnknownKid())) continue;
        if (e instanceof Unauthorized) throw e;
        throw new Unauthorized(e instanceof Error ? e.message : String(e));
      }
    }
  }

  return {
    /** Resolves the caller or throws Unauthorized (→ 401, no body) / KeysUnavailable (→ 503). */
    async authenticate(authorization: string | undefined): Promise<Caller> {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match?.[1]) throw new Unauthorized('no bearer token');
      const payload = await verify(match[1]);
      const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
      const oid = str(payload.oid);
      const appId = str(payload.azp) ?? str(payload.appid) ?? str(payload.client_id);
      const tenantId = str(payload.tid);
      const id = oid ?? str(payload.sub) ?? appId ?? 'unknown';
      const username = str(payload.preferred_username) ?? str(payload.upn);
      const principal = oid && username ? `aaduser=${oid};${tenantId ?? ''}` : `aadapp=${appId ?? id};${tenantId ?? ''}`;
      const acrs = Array.isArray(payload.acrs) ? payload.acrs.filter((v): v is string => typeof v === 'string') : [];
      return { id, name: str(payload.name), username, appId, tenantId, issuer: String(payload.iss), acrs, principal };
    },
  };
}

export type TokenValidator = ReturnType<typeof createTokenValidator>;
