/**
 * The app's one Kusto client: the signed-in user's tokens, the trusted hosts of config and the
 * user, x-ms-user, and v2 answers decoded in the worker. Every request to a cluster goes through it.
 */

import { useMemo } from 'react';
import { createKustoClient, type KustoClient } from '../kusto/client/kusto-client';
import type { TokenProvider } from '../kusto/types';
import { decodeResponseInWorker } from '../workers/decode-client';

export function useKustoClient(tokenProvider: TokenProvider, trustedHosts: readonly string[], userName: () => string): KustoClient {
  return useMemo(
    () => createKustoClient({ tokenProvider, trustedHosts, user: userName, decodeQuery: decodeResponseInWorker }),
    [tokenProvider, trustedHosts, userName],
  );
}
