/**
 * The line under each cluster in the connection tree: the account its queries run as, and the
 * tenant its tokens come from (the connection's, the one config.json names, or the home tenant).
 */

import type { AccountInfo } from '@azure/msal-browser';
import { useCallback, useMemo } from 'react';
import type { RuntimeConfig } from '../config/runtime-config';
import { accountLabel, homeTenantIdOf } from '../features/auth/api/accounts';
import { connectionIdentity, connectionIdentityText } from '../features/auth/api/connection-identity';
import { createTenantDirectory } from '../features/auth/api/tenant-directory';
import { tenantOf, type Connections } from '../features/connections/utils/connections-model';
import { localStore } from '../lib/storage';

export interface IdentityOfInput {
  account: AccountInfo;
  config: Pick<RuntimeConfig, 'auth' | 'clusters'>;
  connections: Connections;
  /** Where the tenant ids learned from tokens are kept (tenant-directory.ts); default localStorage. */
  storage?: Storage | undefined;
}

export function useIdentityOf({ account, config, connections, storage }: IdentityOfInput): (clusterUrl: string) => string {
  // A domain shows instead of a tenant id the directory has learned from a token.
  const tenantDirectory = useMemo(() => createTenantDirectory(storage ?? localStore()), [storage]);
  return useCallback(
    (url: string) => {
      const configured = config.clusters.find((c) => c.url === url);
      return connectionIdentityText(connectionIdentity({
        accountName: accountLabel(account),
        connectionTenant: tenantOf(connections, url),
        pinnedAuthority: configured?.authority,
        configTenant: configured?.tenant,
        defaultAuthority: config.auth.authority,
        domainOf: (id) => tenantDirectory.domainOf(id),
        homeTenantId: homeTenantIdOf(account),
      }));
    },
    [account, config, connections, tenantDirectory],
  );
}
