import { describe, expect, it } from 'vitest';
import { createTabsStore, LEGACY_DRAFT_KEY, TABS_STORAGE_KEY } from './tabs-store';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() { return map.size; },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

const options = { clusterUrl: 'https://localhost:8443', database: 'Samples', sampleText: 'StormEvents | take 10' };

describe('createTabsStore', () => {
  it('writes every change to storage synchronously, so a new store (a reload) sees it', () => {
    const storage = memoryStorage();
    let n = 0;
    const store = createTabsStore({ storage, ...options, newId: () => `t${n++}` });
    store.dispatch({ type: 'set-text', id: 't0', text: 'print 1' });
    expect(storage.getItem(TABS_STORAGE_KEY)).toContain('print 1');
    const reloaded = createTabsStore({ storage, ...options, newId: () => 'other' });
    expect(reloaded.getState().tabs[0].text).toBe('print 1');
  });

  it("carries the walking skeleton's single draft into the first tab", () => {
    const storage = memoryStorage();
    storage.setItem(LEGACY_DRAFT_KEY, 'StormEvents | count');
    expect(createTabsStore({ storage, ...options, newId: () => 'a' }).getState().tabs[0].text).toBe('StormEvents | count');
  });
});
