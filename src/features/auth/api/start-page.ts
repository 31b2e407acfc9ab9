/**
 * The page an interactive redirect (sign-in, or a token by redirect) left from, so that on return
 * the provider's answer is read on the redirect URI and the address is put back with
 * history.replaceState — one page load. msal-browser's own `navigateToLoginRequestUrl` loads the
 * app a second time instead: it navigates from the redirect URI to the starting page and reads
 * the answer only there (RedirectClient.handleRedirectPromise,
 * https://github.com/AzureAD/microsoft-authentication-library-for-js/blob/dev/lib/msal-browser/src/interaction_client/RedirectClient.ts).
 * Kept in sessionStorage (this tab), removed when read.
 */

import { readStored, removeStored, writeStored } from '../../../lib/storage';

export const START_PAGE_KEY = 'kqlw.redirect-start-page';

export function rememberStartPage(storage: Storage | undefined, href: string): void {
  writeStored(storage, START_PAGE_KEY, href);
}

/** The remembered page, removed from storage; null when there is none or it is not on `origin`. */
export function takeStartPage(storage: Storage | undefined, origin: string): string | null {
  const href = readStored(storage, START_PAGE_KEY);
  removeStored(storage, START_PAGE_KEY);
  if (!href) return null;
  try {
    return new URL(href).origin === origin ? href : null;
  } catch {
    return null;
  }
}
