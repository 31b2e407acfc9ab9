/**
 * The content security policy the app is served with, built from the runtime config
 * (config.json) so the browser itself refuses to send anything to a host the app does not trust,
 * even if our own check (src/kusto/trusted-hosts.ts) were bypassed by an XSS: `connect-src` is
 * the app, the sign-in authorities and the Kusto hosts a token may go to.
 * https://developer.mozilla.org/docs/Web/HTTP/CSP, https://www.w3.org/TR/CSP3/
 *
 * A policy cannot be widened at run time, so the hosts it lists are the deployment's: the Kusto
 * trusted-endpoint lists plus config.json's `trustedHosts` and cluster URLs. A host a user would
 * add in the app could never be reached, so the app takes extra hosts only from config.json.
 *
 * Pure: Vite's dev and preview servers (vite.config.ts) and the deployment recipe
 * (`npm run headers`, deploy/headers.ts) all call it, so `npm start`, the e2e preview and a
 * deployment serve the same policy.
 */

import { KNOWN_LOGIN_HOSTS, normalizeLoginEndpoint } from '../kusto/cloud-info';
import { KNOWN_KUSTO_HOST_SUFFIXES, KNOWN_KUSTO_HOSTS } from '../kusto/trusted-hosts';
import type { RuntimeConfig } from './runtime-config';

/** Which script a response is: the page, or a worker that needs more than the page may do. */
export type PolicyTarget =
  | 'document'
  /**
   * The local-files worker runs DuckDB-wasm, which compiles WebAssembly: `'wasm-unsafe-eval'`
   * allows WebAssembly.compile/instantiate and nothing else (no JS eval). A dedicated worker loaded
   * from a URL takes its policy from its own response (https://www.w3.org/TR/CSP3/#fetch-integration,
   * HTML "initialize the worker policy container"), so the page keeps `script-src 'self'`.
   */
  | 'wasm-worker';

export interface PolicyOptions {
  /**
   * Vite's dev server only: its hot-update socket and the inline React Refresh preamble it writes
   * into index.html (allowed by its hash, not by 'unsafe-inline'). Never in a build.
   */
  devServer?: { socketOrigin: string; inlineScriptHashes: readonly string[] };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** `https://login.microsoftonline.com/<tenant>` → `https://login.microsoftonline.com`. */
function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * config.json's `trustedHosts` as CSP sources. The app trusts a named host on any port
 * (isTrustedKustoHost compares host names), so the source does too; https only, as the app's check.
 */
function trustedHostSources(rules: readonly string[]): string[] {
  return rules.flatMap((rule) => {
    const r = rule.trim().toLowerCase();
    if (r === '') return [];
    if (r.startsWith('*')) {
      const suffix = r.slice(1).replace(/^\./, '');
      return suffix === '' ? [] : [`https://*.${suffix}:*`];
    }
    return [`https://${r}:*`];
  });
}

/**
 * The sign-in authorities: config's authority, known authorities and clusters' pinned authorities;
 * in Entra (AAD) mode also the clouds' login hosts, since a cluster's token comes from its own
 * cloud's authority (src/kusto/cloud-info.ts).
 */
export function authoritySources(config: RuntimeConfig): string[] {
  const pinned = config.clusters.flatMap((c) => (c.authority ? [c.authority] : []));
  const configured = [config.auth.authority, ...pinned, ...config.auth.knownAuthorities.map((host) => `https://${host}`)]
    .map((url) => normalizeLoginEndpoint(url))
    .filter((origin): origin is string => origin !== null);
  const clouds = config.auth.protocolMode === 'AAD' ? KNOWN_LOGIN_HOSTS.map((host) => `https://${host}`) : [];
  return unique([...configured, ...clouds]);
}

/** The hosts a token may be sent to: the Kusto trusted-endpoint lists, config's trusted hosts and clusters. */
export function kustoSources(config: RuntimeConfig): string[] {
  return unique([
    ...config.clusters.map((c) => originOf(c.url)).filter((origin): origin is string => origin !== null),
    ...trustedHostSources(config.trustedHosts),
    ...KNOWN_KUSTO_HOST_SUFFIXES.map((suffix) => `https://*${suffix}`),
    ...[...KNOWN_KUSTO_HOSTS].map((host) => `https://${host}`),
  ]);
}

export function contentSecurityPolicy(config: RuntimeConfig, target: PolicyTarget = 'document', options: PolicyOptions = {}): string {
  const authorities = authoritySources(config);
  const dev = options.devServer;
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // No 'unsafe-eval' in the local-files worker either: its Arrow staging is built from buffers
    // (src/workers/local-files/js-columns.ts), not with Arrow's builders, which compile code.
    ['script-src', "'self'", ...(target === 'wasm-worker' ? ["'wasm-unsafe-eval'"] : []), ...(dev?.inlineScriptHashes ?? [])],
    // monaco, Glide Data Grid and ECharts write <style> elements and style attributes at run time;
    // styles cannot run script, and the grid draws cells on a canvas, never as markup.
    ['style-src', "'self'", "'unsafe-inline'"],
    // monaco's icons and ECharts' PNG export are data: and blob: images.
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'", 'data:'],
    ['connect-src', "'self'", ...(dev ? [dev.socketOrigin] : []), ...authorities, ...kustoSources(config)],
    // MSAL's silent renewal loads the authority in a hidden iframe that returns to /redirect.html.
    ['frame-src', "'self'", ...authorities],
    ['worker-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    // Only our own pages may frame ours (the renewal iframe lands on /redirect.html): no clickjacking.
    ['frame-ancestors', "'self'"],
  ];
  return directives.map((d) => d.join(' ')).join('; ');
}

/** The response headers every app response carries besides its policy. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // For browsers without frame-ancestors.
  'X-Frame-Options': 'SAMEORIGIN',
};

/**
 * Which policy a request path gets: the local-files worker's script (dev: `/src/workers/local-files.worker.ts?worker_file…`,
 * build: `/assets/local-files.worker-<hash>.js`) gets the wasm policy, everything else the page's.
 */
export function policyTargetForPath(pathname: string): PolicyTarget {
  const file = pathname.split('?')[0]!.split('/').pop() ?? '';
  return file.startsWith('local-files.worker') ? 'wasm-worker' : 'document';
}
