import { gzipSync } from 'node:zlib';
import { APP_URL } from '../../dev/stack';

/**
 * Links built independently of the app's own encoder: base64 of the gzipped UTF-8 text, the
 * Azure Data Explorer deep-link encoding (DOCS kusto/api/rest/deeplink.md).
 */
export function adxQueryEncoding(text: string): string {
  return gzipSync(Buffer.from(text, 'utf8')).toString('base64');
}

export interface LinkParts {
  cluster: string;
  database: string;
  query: string;
  autorun?: false;
  parameters?: Record<string, string>;
}

function linkOn(origin: string, { cluster, database, query, autorun, parameters = {} }: LinkParts): string {
  const search = new URLSearchParams({ query: adxQueryEncoding(query) });
  for (const [name, value] of Object.entries(parameters)) search.set(`p.${name}`, value);
  if (autorun === false) search.set('autorun', 'false');
  return `${origin}/clusters/${cluster}/databases/${encodeURIComponent(database)}?${search.toString()}`;
}

/** A link to this app (its origin in place of dataexplorer.azure.com). */
export const appLink = (parts: LinkParts) => linkOn(APP_URL, parts);
/** A link as the ADX web UI writes it. */
export const adxLink = (parts: LinkParts) => linkOn('https://dataexplorer.azure.com', parts);
