import { describe, expect, it } from 'vitest';
import { activeTab, parseStoredTabs, tabTitle, tabsReducer, type TabsState } from './tabs-model';

const start: TabsState = { tabs: [{ id: 'a', title: null, clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text: 'StormEvents' }], activeId: 'a' };

describe('tabsReducer', () => {
  it('opens a new tab with the given context and makes it active', () => {
    const next = tabsReducer(start, { type: 'new', id: 'b', clusterUrl: 'https://localhost:8443', database: 'Big' });
    expect(next.tabs.map((t) => t.id)).toEqual(['a', 'b']);
    expect(activeTab(next)).toMatchObject({ id: 'b', database: 'Big', text: '' });
  });

  it('names an unnamed tab after its cluster and database, and a rename to blank goes back to that', () => {
    expect(tabTitle(start.tabs[0])).toBe('help.Samples');
    const renamed = tabsReducer(start, { type: 'rename', id: 'a', title: '  Storms ' });
    expect(tabTitle(renamed.tabs[0])).toBe('Storms');
    expect(tabTitle(tabsReducer(renamed, { type: 'rename', id: 'a', title: ' ' }).tabs[0])).toBe('help.Samples');
  });

  it('closing the active tab activates its neighbour; closing the last one leaves an empty tab', () => {
    let state = tabsReducer(start, { type: 'new', id: 'b', clusterUrl: 'c', database: 'd' });
    state = tabsReducer(state, { type: 'new', id: 'c', clusterUrl: 'c', database: 'd' });
    state = tabsReducer(state, { type: 'activate', id: 'b' });
    state = tabsReducer(state, { type: 'close', id: 'b', newId: 'x' });
    expect(state.activeId).toBe('c');
    state = tabsReducer(state, { type: 'close', id: 'c', newId: 'x' });
    state = tabsReducer(state, { type: 'close', id: 'a', newId: 'x' });
    expect(state.tabs).toEqual([{ id: 'x', title: null, clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text: '' }]);
  });

  it('returns the same state when the text did not change (no needless write)', () => {
    expect(tabsReducer(start, { type: 'set-text', id: 'a', text: 'StormEvents' }).tabs[0]).toBe(start.tabs[0]);
  });
});

describe('parseStoredTabs', () => {
  it('round-trips the state and repairs a dangling active id', () => {
    expect(parseStoredTabs(JSON.stringify(start))).toEqual(start);
    expect(parseStoredTabs(JSON.stringify({ ...start, activeId: 'gone' }))?.activeId).toBe('a');
  });

  it.each([null, 'not json', '{}', '{"tabs":[]}', '{"tabs":[{"id":1}]}'])('starts fresh from %s', (text) => {
    expect(parseStoredTabs(text)).toBeNull();
  });
});
