import { httpsRequest } from '../../https-request';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';

export interface AuthOptions {
  /** Expected `iss`. Compared with and without a trailing slash (oidc-provider has none, Entra v1 has one). */
  issuer: string;
  /** Where to fetch signing keys; default: the `jwks_uri` of `${issuer}/.well-known/openid-configuration`. */
  jwksUri?: string;
  /** Keys given directly (tests). Wins over jwksUri. */
  keySet?: JSONWebKeySet;
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

export function createTokenValidator(options: AuthOptions, defaultAudience: () => string) {
  let keys: ReturnType<typeof createLocalJWKSet> | null = options.keySet ? createLocalJWKSet(options.keySet) : null;
  let fetchedAt = 0;
  let inflight: Promise<void> | null = null;
  const issuers = [options.issuer.replace(/\/$/, ''), options.issuer.replace(/\/$/, '') + '/'];
  const accepted = options.acceptedTyps.map((t) => t.toLowerCase().replace(/^application\//, ''));

  async function refresh(): Promise<void> {
    if (options.keySet) return;
    inflight ??= (async () => {
      try {
        let uri = options.jwksUri;
        if (!uri) {
          const discovery = await getJson(`${issuers[0]}/.well-known/openid-configuration`, options.ca);
          const found = (discovery as { jwks_uri?: unknown }).jwks_uri;
          if (typeof found !== 'string') throw new Error('discovery document has no jwks_uri');
          uri = found;
        }
        const jwks = await getJson(uri, options.ca);
        if (!isKeySet(jwks)) throw new Error(`${uri} is not a JWK set`);
        keys = createLocalJWKSet(jwks);
        fetchedAt = Date.now();
      } catch (e) {
        throw new KeysUnavailable(`cannot load signing keys for ${options.issuer}: ${e instanceof Error ? e.message : String(e)}`);
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

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
    if (!keys) await refresh();
    const audience = options.audience ?? defaultAudience();
    const audiences = [audience.replace(/\/$/, ''), audience.replace(/\/$/, '') + '/'];
    for (let attempt = 0; ; attempt++) {
      const keySet = keys;
      if (!keySet) throw new KeysUnavailable('no signing keys');
      try {
        const { payload, protectedHeader } = await jwtVerify(token, keySet, {
          issuer: issuers,
          audience: audiences,
          requiredClaims: ['exp'],
        });
        const typ = (protectedHeader.typ ?? '').toLowerCase().replace(/^application\//, '');
        if (!accepted.includes(typ)) throw new Unauthorized(`token typ '${protectedHeader.typ ?? ''}' is not accepted`);
        return payload;
      } catch (e) {
        // A key rotation at the provider shows up as an unknown kid: refetch once, rate-limited.
        const rotated = e instanceof joseErrors.JWKSNoMatchingKey && !options.keySet && Date.now() - fetchedAt > REFETCH_COOLDOWN_MS;
        if (attempt === 0 && rotated) {
          await refresh();
          continue;
        }
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
      return { id, name: str(payload.name), username, appId, tenantId, principal };
    },
  };
}

export type TokenValidator = ReturnType<typeof createTokenValidator>;
