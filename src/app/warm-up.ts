/**
 * What a signed-in page will need first, started while MSAL is still completing sign-in (the
 * redirect response's token exchange) instead of after the first render: the editor chunk and
 * the decode worker. A run never waits for either (the query runs from the read-only text until
 * monaco arrives); starting them early only keeps them off the first result's path.
 */

import { preloadKqlEditor } from '../features/editor/lazy-kql-editor';
import { startDecodeWorker } from '../workers/decode-client';

/**
 * True when this load comes back from the identity provider with an authorization code (or MSAL
 * carries one over to the page where sign-in started), or the tab already holds an MSAL account (sessionStorage, see msalConfiguration): the signed-in screen
 * is about to render. A signed-out visitor downloads neither the editor nor the worker.
 * The auth response is in the fragment (`response_mode=fragment`, MSAL's default for SPAs).
 */
export function signInLikely(href: string, storageKeys: readonly string[]): boolean {
  const url = new URL(href);
  const response = new URLSearchParams(url.hash.slice(1));
  if (response.has('code') || url.searchParams.has('code')) return true;
  // msal-browser's account index, `msal.<schema>.account.keys` (lib/msal-browser/src/cache/CacheKeys.ts),
  // and the response it keeps while it navigates back to the page that started sign-in (a link),
  // `msal.<clientId>.urlHash` (TemporaryCacheKeys.URL_HASH, lib/msal-browser/src/utils/BrowserConstants.ts),
  // both in github.com/AzureAD/microsoft-authentication-library-for-js.
  return storageKeys.some((key) => /^msal\.(\d+\.)?account\.keys$/.test(key) || /^msal\.[^.]+\.urlHash$/.test(key));
}

function sessionStorageKeys(): string[] {
  try {
    return Object.keys(window.sessionStorage);
  } catch {
    return []; // storage blocked: MSAL will say so; nothing to warm
  }
}

/** Starts the editor chunk and the decode worker when `signInLikely`; returns whether it did. */
export function warmUpSignedInScreen(): boolean {
  if (!signInLikely(window.location.href, sessionStorageKeys())) return false;
  preloadKqlEditor();
  startDecodeWorker();
  return true;
}
