/**
 * The tabs live in a small store outside React so every change is written to localStorage in the
 * same call that makes it: a crash or a sign-in redirect right after a keystroke loses nothing
 * (an effect would run after the paint, and not at all if the page leaves first).
 */

import { readStored, writeStored } from '../../../lib/storage';
import { parseStoredTabs, tabsReducer, type TabsAction, type TabsState } from '../utils/tabs-model';

/** The item name under which an account's tabs are stored (see `accountStorageKey`). */
export const TABS_ITEM = 'tabs';

export interface TabsStore {
  getState(): TabsState;
  dispatch(action: TabsAction): void;
  subscribe(listener: () => void): () => void;
}

export interface TabsStoreOptions {
  storage: Storage | undefined;
  /** The signed-in account's key for its tabs: another account's tabs are never read. */
  storageKey: string;
  clusterUrl: string;
  database: string;
  sampleText: string;
  newId: () => string;
}

export function createTabsStore({ storage, storageKey, clusterUrl, database, sampleText, newId }: TabsStoreOptions): TabsStore {
  let state: TabsState = parseStoredTabs(readStored(storage, storageKey)) ?? (() => {
    const id = newId();
    return { tabs: [{ id, title: null, clusterUrl, database, text: sampleText }], activeId: id };
  })();
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = tabsReducer(state, action);
      if (next === state) return;
      state = next;
      writeStored(storage, storageKey, JSON.stringify(state));
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
