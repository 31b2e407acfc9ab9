/**
 * What the workbench does to its tabs: the active tab's text and context, and new tabs — a link's,
 * a history entry's, a Local files one. A new tab without a database takes the cluster's
 * configured default, else the active tab's when it is on that cluster, else the first cluster's.
 */

import { useCallback, useMemo } from 'react';
import type { ClusterConfig } from '../config/runtime-config';
import type { ConnectionContext } from '../features/connections/components/connection-pane';
import type { TabsStore } from '../features/tabs/hooks/tabs-store';
import type { QueryTab } from '../features/tabs/utils/tabs-model';
import { LOCAL_FILES_CLUSTER, LOCAL_FILES_DATABASE } from '../kusto/local-files';

export interface TabActionsOptions {
  tabsStore: Pick<TabsStore, 'dispatch'>;
  tab: Pick<QueryTab, 'id' | 'clusterUrl' | 'database'>;
  clusters: readonly [ClusterConfig, ...ClusterConfig[]];
  newId?: () => string;
}

const randomId = () => crypto.randomUUID();

export function useTabActions({ tabsStore, tab, clusters, newId = randomId }: TabActionsOptions) {
  const { id, clusterUrl: activeCluster, database: activeDatabase } = tab;
  const defaultDatabaseOf = useCallback(
    (clusterUrl: string) => clusters.find((c) => c.url === clusterUrl)?.defaultDatabase ?? (clusterUrl === activeCluster ? activeDatabase : clusters[0].defaultDatabase),
    [clusters, activeCluster, activeDatabase],
  );
  const openInNewTab = useCallback(
    (target: { clusterUrl: string; database: string | null; text: string }): string => {
      const opened = newId();
      tabsStore.dispatch({ type: 'new', id: opened, clusterUrl: target.clusterUrl, database: target.database ?? defaultDatabaseOf(target.clusterUrl), text: target.text });
      return opened;
    },
    [tabsStore, defaultDatabaseOf, newId],
  );
  return useMemo(() => ({
    defaultDatabaseOf,
    openInNewTab,
    selectContext: (context: ConnectionContext) => tabsStore.dispatch({ type: 'set-context', id, ...context }),
    setText: (text: string) => tabsStore.dispatch({ type: 'set-text', id, text }),
    setProgressive: (progressive: boolean) => tabsStore.dispatch({ type: 'set-progressive', id, progressive }),
    openLocalTab: () => tabsStore.dispatch({ type: 'new', id: newId(), clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE }),
    selectLocal: () => tabsStore.dispatch({ type: 'set-context', id, clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE }),
  }), [tabsStore, id, defaultDatabaseOf, openInNewTab, newId]);
}
