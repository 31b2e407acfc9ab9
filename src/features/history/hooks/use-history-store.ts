import { useEffect, useState } from 'react';
import { openHistoryStore, type HistoryStore } from '../history-store';

let shared: Promise<HistoryStore> | null = null;

/** The page's one history store, opened on first use. `error` when IndexedDB is unavailable (some private modes). */
export function useHistoryStore(): { store: HistoryStore | null; error: string | null } {
  const [state, setState] = useState<{ store: HistoryStore | null; error: string | null }>({ store: null, error: null });
  useEffect(() => {
    let live = true;
    shared ??= openHistoryStore();
    shared.then(
      (store) => live && setState({ store, error: null }),
      (e: unknown) => {
        shared = null;
        if (live) setState({ store: null, error: `History is not kept in this browser: ${e instanceof Error ? e.message : String(e)}` });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
