import { useCallback, useRef, useState } from 'react';
import { localStore, readStored, writeStored } from '../../../lib/storage';
import { addCluster, parseStoredConnections, removeCluster, setClusterTenant, type AddClusterResult, type Connections, type SetTenantResult } from '../utils/connections-model';

/** The item name under which an account's connections are stored (see `accountStorageKey`). */
export const CONNECTIONS_ITEM = 'connections';

export interface ConnectionsApi {
  /** As of this render (for drawing). */
  connections: Connections;
  /**
   * As last saved, also within the event that changed them: what a token request reads, since a
   * run started in the same click as an add or a tenant change must get its token from that tenant
   * (read from the render's copy, its first request went with the old tenant's token and was refused).
   */
  current(): Connections;
  add(typed: string): AddClusterResult;
  remove(url: string): void;
  /** Names the tenant of a cluster (id or domain; empty: the default). */
  setTenant(url: string, typed: string): SetTenantResult;
  /** config.json's trustedHosts: the only hosts beyond Kusto's lists a token may go to. */
  configHosts: readonly string[];
}

/**
 * The signed-in account's clusters, remembered across reloads (localStorage under `storageKey`,
 * i.e. `accountStorageKey(account, CONNECTIONS_ITEM)`).
 */
export function useConnections(defaultClusters: readonly string[], configHosts: readonly string[], storageKey: string): ConnectionsApi {
  const [connections, setConnections] = useState(() => parseStoredConnections(readStored(localStore(), storageKey), defaultClusters));
  // Every change starts from the last saved list, so two changes in one event (add, then name its
  // tenant) both land, and readers in that event see them.
  const latest = useRef(connections);

  const save = useCallback(
    (next: Connections) => {
      writeStored(localStore(), storageKey, JSON.stringify(next));
      latest.current = next;
      setConnections(next);
    },
    [storageKey],
  );

  const current = useCallback(() => latest.current, []);
  const add = useCallback(
    (typed: string) => {
      const result = addCluster(latest.current, typed, configHosts);
      if (result.ok) save(result.connections);
      return result;
    },
    [configHosts, save],
  );
  const remove = useCallback((url: string) => save(removeCluster(latest.current, url)), [save]);
  const setTenant = useCallback(
    (url: string, typed: string) => {
      const result = setClusterTenant(latest.current, url, typed);
      if (result.ok) save(result.connections);
      return result;
    },
    [save],
  );
  return { connections, current, add, remove, setTenant, configHosts };
}
