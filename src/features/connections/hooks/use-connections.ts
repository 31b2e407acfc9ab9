import { useCallback, useState } from 'react';
import { localStore, readStored, writeStored } from '../../../lib/storage';
import { addCluster, parseStoredConnections, removeCluster, type AddClusterResult, type Connections } from '../utils/connections-model';

export const CONNECTIONS_STORAGE_KEY = 'kqlw.connections';

export interface ConnectionsApi {
  connections: Connections;
  add(typed: string): AddClusterResult;
  remove(url: string): void;
  setApprovedHosts(hosts: string[]): void;
}

/** The user's clusters, remembered across reloads (localStorage). */
export function useConnections(defaultClusters: readonly string[], configHosts: readonly string[]): ConnectionsApi {
  const [connections, setConnections] = useState(() => parseStoredConnections(readStored(localStore(), CONNECTIONS_STORAGE_KEY), defaultClusters));

  const save = useCallback((next: Connections) => {
    writeStored(localStore(), CONNECTIONS_STORAGE_KEY, JSON.stringify(next));
    setConnections(next);
  }, []);

  const add = useCallback(
    (typed: string) => {
      const result = addCluster(connections, typed, configHosts);
      if (result.ok) save(result.connections);
      return result;
    },
    [connections, configHosts, save],
  );
  const remove = useCallback((url: string) => save(removeCluster(connections, url)), [connections, save]);
  const setApprovedHosts = useCallback((hosts: string[]) => save({ ...connections, approvedHosts: hosts }), [connections, save]);
  return { connections, add, remove, setApprovedHosts };
}
