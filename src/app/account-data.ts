/**
 * What this browser keeps for a signed-in account, by name, and what sign-out removes. Every item
 * is stored under `accountStorageKey(account, item)` (src/lib/account-storage.ts), so another
 * account on the same browser profile never reads it.
 */
import type { SignOutChoice } from '../features/auth/components/sign-out-dialog';
import { CONNECTIONS_ITEM } from '../features/connections/hooks/use-connections';
import { HISTORY_ITEM, deleteHistoryDatabase } from '../features/history/history-store';
import { forgetHistory } from '../features/history/hooks/use-history-store';
import { deleteFileHandles, LOCAL_FILE_HANDLES_ITEM } from '../features/local-files/remembered-files';
import { TABS_ITEM } from '../features/tabs/hooks/tabs-store';
import { accountStorageKey, removeAccountItems, type StorageAccount } from '../lib/account-storage';
import { localStore, removeStored } from '../lib/storage';

export interface AccountStorageNames {
  tabs: string;
  connections: string;
  history: string;
}

export function accountStorageNames(account: StorageAccount): AccountStorageNames {
  return {
    tabs: accountStorageKey(account, TABS_ITEM),
    connections: accountStorageKey(account, CONNECTIONS_ITEM),
    history: accountStorageKey(account, HISTORY_ITEM),
  };
}

/**
 * Sign-out: the kept results and the local files' handles always go (the list of files they belong
 * to is one of the removed items); tabs, connections and past runs only stay when the user keeps drafts.
 */
export async function forgetAccountData(account: StorageAccount, { keepDrafts }: SignOutChoice): Promise<void> {
  removeAccountItems(localStore(), account, keepDrafts ? [TABS_ITEM, CONNECTIONS_ITEM] : []);
  await deleteFileHandles(accountStorageKey(account, LOCAL_FILE_HANDLES_ITEM));
  await forgetHistory(accountStorageKey(account, HISTORY_ITEM), { keepEntries: keepDrafts });
}

/**
 * Items that earlier versions stored with no account in their name. Whose they are cannot be
 * known, so no account may adopt them: they are removed.
 */
const UNOWNED_LOCAL_ITEMS = ['kqlw.tabs', 'kqlw.draft.query', 'kqlw.connections'];
const UNOWNED_HISTORY_DATABASE = 'kql-workbench-history';

export async function removeUnownedStorage(): Promise<void> {
  const storage = localStore();
  for (const key of UNOWNED_LOCAL_ITEMS) removeStored(storage, key);
  if (typeof indexedDB !== 'undefined') await deleteHistoryDatabase(UNOWNED_HISTORY_DATABASE).catch(() => undefined);
}
