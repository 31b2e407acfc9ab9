/**
 * TokenProvider over MSAL: one token per cluster (each cluster URL is its own resource, and a
 * token request gets a token for one resource only — MSAL resources-and-scopes.md).
 */

import {
  BrowserAuthErrorCodes,
  InteractionRequiredAuthError,
  type AccountInfo,
  type IPublicClientApplication,
} from '@azure/msal-browser';
import { kustoError } from '../../../kusto/errors';
import { isTrustedKustoHost, untrustedHostMessage } from '../../../kusto/trusted-hosts';
import type { TokenProvider } from '../../../kusto/types';
import { silentRedirectUri } from './msal';

export function clusterScope(clusterUrl: string): string {
  return `${clusterUrl.replace(/\/+$/, '')}/.default`;
}

export interface MsalTokenProviderOptions {
  trustedHosts: readonly string[];
  origin: string;
  /** Called right before the page leaves for the identity provider, to save anything unsaved. */
  beforeRedirect?: () => void;
}

function isInteractionInProgress(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { errorCode?: unknown }).errorCode === BrowserAuthErrorCodes.interactionInProgress;
}

export function createMsalTokenProvider(msal: IPublicClientApplication, options: MsalTokenProviderOptions): TokenProvider {
  function account(): AccountInfo {
    const active = msal.getActiveAccount() ?? msal.getAllAccounts()[0];
    if (!active) throw kustoError('unauthorized', 'You are signed out. Sign in to run queries.');
    return active;
  }

  function assertTrusted(clusterUrl: string): void {
    // Checked before MSAL is asked: a token must never be minted for, let alone sent to, a host
    // nobody trusted (https://learn.microsoft.com/kusto/api/get-started/app-client-network-restrictions).
    if (!isTrustedKustoHost(clusterUrl, options.trustedHosts)) throw kustoError('untrusted-host', untrustedHostMessage(clusterUrl));
  }

  async function interact(clusterUrl: string): Promise<void> {
    assertTrusted(clusterUrl);
    options.beforeRedirect?.();
    try {
      await msal.acquireTokenRedirect({
        account: account(),
        scopes: [clusterScope(clusterUrl)],
        redirectUri: `${options.origin}/`,
      });
    } catch (e) {
      // Another redirect (sign-in, sign-out) is already under way: the page is about to leave.
      if (!isInteractionInProgress(e)) throw e;
    }
  }

  return {
    async getToken(clusterUrl, { forceRefresh = false } = {}) {
      assertTrusted(clusterUrl);
      try {
        const result = await msal.acquireTokenSilent({
          account: account(),
          scopes: [clusterScope(clusterUrl)],
          redirectUri: silentRedirectUri(options.origin),
          forceRefresh,
        });
        return result.accessToken;
      } catch (e) {
        if (e instanceof InteractionRequiredAuthError) {
          await interact(clusterUrl);
          throw kustoError('unauthorized', 'Your sign-in needs to be renewed; redirecting to the identity provider…');
        }
        if (typeof e === 'object' && e !== null && 'kind' in e) throw e;
        throw kustoError('unauthorized', `Could not get a token for ${clusterUrl}: ${e instanceof Error ? e.message : String(e)}`);
      }
    },
    interact,
  };
}
