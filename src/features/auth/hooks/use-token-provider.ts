import type { AccountInfo } from '@azure/msal-browser';
import { useMsal } from '@azure/msal-react';
import { useMemo, useRef } from 'react';
import { useRuntimeConfig } from '../../../config/runtime-config-context';
import { clusterClouds } from '../api/cluster-clouds';
import { createTenantDirectory } from '../api/tenant-directory';
import { createMsalTokenProvider, type MsalTokenProvider, type PendingRedirect } from '../api/token-provider';
import type { KustoError } from '../../../kusto/errors';
import { localStore } from '../../../lib/storage';

export interface TokenProviderInputs {
  trustedHosts: readonly string[];
  /** The workbench's account: every token is this account's, in whichever tenant the cluster needs. */
  account: AccountInfo | null;
  /** The tenant the user named for a connection, if any. */
  connectionTenantOf: (clusterUrl: string) => string | undefined;
  beforeRedirect?: (pending: PendingRedirect) => void;
  redirectBlockedBy?: (pending: PendingRedirect) => KustoError | null;
}

export function useTokenProvider(inputs: TokenProviderInputs): MsalTokenProvider {
  const { instance } = useMsal();
  const config = useRuntimeConfig();
  // Read through a ref: a new tenant for a connection or a new callback must not make a new provider
  // (and with it new queries in every hook keyed on it).
  const latest = useRef(inputs);
  latest.current = inputs;
  const { trustedHosts } = inputs;
  return useMemo(
    () =>
      createMsalTokenProvider(instance, {
        trustedHosts,
        origin: window.location.origin,
        defaultAuthority: config.auth.authority,
        clientId: config.auth.clientId,
        account: () => latest.current.account,
        route: (clusterUrl) => {
          const configured = config.clusters.find((c) => c.url === clusterUrl);
          return {
            connectionTenant: latest.current.connectionTenantOf(clusterUrl),
            pinnedAuthority: configured?.authority,
            configTenant: configured?.tenant,
          };
        },
        cloudInfo: clusterClouds(),
        tenants: createTenantDirectory(localStore()),
        beforeRedirect: (pending) => latest.current.beforeRedirect?.(pending),
        redirectBlockedBy: (pending) => latest.current.redirectBlockedBy?.(pending) ?? null,
      }),
    [instance, config, trustedHosts],
  );
}
