import { describe, expect, it } from 'vitest';
import { accountStorageKey } from '../../../lib/account-storage';
import { createTabsStore, TABS_ITEM } from './tabs-store';
import { memoryStorage } from '../../../testing/memory-storage';

const ada = { homeAccountId: 'oid-ada.tenant' };
const victor = { homeAccountId: 'oid-victor.tenant' };
const defaults = { clusterUrl: 'https://localhost:8443', database: 'Samples', sampleText: 'StormEvents | take 10' };
const options = { ...defaults, storageKey: accountStorageKey(ada, TABS_ITEM) };

describe('createTabsStore', () => {
  it('writes every change to storage synchronously, so a new store (a reload) sees it', () => {
    const storage = memoryStorage();
    let n = 0;
    const store = createTabsStore({ storage, ...options, newId: () => `t${n++}` });
    store.dispatch({ type: 'set-text', id: 't0', text: 'print 1' });
    expect(storage.getItem(accountStorageKey(ada, TABS_ITEM))).toContain('print 1');
    const reloaded = createTabsStore({ storage, ...options, newId: () => 'other' });
    expect(reloaded.getState().tabs[0].text).toBe('print 1');
  });

  it("never shows one account's tabs to another account in the same browser", () => {
    const storage = memoryStorage();
    const adas = createTabsStore({ storage, ...options, newId: () => 'a' });
    adas.dispatch({ type: 'set-text', id: 'a', text: 'print secret = "ada"' });
    const victors = createTabsStore({ storage, ...defaults, storageKey: accountStorageKey(victor, TABS_ITEM), newId: () => 'v' });
    expect(victors.getState().tabs).toEqual([expect.objectContaining({ id: 'v', text: defaults.sampleText })]);
    expect(createTabsStore({ storage, ...options, newId: () => 'other' }).getState().tabs[0].text).toBe('print secret = "ada"');
  });

  it('does not adopt the drafts older versions stored without an owner', () => {
    const storage = memoryStorage();
    storage.setItem('kqlw.tabs', JSON.stringify({ tabs: [{ id: 'x', title: null, clusterUrl: defaults.clusterUrl, database: 'Samples', text: 'print whose = 1' }], activeId: 'x' }));
    storage.setItem('kqlw.draft.query', 'print whose = 2');
    expect(createTabsStore({ storage, ...options, newId: () => 'a' }).getState().tabs[0].text).toBe(defaults.sampleText);
  });
});
