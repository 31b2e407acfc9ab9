/**
 * What a user types for a cluster → the URL the app talks to, in the forms the web UI accepts
 * (https://learn.microsoft.com/kusto/api/rest/deeplink): `help`, `name.region`, a full host, or a full URL.
 */

export type NormalizedClusterUrl = { ok: true; url: string } | { ok: false; message: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export function normalizeClusterUrl(input: string): NormalizedClusterUrl {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter a cluster name or URL, e.g. "help" or "https://mycluster.westeurope.kusto.windows.net".' };
  const invalid = { ok: false as const, message: `"${text}" is not a cluster name or URL. Use a name like "help", "mycluster.westeurope", or a URL like "https://mycluster.westeurope.kusto.windows.net".` };

  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return invalid;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid;
    if (url.username || url.password || url.search || url.hash) return invalid;
    // The cluster URL is also the token audience: no path, no trailing slash.
    if (url.pathname !== '/' && url.pathname !== '') return { ok: false, message: `"${text}" has a path; a cluster URL is just https://host[:port].` };
    return { ok: true, url: url.origin };
  }

  const hostPort = /^([^:/]+):(\d{1,5})$/.exec(text);
  if (hostPort) {
    const host = hostPort[1]!.toLowerCase();
    return host.split('.').every((l) => LABEL.test(l)) ? { ok: true, url: `https://${host}:${hostPort[2]}` } : invalid;
  }
  const labels = text.toLowerCase().split('.');
  if (!labels.every((l) => LABEL.test(l))) return invalid;
  if (labels.length === 1) return { ok: true, url: `https://${labels[0]}.kusto.windows.net` };
  if (labels.length === 2) return { ok: true, url: `https://${labels[0]}.${labels[1]}.kusto.windows.net` };
  return { ok: true, url: `https://${labels.join('.')}` };
}
