import { useMsal } from '@azure/msal-react';
import { useMemo } from 'react';
import type { TokenProvider } from '../../../kusto/types';
import { createMsalTokenProvider } from '../api/token-provider';

export function useTokenProvider(trustedHosts: readonly string[], beforeRedirect?: () => void): TokenProvider {
  const { instance } = useMsal();
  return useMemo(
    () => createMsalTokenProvider(instance, { trustedHosts, origin: window.location.origin, beforeRedirect }),
    [instance, trustedHosts, beforeRedirect],
  );
}
