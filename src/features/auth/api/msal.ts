/**
 * The one MSAL instance. It is created after the runtime config is loaded (the tenant comes from
 * config.json), initialized, and the redirect response handled BEFORE anything renders: a token
 * request made first would race the code exchange, and an error from the provider must be shown.
 *
 * MsalProvider calls handleRedirectPromise() again when it mounts; msal-browser memoizes the
 * promise per hash argument (StandardController.redirectResponse, key "" for no argument), so
 * calling it here without an argument makes the provider's call reuse this one: it runs once.
 */

import {
  EventType,
  InteractionType,
  PublicClientApplication,
  type AuthenticationResult,
  type Configuration,
  type EventMessage,
  type RedirectRequest,
} from '@azure/msal-browser';
import type { AccountInfo } from '@azure/msal-browser';
import type { AuthConfig } from '../../../config/runtime-config';
import { kustoError, type KustoError } from '../../../kusto/errors';
import { homeAccounts, homeProfileOf } from './accounts';
import { splitAuthority } from './cluster-authority';
import { takeRedirectRecord, type RedirectRecord } from './redirect-journal';
import { rememberStartPage, takeStartPage } from './start-page';
import { explainSignInError } from './sign-in-problems';

export interface StartedAuth {
  msal: PublicClientApplication;
  /** What the provider sent back instead of a token (e.g. access_denied), shown on the sign-in screen. */
  redirectError: unknown;
  /** The token redirect this load returns from (redirect-journal.ts): how it ended, what to resume. */
  returned: ReturnedRedirect | null;
}

export interface ReturnedRedirect {
  record: RedirectRecord;
  /** The sign-in failed: in words, with the tenant and cluster it was for. */
  failure: KustoError | null;
}

/** Interactive sign-in returns to the app itself. */
export function interactiveRedirectUri(origin: string): string {
  return `${origin}/`;
}

/**
 * Silent renewal loads this blank page in a hidden iframe; MSAL v4 reads the response from the
 * iframe's URL (same origin). It must not be the app: the app would boot MSAL in the iframe and
 * consume the hash (MSAL "block_iframe_reload" / monitor_window_timeout).
 */
export function silentRedirectUri(origin: string): string {
  return `${origin}/redirect.html`;
}

export function msalConfiguration(auth: AuthConfig, origin: string): Configuration {
  return {
    auth: {
      clientId: auth.clientId,
      authority: auth.authority,
      knownAuthorities: auth.knownAuthorities,
      protocolMode: auth.protocolMode,
      redirectUri: interactiveRedirectUri(origin),
      postLogoutRedirectUri: interactiveRedirectUri(origin),
      // The answer is read on the redirect URI and the starting page's address put back
      // (start-page.ts): true would load the whole app a second time after every sign-in.
      navigateToLoginRequestUrl: false,
    },
    // sessionStorage: tokens die with the tab and are not shared across tabs (Microsoft's SPA guidance).
    cache: { cacheLocation: 'sessionStorage' },
  };
}

function isAuthenticationResult(payload: EventMessage['payload']): payload is AuthenticationResult {
  return typeof payload === 'object' && payload !== null && 'account' in payload && 'accessToken' in payload;
}

export async function startAuth(auth: AuthConfig, origin: string): Promise<StartedAuth> {
  const msal = new PublicClientApplication(msalConfiguration(auth, origin));
  await msal.initialize();
  // The active account is the person the workbench works as, always by their home profile: a
  // token from a tenant where they are a guest (a tenant profile of the same account) must not
  // make that tenant's profile the one every later request starts from. A sign-in (login, or the
  // account picker) may bring another person.
  const activate = (account: AccountInfo) => msal.setActiveAccount(homeProfileOf(msal.getAllAccounts(), account));
  msal.addEventCallback((event) => {
    if (event.eventType === EventType.LOGIN_SUCCESS && isAuthenticationResult(event.payload)) activate(event.payload.account);
    // Every interactive redirect (loginRedirect, acquireTokenRedirect) starts with one of these, on
    // the page it leaves; its payload is the request. The page to come back to is the request's
    // redirectStartPage, else the address now — as msal-browser's own RedirectClient chooses it.
    const leaving = event.eventType === EventType.LOGIN_START || event.eventType === EventType.ACQUIRE_TOKEN_START;
    if (leaving && event.interactionType === InteractionType.Redirect) {
      const request = event.payload as RedirectRequest | null;
      rememberStartPage(sessionStore(), request?.redirectStartPage || window.location.href);
    }
  });
  let redirectError: unknown = null;
  let answered = false;
  try {
    const result = await msal.handleRedirectPromise();
    answered = result !== null;
    if (result) activate(result.account);
  } catch (e) {
    redirectError = e;
    answered = true;
  }
  // The provider's answer (a token, or an error) was read on the redirect URI: back to the page
  // the redirect left from, before anything renders or reads the address (share links).
  const startPage = takeStartPage(sessionStore(), origin);
  if (answered && startPage && startPage !== window.location.href) window.history.replaceState(window.history.state, '', startPage);
  const record = takeRedirectRecord(sessionStore());
  const returned = record ? { record, failure: redirectError ? failureOf(redirectError, record, auth, origin) : null } : null;
  const active = msal.getActiveAccount();
  const [first] = homeAccounts(msal.getAllAccounts());
  if (active) activate(active);
  else if (first) msal.setActiveAccount(first);
  return { msal, redirectError, returned };
}

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/** A token redirect that came back with an error, in words, for the tenant and cluster it was for. */
function failureOf(error: unknown, record: RedirectRecord, auth: AuthConfig, origin: string): KustoError {
  const authority = splitAuthority(record.pending.authority);
  const problem = explainSignInError(describeAuthError(error), {
    clientId: auth.clientId,
    loginEndpoint: authority?.loginEndpoint ?? record.pending.authority,
    tenant: record.pending.tenant,
    clusterUrl: record.pending.clusterUrl,
    origin,
  });
  return kustoError('unauthorized', `${problem.title} ${problem.advice}`, { signIn: problem });
}

/** A readable line for an MSAL or provider error. */
export function describeAuthError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { errorCode?: unknown }).errorCode;
    return typeof code === 'string' && code && !error.message.startsWith(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
