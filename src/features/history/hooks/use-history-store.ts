import { useEffect, useState } from 'react';
import { deleteHistoryDatabase, openHistoryStore, type HistoryStore } from '../history-store';
import { errorText } from '../../../lib/error-text';

/** One open store per account database in this page, opened on first use. */
const opened = new Map<string, Promise<HistoryStore>>();

function storeNamed(name: string): Promise<HistoryStore> {
  let store = opened.get(name);
  if (!store) {
    store = openHistoryStore({ name });
    opened.set(name, store);
    store.catch(() => opened.delete(name));
  }
  return store;
}

/**
 * The signed-in account's history store; `name` is `accountStorageKey(account, HISTORY_ITEM)`.
 * `error` when IndexedDB is unavailable (some private modes).
 */
export function useHistoryStore(name: string): { store: HistoryStore | null; error: string | null; opening: Promise<HistoryStore> } {
  const [state, setState] = useState<{ store: HistoryStore | null; error: string | null }>({ store: null, error: null });
  useEffect(() => {
    let live = true;
    storeNamed(name).then(
      (store) => live && setState({ store, error: null }),
      (e: unknown) => {
        if (live) setState({ store: null, error: `History is not kept in this browser: ${errorText(e)}` });
      },
    );
    return () => {
      live = false;
    };
  }, [name]);
  // A run that ends before the database has opened (a link's run right after sign-in) waits for it
  // rather than going unrecorded.
  return { ...state, opening: storeNamed(name) };
}

/**
 * Sign-out: the account's kept results go; with `keepEntries` the list of past runs stays (the
 * user chose to keep drafts), otherwise the whole database goes.
 */
export async function forgetHistory(name: string, { keepEntries }: { keepEntries: boolean }): Promise<void> {
  if (keepEntries) {
    await (await storeNamed(name)).clearResults();
    return;
  }
  const store = opened.get(name);
  opened.delete(name);
  if (store) (await store.catch(() => null))?.close();
  await deleteHistoryDatabase(name);
}
