/**
 * The connection list as data: which clusters the user added, in order. Pure, so the rules — normalize what was typed, refuse untrusted hosts before
 * anything is sent — are tested without a browser.
 */

import { normalizeTenant } from '../../../kusto/cloud-info';
import { normalizeClusterUrl } from '../../../kusto/cluster-url';
import { isTrustedKustoHost, untrustedHostMessage } from '../../../kusto/trusted-hosts';
import { parseStoredObject } from '../../../lib/storage';

export interface Connections {
  /** Normalized cluster URLs, in the order they were added. */
  clusters: string[];
  /**
   * The tenant (id or domain) the user named for a cluster: its tokens come from that tenant's
   * authority, with the same account (a B2B guest there). A cluster not listed uses the default.
   */
  tenants?: Readonly<Record<string, string>>;
}

export type AddClusterResult = { ok: true; connections: Connections; url: string } | { ok: false; message: string };

export function addCluster(connections: Connections, typed: string, configHosts: readonly string[]): AddClusterResult {
  const normalized = normalizeClusterUrl(typed);
  if (!normalized.ok) return { ok: false, message: normalized.message };
  const { url } = normalized;
  // Hosts beyond Kusto's lists come only from config.json: the page's content security policy
  // is built from it, so the browser would refuse a host added here anyway.
  if (!isTrustedKustoHost(url, configHosts)) {
    return { ok: false, message: `${untrustedHostMessage(url)}. To trust it, add it to "trustedHosts" in the deployment's config.json.` };
  }
  if (connections.clusters.includes(url)) return { ok: true, connections, url };
  return { ok: true, connections: { ...connections, clusters: [...connections.clusters, url] }, url };
}

export function removeCluster(connections: Connections, url: string): Connections {
  const { [url]: _removed, ...tenants } = connections.tenants ?? {};
  return { ...connections, clusters: connections.clusters.filter((c) => c !== url), tenants };
}

export function tenantOf(connections: Connections, url: string): string | undefined {
  return connections.tenants?.[url];
}

export type SetTenantResult = { ok: true; connections: Connections } | { ok: false; message: string };

/** Names the tenant of a cluster (a tenant id or a domain); empty text goes back to the default. */
export function setClusterTenant(connections: Connections, url: string, typed: string): SetTenantResult {
  const { [url]: _previous, ...others } = connections.tenants ?? {};
  if (typed.trim() === '') return { ok: true, connections: { ...connections, tenants: others } };
  const tenant = normalizeTenant(typed);
  if (!tenant) return { ok: false, message: `"${typed.trim()}" is not a tenant: give its id (a GUID) or a domain such as contoso.onmicrosoft.com.` };
  return { ok: true, connections: { ...connections, tenants: { ...others, [url]: tenant } } };
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Reads what was stored; anything unreadable falls back to the configured clusters. */
export function parseStoredConnections(text: string | null, defaults: readonly string[]): Connections {
  const fallback: Connections = { clusters: [...defaults] };
  const stored = parseStoredObject(text);
  if (stored === null) return fallback;
  // Older versions also stored "approvedHosts" a user added in the app; they are ignored (see addCluster).
  const { clusters, tenants } = stored;
  const normalized = isStringArray(clusters)
    ? clusters.map((c) => normalizeClusterUrl(c)).flatMap((r) => (r.ok ? [r.url] : []))
    : [...defaults];
  const storedTenants = tenants && typeof tenants === 'object' ? Object.entries(tenants as Record<string, unknown>) : [];
  const validTenants = storedTenants.flatMap(([url, tenant]) => {
    const valid = typeof tenant === 'string' ? normalizeTenant(tenant) : null;
    return valid && normalized.includes(url) ? [[url, valid] as const] : [];
  });
  return {
    clusters: [...new Set(normalized)],
    ...(validTenants.length > 0 ? { tenants: Object.fromEntries(validTenants) } : {}),
  };
}
