import { useMsal } from '@azure/msal-react';
import { useCallback } from 'react';
import type { MsalTokenProvider } from '../api/token-provider';
import { clusterScope } from '../api/token-provider';

/** What the buttons of a sign-in problem do, for the cluster the problem is about. */
export function useSignInActions(tokenProvider: MsalTokenProvider) {
  const { instance } = useMsal();
  const origin = window.location.origin;
  return useCallback(
    (clusterUrl: string) => ({
      onSwitchAccount: () => {
        instance.loginRedirect({ scopes: [clusterScope(clusterUrl)], redirectUri: `${origin}/`, prompt: 'select_account' }).catch(() => undefined);
      },
      onTryAgain: () => {
        tokenProvider.interact(clusterUrl, { force: true }).catch(() => undefined);
      },
      // Another cloud has other accounts: /organizations lets the user sign in with one of its.
      onSignInToCloud: (loginEndpoint: string) => {
        instance
          .loginRedirect({ authority: `${loginEndpoint}/organizations`, scopes: [clusterScope(clusterUrl)], redirectUri: `${origin}/`, prompt: 'select_account' })
          .catch(() => undefined);
      },
    }),
    [instance, tokenProvider, origin],
  );
}
