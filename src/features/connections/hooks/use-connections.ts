import { useCallback, useState } from 'react';
import { localStore, readStored, writeStored } from '../../../lib/storage';
import { addCluster, parseStoredConnections, removeCluster, setClusterTenant, type AddClusterResult, type Connections, type SetTenantResult } from '../utils/connections-model';

/** The item name under which an account's connections are stored (see `accountStorageKey`). */
export const CONNECTIONS_ITEM = 'connections';

export interface ConnectionsApi {
  connections: Connections;
  add(typed: string): AddClusterResult;
  remove(url: string): void;
  /**
   * Names the tenant of a cluster (id or domain; empty: the default). `base`: the list to change,
   * when it was just changed in the same event (an add) and this render has not seen it yet.
   */
  setTenant(url: string, typed: string, base?: Connections): SetTenantResult;
  /** config.json's trustedHosts: the only hosts beyond Kusto's lists a token may go to. */
  configHosts: readonly string[];
}

/**
 * The signed-in account's clusters, remembered across reloads (localStorage under `storageKey`,
 * i.e. `accountStorageKey(account, CONNECTIONS_ITEM)`).
 */
export function useConnections(defaultClusters: readonly string[], configHosts: readonly string[], storageKey: string): ConnectionsApi {
  const [connections, setConnections] = useState(() => parseStoredConnections(readStored(localStore(), storageKey), defaultClusters));

  const save = useCallback(
    (next: Connections) => {
      writeStored(localStore(), storageKey, JSON.stringify(next));
      setConnections(next);
    },
    [storageKey],
  );

  const add = useCallback(
    (typed: string) => {
      const result = addCluster(connections, typed, configHosts);
      if (result.ok) save(result.connections);
      return result;
    },
    [connections, configHosts, save],
  );
  const remove = useCallback((url: string) => save(removeCluster(connections, url)), [connections, save]);
  const setTenant = useCallback(
    (url: string, typed: string, base?: Connections) => {
      const result = setClusterTenant(base ?? connections, url, typed);
      if (result.ok) save(result.connections);
      return result;
    },
    [connections, save],
  );
  return { connections, add, remove, setTenant, configHosts };
}
