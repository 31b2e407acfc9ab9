/**
 * The tabs live in a small store outside React so every change is written to localStorage in the
 * same call that makes it: a crash or a sign-in redirect right after a keystroke loses nothing
 * (an effect would run after the paint, and not at all if the page leaves first).
 */

import { readStored, writeStored } from '../../../lib/storage';
import { parseStoredTabs, tabsReducer, type TabsAction, type TabsState } from '../utils/tabs-model';

export const TABS_STORAGE_KEY = 'kqlw.tabs';
/** The walking skeleton's single draft, carried into the first tab. */
export const LEGACY_DRAFT_KEY = 'kqlw.draft.query';

export interface TabsStore {
  getState(): TabsState;
  dispatch(action: TabsAction): void;
  subscribe(listener: () => void): () => void;
}

export interface TabsStoreOptions {
  storage: Storage | undefined;
  clusterUrl: string;
  database: string;
  sampleText: string;
  newId: () => string;
}

export function createTabsStore({ storage, clusterUrl, database, sampleText, newId }: TabsStoreOptions): TabsStore {
  let state: TabsState = parseStoredTabs(readStored(storage, TABS_STORAGE_KEY)) ?? (() => {
    const id = newId();
    const text = readStored(storage, LEGACY_DRAFT_KEY) ?? sampleText;
    return { tabs: [{ id, title: null, clusterUrl, database, text }], activeId: id };
  })();
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = tabsReducer(state, action);
      if (next === state) return;
      state = next;
      writeStored(storage, TABS_STORAGE_KEY, JSON.stringify(state));
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
