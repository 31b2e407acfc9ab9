/**
 * Token-leak protection: a bearer token for a cluster is only ever sent, over https, to hosts
 * Kusto's SDKs trust (Azure/azure-kusto-node packages/azure-kusto-data/src/wellKnownKustoEndpoints.json;
 * https://aka.ms/kustotrustedendpoints) or hosts the deployment's config or the user approved.
 * The lists are per login endpoint; this app accepts the union, since one build can be pointed at
 * any cloud by config. Loopback gets no pass of its own: on a shared or kiosk machine anyone can
 * listen on a local port, so a deployment trusts it only by naming it (the local stack's
 * public/config.json names "localhost").
 */

/** Host suffixes of Kusto's trusted-endpoint lists, each with its leading dot. */
export const KNOWN_KUSTO_HOST_SUFFIXES: readonly string[] = [
  // https://login.microsoftonline.com (public cloud)
  '.dxp.aad.azure.com', '.dxp-dev.aad.azure.com', '.kusto.azuresynapse.net', '.kusto.windows.net',
  '.kustodev.azuresynapse-dogfood.net', '.kustodev.windows.net', '.kustomfa.windows.net', '.playfabapi.com',
  '.azureplayfab.com', '.playfab.com', '.kusto.data.microsoft.com', '.kusto.fabric.microsoft.com',
  '.api.securityplatform.microsoft.com', '.securitycenter.windows.com', '.arg-int.core.windows.net',
  '.arg-df.core.windows.net', '.arg.core.windows.net',
  // https://login.microsoftonline.us
  '.kusto.usgovcloudapi.net', '.kustomfa.usgovcloudapi.net', '.arg.core.usgovcloudapi.net',
  // https://login.partner.microsoftonline.cn
  '.kusto.azuresynapse.azure.cn', '.kusto.chinacloudapi.cn', '.kustomfa.chinacloudapi.cn', '.playfab.cn',
  '.arg.core.chinacloudapi.cn',
  // https://login.microsoftonline.eaglex.ic.gov
  '.kusto.core.eaglex.ic.gov', '.kustomfa.core.eaglex.ic.gov', '.arg.core.eaglex.ic.gov',
  // https://login.microsoftonline.microsoft.scloud
  '.kusto.core.microsoft.scloud', '.kustomfa.core.microsoft.scloud', '.arg.core.microsoft.scloud',
  // https://login.sovcloud-identity.{fr,de,sg}
  '.kusto.sovcloud-api.fr', '.kustomfa.sovcloud-api.fr',
  '.kusto.sovcloud-api.de', '.kustomfa.sovcloud-api.de',
  '.kusto.sovcloud-api.sg', '.kustomfa.sovcloud-api.sg',
];

const ADX_PROXY_CLOUDS = ['azure.us', 'azure.cn', 'azure.eaglex.ic.gov', 'azure.microsoft.scloud', 'azure.fr', 'azure.de', 'azure.sg'];

/** Exact host names of Kusto's trusted-endpoint lists. */
export const KNOWN_KUSTO_HOSTS: ReadonlySet<string> = new Set([
  'ade.applicationinsights.io', 'ade.loganalytics.io', 'adx.aimon.applicationinsights.azure.com',
  'adx.applicationinsights.azure.com', 'adx.int.applicationinsights.azure.com', 'adx.int.loganalytics.azure.com',
  'adx.int.monitor.azure.com', 'adx.loganalytics.azure.com', 'adx.monitor.azure.com', 'kusto.aria.microsoft.com',
  'eu.kusto.aria.microsoft.com',
  ...ADX_PROXY_CLOUDS.flatMap((cloud) => ['applicationinsights', 'loganalytics', 'monitor'].map((s) => `adx.${s}.${cloud}`)),
]);

/**
 * `extraHosts`: exact host names, or `*`-prefixed suffixes (`*.contoso.com`), the web UI's
 * "Additional trusted hosts" syntax.
 */
export function isTrustedKustoHost(url: string, extraHosts: readonly string[] = []): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // A token over plain http could be read on the wire, loopback included.
  if (parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.toLowerCase();
  if (KNOWN_KUSTO_HOSTS.has(host) || KNOWN_KUSTO_HOST_SUFFIXES.some((s) => host.endsWith(s))) return true;
  return extraHosts.some((rule) => {
    const r = rule.trim().toLowerCase();
    if (r.startsWith('*')) {
      const suffix = r.slice(1);
      return suffix.length > 1 && host.endsWith(suffix.startsWith('.') ? suffix : `.${suffix}`);
    }
    return r !== '' && host === r;
  });
}

export function untrustedHostMessage(url: string): string {
  let host = url;
  try {
    host = new URL(url).hostname;
  } catch {
    // keep the text as given
  }
  return `Can't communicate with '${host}' as this hostname is currently not trusted; please see https://aka.ms/kustotrustedendpoints`;
}
