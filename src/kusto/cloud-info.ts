/**
 * Which cloud a cluster lives in, from its `/v1/rest/auth/metadata` (no token needed): the
 * `AzureAD.LoginEndpoint` is the login host of that cloud, and the authority for a token is
 * `<LoginEndpoint>/<tenant>`. A cluster without the endpoint (404) is in the public cloud. Both
 * as the Kusto SDKs do it (Azure/azure-kusto-node packages/azure-kusto-data/src/cloudSettings.ts).
 */

import { kustoError } from './errors';
import { errorText } from '../lib/error-text';

export interface CloudInfo {
  /** `https://login.microsoftonline.com`: scheme and host, no trailing slash. */
  loginEndpoint: string;
  /** Whether the cluster asks for multi-factor sign-in (the metadata's LoginMfaRequired). */
  loginMfaRequired: boolean;
}

export const PUBLIC_CLOUD: CloudInfo = { loginEndpoint: 'https://login.microsoftonline.com', loginMfaRequired: false };

/** The national clouds' login hosts (the keys of AllowedEndpointsByLogin in the SDKs' wellKnownKustoEndpoints.json). */
const CLOUD_NAMES: Readonly<Record<string, string>> = {
  'login.microsoftonline.com': 'Azure (public cloud)',
  'login.microsoftonline.us': 'Azure US Government',
  'login.partner.microsoftonline.cn': 'Azure China (21Vianet)',
  'login.chinacloudapi.cn': 'Azure China (21Vianet)',
  'login.microsoftonline.eaglex.ic.gov': 'Azure US Government Secret',
  'login.microsoftonline.microsoft.scloud': 'Azure US Government Top Secret',
};

/** `https://Login.MicrosoftOnline.com/` → `https://login.microsoftonline.com`; null when it is no https URL. */
export function normalizeLoginEndpoint(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:') return null;
  return `https://${url.host.toLowerCase()}`;
}

/** The login host of an endpoint or an authority, the way MSAL names an account's `environment`. */
export function loginHost(endpointOrAuthority: string): string {
  // A bare host ("localhost:9443") would parse as a URL with the scheme "localhost:".
  if (!endpointOrAuthority.includes('://')) return endpointOrAuthority.toLowerCase();
  try {
    return new URL(endpointOrAuthority).host.toLowerCase();
  } catch {
    return endpointOrAuthority.toLowerCase();
  }
}

/** The login hosts of the clouds Kusto's trusted-endpoint lists cover. */
export const KNOWN_LOGIN_HOSTS: readonly string[] = Object.keys(CLOUD_NAMES);

/** A readable name for a cloud: "Azure US Government", or its login host when it is not a known one. */
export function cloudName(loginEndpoint: string): string {
  const host = loginHost(loginEndpoint);
  return CLOUD_NAMES[host] ?? host;
}

/** Whether two login endpoints (or an endpoint and an MSAL account environment) are the same cloud. */
export function sameCloud(a: string, b: string): boolean {
  return loginHost(a) === loginHost(b);
}

/** A tenant as a user types it: an Entra tenant id (GUID) or a domain name; null when it is neither. */
export function normalizeTenant(typed: string): string | null {
  const value = typed.trim().toLowerCase();
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value)) return value;
  if (/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(value)) return value;
  return null;
}

export function metadataUrl(clusterUrl: string): string {
  const url = new URL(clusterUrl);
  return `${url.protocol}//${url.host}/v1/rest/auth/metadata`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The metadata document's AzureAD part, or null when it has no usable login endpoint. */
export function parseCloudInfo(document: unknown): CloudInfo | null {
  const azureAd = isRecord(document) ? document['AzureAD'] : undefined;
  if (!isRecord(azureAd) || typeof azureAd['LoginEndpoint'] !== 'string') return null;
  const loginEndpoint = normalizeLoginEndpoint(azureAd['LoginEndpoint']);
  if (!loginEndpoint) return null;
  return { loginEndpoint, loginMfaRequired: azureAd['LoginMfaRequired'] === true };
}

/**
 * Reads a cluster's cloud. Rejects with a KustoError (`network`, `malformed-response`) the caller
 * shows: guessing the public cloud for a cluster that answered something else would send the
 * user to sign in at the wrong place.
 */
export async function fetchCloudInfo(clusterUrl: string, fetchImpl: typeof fetch = fetch): Promise<CloudInfo> {
  let response: Response;
  try {
    // No credentials, no redirects: the endpoint is anonymous and must answer itself.
    response = await fetchImpl(metadataUrl(clusterUrl), { method: 'GET', headers: { Accept: 'application/json' }, redirect: 'error', credentials: 'omit' });
  } catch (e) {
    throw kustoError('network', `Could not read the sign-in settings of ${clusterUrl}: ${errorText(e)}`);
  }
  if (response.status === 404) return PUBLIC_CLOUD;
  if (response.status !== 200) {
    throw kustoError('server', `${clusterUrl} answered ${response.status} for its sign-in settings (/v1/rest/auth/metadata).`, { httpStatus: response.status });
  }
  let info: CloudInfo | null = null;
  try {
    info = parseCloudInfo(await response.json());
  } catch {
    info = null;
  }
  if (!info) throw kustoError('malformed-response', `${clusterUrl} sent sign-in settings (/v1/rest/auth/metadata) without a usable AzureAD.LoginEndpoint.`);
  return info;
}

/** Remembered answers, by cluster origin; a failure is not remembered, so the next try asks again. */
export function createCloudInfoCache(fetcher: (clusterUrl: string) => Promise<CloudInfo>, initial: Readonly<Record<string, CloudInfo>> = {}) {
  const known = new Map<string, CloudInfo>(Object.entries(initial));
  const pending = new Map<string, Promise<CloudInfo>>();
  const keyOf = (clusterUrl: string) => new URL(clusterUrl).origin;
  return {
    get(clusterUrl: string): Promise<CloudInfo> {
      const key = keyOf(clusterUrl);
      const hit = known.get(key);
      if (hit) return Promise.resolve(hit);
      let inflight = pending.get(key);
      if (!inflight) {
        inflight = fetcher(clusterUrl).then(
          (info) => {
            known.set(key, info);
            pending.delete(key);
            return info;
          },
          (error: unknown) => {
            pending.delete(key);
            throw error;
          },
        );
        pending.set(key, inflight);
      }
      return inflight;
    },
    /** What is known so far, to persist across reloads. */
    snapshot(): Record<string, CloudInfo> {
      return Object.fromEntries(known);
    },
  };
}

export type CloudInfoCache = ReturnType<typeof createCloudInfoCache>;
