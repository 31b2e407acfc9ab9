import { useState, useSyncExternalStore } from 'react';
import { localStore } from '../../../lib/storage';
import { createTabsStore, type TabsStore } from './tabs-store';
import type { TabsState } from '../utils/tabs-model';

/** The signed-in account's tabs; `storageKey` is `accountStorageKey(account, TABS_ITEM)`. */
export function useTabs(defaults: { clusterUrl: string; database: string; sampleText: string; storageKey: string }): [TabsState, TabsStore] {
  const [store] = useState(() => createTabsStore({ storage: localStore(), ...defaults, newId: () => crypto.randomUUID() }));
  const state = useSyncExternalStore(store.subscribe, store.getState);
  return [state, store];
}
