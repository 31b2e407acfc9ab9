import { useEffect, useState } from 'react';
import type { HistoryEntry, HistoryStore } from '../history-store';

/** Entries matching `search`, newest first, refreshed whenever the store changes. */
export function useHistoryEntries(store: HistoryStore | null, search: string): HistoryEntry[] | null {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  useEffect(() => {
    if (!store) return;
    let live = true;
    let generation = 0;
    const load = () => {
      const mine = ++generation;
      void store.list({ search }).then((list) => {
        if (live && mine === generation) setEntries(list);
      });
    };
    load();
    const unsubscribe = store.subscribe(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store, search]);
  return entries;
}
