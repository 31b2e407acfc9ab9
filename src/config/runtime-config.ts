/**
 * Runtime configuration, fetched from /config.json at start so one build serves any tenant and
 * any clusters. Validated by hand: a deployment with a typo gets a screen that names the field,
 * not a blank page or a sign-in loop.
 */

import { normalizeTenant } from '../kusto/cloud-info';
import { normalizeClusterUrl } from '../kusto/cluster-url';
import { isTrustedKustoHost } from '../kusto/trusted-hosts';
import { errorText } from '../lib/error-text';

export type ProtocolMode = 'AAD' | 'OIDC';

export interface AuthConfig {
  clientId: string;
  /** e.g. https://login.microsoftonline.com/<tenant>, or the local provider. */
  authority: string;
  /** Hosts MSAL may treat as authorities without Entra instance discovery (needed for non-Entra providers). */
  knownAuthorities: string[];
  protocolMode: ProtocolMode;
  /** Pre-fills the sign-in page (MSAL `loginHint`); a `login_hint` URL parameter wins over it. */
  loginHint?: string;
}

export interface ClusterConfig {
  /** Normalized: https://host[:port], no trailing slash. Also the token audience. */
  url: string;
  defaultDatabase: string;
  /** Databases to offer before the schema is loaded; defaults to [defaultDatabase]. */
  databases: string[];
  /** The tenant (id or domain) whose tokens the cluster takes; default: the tenant of `auth.authority`. */
  tenant?: string;
  /**
   * Pins the cluster's authority (cloud and tenant), e.g. "https://login.microsoftonline.us/<tenant>":
   * its `/v1/rest/auth/metadata` is then not asked.
   */
  authority?: string;
}

export interface RuntimeConfig {
  auth: AuthConfig;
  clusters: [ClusterConfig, ...ClusterConfig[]];
  /** Extra hosts a token may be sent to: exact names or `*.suffix` (the web UI's syntax). */
  trustedHosts: string[];
}

export type ConfigResult = { ok: true; config: RuntimeConfig } | { ok: false; problems: string[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

export function parseRuntimeConfig(value: unknown): ConfigResult {
  const problems: string[] = [];
  if (!isRecord(value)) return { ok: false, problems: ['config.json must be a JSON object with "auth" and "clusters".'] };

  const auth = value['auth'];
  let authConfig: AuthConfig | null = null;
  if (!isRecord(auth)) {
    problems.push('"auth" must be an object with clientId, authority, knownAuthorities and protocolMode.');
  } else {
    const { clientId, authority, knownAuthorities = [], protocolMode = 'AAD', loginHint } = auth;
    if (!nonEmptyString(clientId)) problems.push('"auth.clientId" must be a non-empty string (the app registration\'s client id).');
    if (!nonEmptyString(authority) || !/^https:\/\/[^/]+/.test(authority)) {
      problems.push('"auth.authority" must be an https URL, e.g. "https://login.microsoftonline.com/<tenant>".');
    }
    if (!isStringArray(knownAuthorities)) problems.push('"auth.knownAuthorities" must be a list of host names.');
    if (protocolMode !== 'AAD' && protocolMode !== 'OIDC') problems.push('"auth.protocolMode" must be "AAD" or "OIDC".');
    if (loginHint !== undefined && !nonEmptyString(loginHint)) problems.push('"auth.loginHint" must be a non-empty string (an email or UPN) when given.');
    if (problems.length === 0 && nonEmptyString(clientId) && nonEmptyString(authority) && isStringArray(knownAuthorities)) {
      authConfig = { clientId, authority, knownAuthorities, protocolMode: protocolMode as ProtocolMode, ...(nonEmptyString(loginHint) ? { loginHint } : {}) };
    }
  }

  const trustedHosts = value['trustedHosts'] ?? [];
  if (!isStringArray(trustedHosts)) problems.push('"trustedHosts" must be a list of host names or "*.suffix" rules.');
  const extraHosts = isStringArray(trustedHosts) ? trustedHosts : [];

  const clusters: ClusterConfig[] = [];
  const rawClusters = value['clusters'];
  if (!Array.isArray(rawClusters) || rawClusters.length === 0) {
    problems.push('"clusters" must be a non-empty list of { "url", "defaultDatabase" }.');
  } else {
    rawClusters.forEach((c, i) => {
      if (!isRecord(c) || typeof c['url'] !== 'string') {
        problems.push(`"clusters[${i}].url" must be a string.`);
        return;
      }
      const normalized = normalizeClusterUrl(c['url']);
      if (!normalized.ok) {
        problems.push(`"clusters[${i}].url": ${normalized.message}`);
        return;
      }
      if (!isTrustedKustoHost(normalized.url, extraHosts)) {
        problems.push(`"clusters[${i}].url" (${normalized.url}) is not a known Kusto host; add it to "trustedHosts" if you trust it.`);
        return;
      }
      if (!nonEmptyString(c['defaultDatabase'])) {
        problems.push(`"clusters[${i}].defaultDatabase" must be a non-empty string.`);
        return;
      }
      const databases = c['databases'] ?? [c['defaultDatabase']];
      if (!isStringArray(databases)) {
        problems.push(`"clusters[${i}].databases" must be a list of database names.`);
        return;
      }
      const withDefault = databases.includes(c['defaultDatabase']) ? databases : [c['defaultDatabase'], ...databases];
      const tenant = c['tenant'] === undefined ? undefined : typeof c['tenant'] === 'string' ? normalizeTenant(c['tenant']) : null;
      if (tenant === null) {
        problems.push(`"clusters[${i}].tenant" must be a tenant id (GUID) or a domain like "contoso.com".`);
        return;
      }
      const pinned = c['authority'];
      if (pinned !== undefined && (typeof pinned !== 'string' || !/^https:\/\/[^/]+\/[^/]+/.test(pinned))) {
        problems.push(`"clusters[${i}].authority" must be an https URL with a tenant, e.g. "https://login.microsoftonline.us/<tenant>".`);
        return;
      }
      clusters.push({
        url: normalized.url, defaultDatabase: c['defaultDatabase'], databases: withDefault,
        ...(tenant ? { tenant } : {}), ...(typeof pinned === 'string' ? { authority: pinned } : {}),
      });
    });
  }

  const [first, ...rest] = clusters;
  if (problems.length > 0 || !authConfig || !first) return { ok: false, problems };
  return { ok: true, config: { auth: authConfig, clusters: [first, ...rest], trustedHosts: extraHosts } };
}

export async function loadRuntimeConfig(url = '/config.json', fetchImpl: typeof fetch = fetch): Promise<ConfigResult> {
  let response: Response;
  try {
    // no-store: a redeployed config must take effect on the next load.
    response = await fetchImpl(url, { cache: 'no-store' });
  } catch (e) {
    return { ok: false, problems: [`Could not fetch ${url}: ${errorText(e)}`] };
  }
  if (!response.ok) return { ok: false, problems: [`Could not fetch ${url}: HTTP ${response.status}.`] };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, problems: [`${url} is not valid JSON.`] };
  }
  return parseRuntimeConfig(body);
}
