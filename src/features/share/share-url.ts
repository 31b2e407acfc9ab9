/**
 * The address bar as the active tab's share link. The app writes it with replaceState (no history
 * entry per keystroke) and remembers, per browser tab, the last URL it wrote: a reload of that URL
 * is the app's own state coming back, not someone opening a link, and must not run the query again
 * (the same happens after an MSAL redirect that returns to the page).
 *
 * "Last written" alone is not enough: the write is debounced and async (gzip), so a reload or a
 * sign-in redirect can start at the older URL while the newer one is being written, and the page
 * then comes back to a URL that is no longer the last written. A reload or a back/forward visit is
 * therefore never a link being opened, whatever the URL (the browser says which it was: Navigation
 * Timing's `type`, https://www.w3.org/TR/navigation-timing-2/#dom-performancenavigationtiming-type).
 */
import { parseShareLink, toShareLink, type ParsedShareLink, type Result, type ShareLinkInput } from '../../kusto/deep-link';
import { readStored, writeStored } from '../../lib/storage';

const LAST_WRITTEN_KEY = 'kqlw.share.lastWrittenUrl';

/** Origin plus the app's base path (Vite `base`), where `/clusters/...` links hang. */
export function appBaseUrl(location: Pick<Location, 'origin'> = window.location): string {
  return `${location.origin}${import.meta.env.BASE_URL}`;
}

function sessionStore(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

export interface ShareUrlEnvironment {
  location: Pick<Location, 'href' | 'origin'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Storage | undefined;
  base: string;
  /** How the browser came to this page: 'navigate', 'reload', 'back_forward' or 'prerender'. */
  navigationType?: string;
}

function navigationType(): string | undefined {
  const [entry] = typeof performance === 'undefined' ? [] : performance.getEntriesByType('navigation');
  return entry && 'type' in entry ? String(entry.type) : undefined;
}

function browserEnvironment(): ShareUrlEnvironment {
  return { location: window.location, history: window.history, storage: sessionStore(), base: appBaseUrl(), navigationType: navigationType() };
}

/** The page was reloaded, or reached with Back/Forward: the tabs already hold what its URL says. */
function isRevisit(type: string | undefined): boolean {
  return type === 'reload' || type === 'back_forward';
}

/** Puts the active tab's link in the address bar. Returns the URL written. */
export async function writeShareUrl(input: ShareLinkInput, env: ShareUrlEnvironment = browserEnvironment()): Promise<string> {
  const url = await toShareLink(env.base, input);
  if (url !== env.location.href) env.history.replaceState(env.history.state, '', url);
  writeStored(env.storage, LAST_WRITTEN_KEY, url);
  return url;
}

/** The app's home (no tab open, or a tab with no cluster): `/` under the base path. */
export function clearShareUrl(env: ShareUrlEnvironment = browserEnvironment()): void {
  if (env.location.href !== env.base) env.history.replaceState(env.history.state, '', env.base);
  writeStored(env.storage, LAST_WRITTEN_KEY, env.base);
}

export type StartLink =
  | { kind: 'none' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'link'; link: ParsedShareLink; reloaded: boolean };

/** What the page was opened with. A path without `/clusters/` (or `/local-files`) is not a link. */
export async function readStartLink(env: ShareUrlEnvironment = browserEnvironment()): Promise<StartLink> {
  const href = env.location.href;
  if (!/\/clusters\/|\/local-files$/.test(new URL(href).pathname)) return { kind: 'none' };
  const parsed: Result<ParsedShareLink> = await parseShareLink(href, env.location.origin);
  if (!parsed.ok) return { kind: 'invalid', reason: parsed.reason };
  return { kind: 'link', link: parsed.value, reloaded: isRevisit(env.navigationType) || readStored(env.storage, LAST_WRITTEN_KEY) === href };
}
