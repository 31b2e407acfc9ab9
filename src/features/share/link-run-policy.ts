/**
 * Whether a query opened from a link runs by itself. ADX never runs management commands from a link
 * ("UI tools do not automatically execute management commands", DOCS kusto/api/rest/deeplink.md)
 * and honours `autorun=false`. A link-started run also carries `request_readonly` (DOCS
 * kusto/api/rest/request-properties.md: the service refuses any write under it), a second guard
 * that does not depend on this text check being right.
 */
import { classifyKustoText } from '../../kusto/text-kind';
import type { ClientRequestProperties } from '../../kusto/request';

export interface LinkRunInput {
  query: string | null;
  /** From the link (`autorun=false` → false). */
  autorun: boolean;
  /** The page is a reload of a URL the app wrote itself (its own tab state), not a link someone opened. */
  reloaded?: boolean;
  /** A "Local files" link: the files the query reads. It never runs before the reader opens them. */
  files?: readonly string[];
}

export type LinkRunDecision =
  | { run: true; properties: ClientRequestProperties & { Options: { request_readonly: true } } }
  | { run: false; reason: string };

export function decideLinkRun({ query, autorun, reloaded = false, files }: LinkRunInput): LinkRunDecision {
  if (query === null || query.trim() === '') return { run: false, reason: 'The link holds no query.' };
  if (files !== undefined) {
    const named = files.length > 0 ? `: ${files.join(', ')}` : '';
    return { run: false, reason: `This query reads local files${named}. The link carries their names, never their data: open the files, then press Run.` };
  }
  const kind = classifyKustoText(query).kind;
  if (kind === 'command') {
    return { run: false, reason: 'Management commands (text starting with ".") never run from a link. Read it, then press Run if you mean it.' };
  }
  if (kind === 'unsure') {
    // Characters before the first token that Kusto and other tools may read differently: when
    // unsure whether it is a command, do not run it (src/kusto/text-kind.ts).
    return { run: false, reason: 'The query starts with unusual characters or a client directive, so it was not run from the link. Read it, then press Run if you mean it.' };
  }
  if (!autorun) return { run: false, reason: 'The link asks not to run the query (autorun=false). Press Run when ready.' };
  if (reloaded) return { run: false, reason: 'The page was reloaded; the query was not run again. Press Run to run it.' };
  return { run: true, properties: { Options: { request_readonly: true } } };
}
