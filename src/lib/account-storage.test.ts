import { describe, expect, it } from 'vitest';
import { accountItemName, accountStorageKey, removeAccountItems } from './account-storage';

const ada = { homeAccountId: 'oid-ada.tenant-1' };
const adaElsewhere = { homeAccountId: 'oid-ada.tenant-2' };
const victor = { homeAccountId: 'oid-victor.tenant-1' };

describe('account storage keys', () => {
  it('names an item per account, and reads the name back only for that account', () => {
    const key = accountStorageKey(ada, 'tabs');
    expect(key).toBe('kqlw.tabs@oid-ada.tenant-1');
    expect(accountItemName(ada, key)).toBe('tabs');
    expect(accountItemName(victor, key)).toBeNull();
    expect(accountItemName(adaElsewhere, key)).toBeNull();
    expect(accountItemName(ada, 'kqlw.theme')).toBeNull();
  });

  it('keeps an id with "@" or "." from reaching another account’s keys', () => {
    const tricky = { homeAccountId: 'x@oid-ada.tenant-1' };
    expect(accountItemName(ada, accountStorageKey(tricky, 'tabs'))).toBeNull();
  });

  it('removes one account’s items, except the names kept, and nothing of anyone else', () => {
    localStorage.clear();
    localStorage.setItem(accountStorageKey(ada, 'tabs'), 'a');
    localStorage.setItem(accountStorageKey(ada, 'connections'), 'b');
    localStorage.setItem(accountStorageKey(ada, 'other'), 'c');
    localStorage.setItem(accountStorageKey(victor, 'tabs'), 'd');
    localStorage.setItem('kqlw.theme', 'dark');
    removeAccountItems(localStorage, ada, ['tabs']);
    expect(Object.keys(localStorage).sort()).toEqual([accountStorageKey(ada, 'tabs'), accountStorageKey(victor, 'tabs'), 'kqlw.theme'].sort());
    removeAccountItems(localStorage, ada);
    expect(Object.keys(localStorage).sort()).toEqual([accountStorageKey(victor, 'tabs'), 'kqlw.theme'].sort());
  });
});
