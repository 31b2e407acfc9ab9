/**
 * Share links that Azure Data Explorer understands, and that we can read back from ADX.
 *
 * Format (DOCS `kusto/api/rest/deeplink.md`, `web-results-grid.md`, Kusto.Explorer docs):
 *   https://<ui>/clusters/<cluster>[/databases/<db>]?query=<UrlEncode(Base64(gzip(UTF-8 text)))>
 * ADX also takes `query` as plain URL-encoded text, `autorun=false`, and `web=` (which client opens
 * it); it never auto-runs management commands from a link, and neither do we.
 */

import { isLocalFilesCluster, LOCAL_FILES_CLUSTER, LOCAL_FILES_DATABASE } from './local-files';
import { classifyKustoText } from './text-kind';

const GZIP_BASE64_PREFIX = 'H4sI'; // base64 of the gzip magic 1f 8b 08 (deflate)
const DEFAULT_CLOUD_SUFFIX = '.kusto.windows.net';

/** Outlook, proxies and link checkers break links past ~2,000 characters (Kusto.Explorer docs). */
export const LINK_WARN_LENGTH = 2_000;
/** microsoft/mcp's deep-link builder drops links past 8,000 characters (microsoft/mcp#1788). */
export const LINK_REFUSE_LENGTH = 8_000;

/** Our own links carry parameter values as `p.<name>=<value>`, clear of ADX's own parameter names. */
export const PARAMETER_PREFIX = 'p.';

export type Result<T> = { ok: true; value: T } | { ok: false; reason: string };

// ---------------------------------------------------------------------------------------------
// Query text codec

async function transform(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  // Streams by hand rather than through `new Response(blob)`: under jsdom, Blob is jsdom's and
  // Node's Response does not accept it.
  const writer = stream.writable.getWriter();
  const written = writer.write(bytes).then(() => writer.close());
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const read = (async () => {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      chunks.push(value);
      total += value.byteLength;
    }
  })();
  await Promise.all([written, read]);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode(...args) overflows the call stack on large arrays; go in slices.
  const slice = 0x8000;
  for (let i = 0; i < bytes.length; i += slice) {
    binary += String.fromCharCode(...bytes.subarray(i, i + slice));
  }
  return btoa(binary);
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Standard base64 (`+/`, padded) of gzip(UTF-8 text): what ADX and Kusto.Explorer put in `query=`. */
export async function encodeQueryForLink(text: string): Promise<string> {
  const gzipped = await transform(new TextEncoder().encode(text), new CompressionStream('gzip'));
  return bytesToBase64(gzipped);
}

/**
 * Reads a `query` value as the web UI does: base64(gzip) first, else plain text.
 *
 * Takes the value as `URLSearchParams` returns it. It also copes with links that were escaped
 * once more (Kusto.Explorer writes `%2f`, `%2b`, `%3d`), with base64 whose `+` became a space
 * (docs links leave `+` unescaped, and form decoding turns it into a space), with base64url and
 * with missing padding.
 */
export async function decodeQueryFromLink(q: string): Promise<string> {
  const candidates = [q];
  const unescaped = tryDecodeURIComponent(q);
  if (unescaped !== null && unescaped !== q) candidates.push(unescaped);
  for (const candidate of candidates) {
    const text = await tryGunzipBase64(candidate);
    if (text !== null) return text;
  }
  // Plain text that still carries %XX escapes was escaped twice, or copied raw from an address
  // bar, where `+` means a space (the form encoding Kusto.Explorer's own examples use).
  if (unescaped !== null && unescaped !== q && /%[0-9a-f]{2}/i.test(q)) {
    return tryDecodeURIComponent(q.replace(/\+/g, ' ')) ?? unescaped;
  }
  return q;
}

function tryDecodeURIComponent(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

async function tryGunzipBase64(candidate: string): Promise<string | null> {
  let b64 = candidate.trim().replace(/ /g, '+').replace(/-/g, '+').replace(/_/g, '/');
  if (!b64.startsWith(GZIP_BASE64_PREFIX) || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return null;
  b64 = b64.replace(/=+$/, '');
  if (b64.length % 4 === 1) return null;
  b64 += '='.repeat((4 - (b64.length % 4)) % 4);
  try {
    const bytes = await transform(base64ToBytes(b64), new DecompressionStream('gzip'));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Cluster segment

function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * `<cluster>` as the web UI accepts it in `/clusters/<cluster>`: a short name (`help`), `name.region`,
 * a host (`x.kusto.usgovcloudapi.net`, `localhost:8443`) or a URL-encoded URL. Returns the cluster URL
 * (`https://host[:port]`, no trailing slash). Clusters are only reached over HTTPS, loopback included.
 */
export function parseClusterSegment(seg: string): Result<string> {
  let text = seg.trim();
  // The segment may arrive escaped once (from a pathname) or twice (an escaped URL inside a path).
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(text); i++) {
    const decoded = tryDecodeURIComponent(text);
    if (decoded === null) return { ok: false, reason: `The cluster "${seg}" is not valid URL encoding.` };
    text = decoded;
  }
  if (text === '') return { ok: false, reason: 'The link names no cluster.' };

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme && scheme[1]!.toLowerCase() !== 'https') {
    return { ok: false, reason: `The cluster "${text}" does not use HTTPS; Kusto clusters are reached over HTTPS only.` };
  }
  const withoutScheme = scheme ? text.slice(scheme[0].length) : text;
  const authority = withoutScheme.split(/[/?#]/, 1)[0] ?? '';
  let url: URL;
  try {
    url = new URL(`https://${authority}`);
  } catch {
    return { ok: false, reason: `"${text}" is not a cluster name or address.` };
  }
  if (url.username || url.password || url.hostname === '') {
    return { ok: false, reason: `"${text}" is not a cluster name or address.` };
  }
  const hostname = url.hostname;
  if (!scheme && !url.port && !isLoopbackHost(hostname) && !hostname.startsWith('[')) {
    const labels = hostname.split('.');
    if (labels.some((l) => !/^[a-z0-9-]+$/.test(l))) {
      return { ok: false, reason: `"${text}" is not a cluster name or address.` };
    }
    // `help` and `name.region` are shorthands for the public cloud (`/clusters/help`,
    // `/clusters/kvc9rf7q4d68qcw5sk2d6f.northeurope` in the docs).
    if (labels.length <= 2) return { ok: true, value: `https://${hostname}${DEFAULT_CLOUD_SUFFIX}` };
  }
  return { ok: true, value: url.origin };
}

/** The cluster as a link writes it: its host, with the port when it isn't 443. */
export function toClusterSegment(clusterUrl: string): string {
  return new URL(clusterUrl).host;
}

// ---------------------------------------------------------------------------------------------
// Links

export interface ShareLinkInput {
  clusterUrl: string;
  database: string;
  query: string;
  /** Values for `declare query_parameters`, by name, as the user typed them. */
  parameters?: Readonly<Record<string, string>>;
  /** `false` writes `autorun=false`: the reader must press Run. */
  autorun?: boolean;
  /** A "Local files" query: the names of the files it reads (never their content). */
  files?: readonly string[];
}

export interface ParsedShareLink {
  clusterUrl: string;
  database: string | null;
  /** null when the link carries no query. */
  query: string | null;
  parameters: Record<string, string>;
  /** false when the link says `autorun=false`, has no query, or holds a management command. */
  autorun: boolean;
  /** Which UI wrote the link. */
  source: 'app' | 'adx';
  /** A "Local files" link: the files the query reads, which the reader must open (never run first). */
  files?: string[];
}

/** The path of a "Local files" link under the app's base: `/local-files?query=…&file=a.csv&file=b.parquet`. */
export const LOCAL_FILES_LINK_PATH = '/local-files';

const ADX_UI_ORIGINS = ['https://dataexplorer.azure.com', 'https://dataexplorer.azure.us', 'https://dataexplorer.azure.cn'];

function appBase(appOrigin: string): string {
  const base = new URL(appOrigin);
  return `${base.origin}${base.pathname.replace(/\/+$/, '')}`;
}

function clustersPath(clusterUrl: string, database: string | null): string {
  // A host, with `:port`, is safe in a path segment as it stands; ADX writes it unescaped too.
  const cluster = `/clusters/${toClusterSegment(clusterUrl)}`;
  return database ? `${cluster}/databases/${encodeURIComponent(database)}` : cluster;
}

/**
 * Our link: `${appOrigin}/clusters/<host>/databases/<db>?query=<base64 gzip>`; the same shape as the
 * web UI's, so swapping the origin for dataexplorer.azure.com opens it there. `appOrigin` may carry
 * a base path (an app served under /kql/).
 */
export async function toShareLink(appOrigin: string, input: ShareLinkInput): Promise<string> {
  const params = new URLSearchParams();
  params.set('query', await encodeQueryForLink(input.query));
  for (const [name, value] of Object.entries(input.parameters ?? {})) params.set(`${PARAMETER_PREFIX}${name}`, value);
  if (isLocalFilesCluster(input.clusterUrl)) {
    // The query and the files' names; the data stays with whoever has the files.
    for (const file of input.files ?? []) params.append('file', file);
    return `${appBase(appOrigin)}${LOCAL_FILES_LINK_PATH}?${params.toString()}`;
  }
  if (input.autorun === false) params.set('autorun', 'false');
  return `${appBase(appOrigin)}${clustersPath(input.clusterUrl, input.database)}?${params.toString()}`;
}

/**
 * Reads our links and the web UI's (dataexplorer.azure.com, .us, .cn). With `appOrigin`, a link from
 * any other origin is refused. `web=`, `name=` and the web UI's `f-*` flags are ignored; `uri=`
 * overrides the cluster as in DOCS deeplink.md.
 */
export async function parseShareLink(link: string, appOrigin?: string): Promise<Result<ParsedShareLink>> {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return { ok: false, reason: 'This is not a link.' };
  }
  const isAdx = ADX_UI_ORIGINS.includes(url.origin);
  if (!isAdx && appOrigin !== undefined && url.origin !== new URL(appOrigin).origin) {
    return { ok: false, reason: `Links from ${url.origin} are not query links of this app or of Azure Data Explorer.` };
  }
  const target = linkTarget(url, isAdx);
  if (!target.ok) return target;
  const { clusterUrl, database, files } = target.value;

  const rawQuery = url.searchParams.get('query');
  const query = rawQuery === null || rawQuery === '' ? null : await decodeQueryFromLink(rawQuery);
  const parameters: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key.startsWith(PARAMETER_PREFIX) && key.length > PARAMETER_PREFIX.length) parameters[key.slice(PARAMETER_PREFIX.length)] = value;
  }
  const autorunOff = url.searchParams.get('autorun')?.toLowerCase() === 'false';
  return {
    ok: true,
    value: {
      clusterUrl,
      database,
      query,
      parameters,
      // A "Local files" link has nothing to run until the reader opens the files.
      autorun: !files && query !== null && !autorunOff && classifyKustoText(query).kind === 'query',
      source: isAdx ? 'adx' : 'app',
      ...(files ? { files } : {}),
    },
  };
}

/** Where a link points: a cluster (and database), or Local files and the files its query reads. */
function linkTarget(url: URL, isAdx: boolean): Result<{ clusterUrl: string; database: string | null; files?: string[] }> {
  if (!isAdx && url.pathname.endsWith(LOCAL_FILES_LINK_PATH)) {
    return { ok: true, value: { clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE, files: url.searchParams.getAll('file').filter((f) => f !== '') } };
  }
  const match = /\/clusters\/([^/]+)(?:\/databases\/([^/]+))?\/?$/.exec(url.pathname);
  if (!match) return { ok: false, reason: 'The link names no cluster (expected /clusters/<cluster>/databases/<database>).' };
  const cluster = parseClusterSegment(url.searchParams.get('uri') ?? match[1]!);
  if (!cluster.ok) return cluster;
  const database = match[2] === undefined ? null : tryDecodeURIComponent(match[2]);
  if (database === null && match[2] !== undefined) return { ok: false, reason: 'The database name is not valid URL encoding.' };
  return { ok: true, value: { clusterUrl: cluster.value, database: database === '' ? null : database } };
}

/** Web UI host per cloud (microsoft/mcp#1788 DeeplinkHelper.cs, fabric-rti-mcp#125). */
const ADX_UI_BY_SUFFIX: readonly (readonly [suffix: string, origin: string])[] = [
  ['.kusto.windows.net', 'https://dataexplorer.azure.com'],
  ['.kustomfa.windows.net', 'https://dataexplorer.azure.com'],
  ['.kusto.azuresynapse.net', 'https://dataexplorer.azure.com'],
  ['.kusto.fabric.microsoft.com', 'https://dataexplorer.azure.com'],
  ['.kusto.data.microsoft.com', 'https://dataexplorer.azure.com'],
  ['.kusto.usgovcloudapi.net', 'https://dataexplorer.azure.us'],
  ['.kustomfa.usgovcloudapi.net', 'https://dataexplorer.azure.us'],
  ['.kusto.chinacloudapi.cn', 'https://dataexplorer.azure.cn'],
  ['.kustomfa.chinacloudapi.cn', 'https://dataexplorer.azure.cn'],
  ['.kusto.azuresynapse.azure.cn', 'https://dataexplorer.azure.cn'],
];

/** The web UI that serves the cluster's cloud, or null for loopback and clouds it doesn't serve. */
export function adxUiOriginFor(clusterUrl: string): string | null {
  const host = new URL(clusterUrl).hostname.toLowerCase();
  return ADX_UI_BY_SUFFIX.find(([suffix]) => host.endsWith(suffix))?.[1] ?? null;
}

/** "Open in Azure Data Explorer": the web UI link for the cluster's cloud. */
export async function toAdxLink(input: { clusterUrl: string; database: string | null; query: string }): Promise<Result<string>> {
  let hostname: string;
  try {
    hostname = new URL(input.clusterUrl).hostname;
  } catch {
    return { ok: false, reason: `"${input.clusterUrl}" is not a cluster URL.` };
  }
  if (isLoopbackHost(hostname)) {
    return { ok: false, reason: 'A cluster on this computer cannot be opened in Azure Data Explorer.' };
  }
  const origin = adxUiOriginFor(input.clusterUrl);
  if (origin === null) {
    return { ok: false, reason: `Azure Data Explorer has no web UI for ${hostname}'s cloud.` };
  }
  const params = new URLSearchParams({ query: await encodeQueryForLink(input.query) });
  return { ok: true, value: `${origin}${clustersPath(input.clusterUrl, input.database)}?${params.toString()}` };
}

export type LinkLengthCheck =
  | { level: 'ok'; length: number }
  | { level: 'warn'; length: number; message: string }
  | { level: 'refuse'; length: number; message: string };

export function checkLinkLength(url: string): LinkLengthCheck {
  const length = url.length;
  if (length > LINK_REFUSE_LENGTH) {
    return {
      level: 'refuse',
      length,
      message: `This link would be ${length.toLocaleString('en-US')} characters; links over ${LINK_REFUSE_LENGTH.toLocaleString('en-US')} are not shared. Shorten the query or share it as a file.`,
    };
  }
  if (length > LINK_WARN_LENGTH) {
    return {
      level: 'warn',
      length,
      message: `This link is ${length.toLocaleString('en-US')} characters; some mail clients and proxies cut links over ${LINK_WARN_LENGTH.toLocaleString('en-US')}.`,
    };
  }
  return { level: 'ok', length };
}
