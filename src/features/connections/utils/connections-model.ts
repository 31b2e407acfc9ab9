/**
 * The connection list as data: which clusters the user added (in order) and which extra hosts
 * they approved. Pure, so the rules — normalize what was typed, refuse untrusted hosts before
 * anything is sent — are tested without a browser.
 */

import { normalizeClusterUrl } from '../../../kusto/cluster-url';
import { isTrustedKustoHost, untrustedHostMessage } from '../../../kusto/trusted-hosts';
import { parseStoredObject } from '../../../lib/storage';

export interface Connections {
  /** Normalized cluster URLs, in the order they were added. */
  clusters: string[];
  /** Hosts the user approved in settings: exact names or `*.suffix`. */
  approvedHosts: string[];
}

export type AddClusterResult = { ok: true; connections: Connections; url: string } | { ok: false; message: string };

export function addCluster(connections: Connections, typed: string, configHosts: readonly string[]): AddClusterResult {
  const normalized = normalizeClusterUrl(typed);
  if (!normalized.ok) return { ok: false, message: normalized.message };
  const { url } = normalized;
  if (!isTrustedKustoHost(url, [...configHosts, ...connections.approvedHosts])) {
    return { ok: false, message: `${untrustedHostMessage(url)}. Add the host to "Trusted hosts" if you trust it.` };
  }
  if (connections.clusters.includes(url)) return { ok: true, connections, url };
  return { ok: true, connections: { ...connections, clusters: [...connections.clusters, url] }, url };
}

export function removeCluster(connections: Connections, url: string): Connections {
  return { ...connections, clusters: connections.clusters.filter((c) => c !== url) };
}

/** The web UI's "Additional trusted hosts" syntax: names or `*.suffix`, separated by `;`, `,` or spaces. */
export function parseApprovedHosts(text: string): string[] {
  return [...new Set(text.split(/[;,\s]+/).map((h) => h.trim().toLowerCase()).filter((h) => /^(\*\.)?[a-z0-9.-]+$/.test(h)))];
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Reads what was stored; anything unreadable falls back to the configured clusters. */
export function parseStoredConnections(text: string | null, defaults: readonly string[]): Connections {
  const fallback: Connections = { clusters: [...defaults], approvedHosts: [] };
  const stored = parseStoredObject(text);
  if (stored === null) return fallback;
  const { clusters, approvedHosts } = stored;
  const normalized = isStringArray(clusters)
    ? clusters.map((c) => normalizeClusterUrl(c)).flatMap((r) => (r.ok ? [r.url] : []))
    : [...defaults];
  return { clusters: [...new Set(normalized)], approvedHosts: isStringArray(approvedHosts) ? approvedHosts : [] };
}
