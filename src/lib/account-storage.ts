/**
 * Whose a stored item is. Everything the app keeps in the browser for a user (tabs and connections
 * in localStorage, history and kept results in IndexedDB) is stored under a name that carries the
 * signed-in MSAL account's `homeAccountId` — the id MSAL itself keys its cache by, unique per
 * account and tenant (https://learn.microsoft.com/en-us/entra/identity-platform/msal-js-sso,
 * AccountInfo.homeAccountId) — so on a shared browser profile one account never reads another's.
 *
 *   accountStorageKey(account, 'tabs')     → "kqlw.tabs@<homeAccountId>"  (a localStorage key)
 *   accountStorageKey(account, 'history')  → "kqlw.history@<homeAccountId>" (an IndexedDB name)
 */

/** The part of MSAL's AccountInfo that says whose data an item is. */
export interface StorageAccount {
  homeAccountId: string;
}

const PREFIX = 'kqlw.';

/** The storage key (or database name) of the item `name` of `account`. */
export function accountStorageKey(account: StorageAccount, name: string): string {
  return `${PREFIX}${name}@${encodeURIComponent(account.homeAccountId)}`;
}

/** The item name of an account's key (`tabs` of "kqlw.tabs@…"), or null when the key is not the account's. */
export function accountItemName(account: StorageAccount, key: string): string | null {
  const suffix = `@${encodeURIComponent(account.homeAccountId)}`;
  if (!key.startsWith(PREFIX) || !key.endsWith(suffix)) return null;
  const name = key.slice(PREFIX.length, key.length - suffix.length);
  return name === '' ? null : name;
}

/** Removes every item of `account` from `storage` except the names in `keep`. Never throws. */
export function removeAccountItems(storage: Storage | undefined, account: StorageAccount, keep: readonly string[] = []): void {
  if (!storage) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null) keys.push(key);
    }
    for (const key of keys) {
      const name = accountItemName(account, key);
      if (name !== null && !keep.includes(name)) storage.removeItem(key);
    }
  } catch {
    // storage unavailable (privacy mode): there is nothing stored to remove
  }
}
