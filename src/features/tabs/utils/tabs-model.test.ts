import { describe, expect, it } from 'vitest';
import { activeTab, MAX_CLOSED_TABS, parseStoredTabs, tabTitle, tabsReducer, type TabsState } from './tabs-model';

const start: TabsState = { tabs: [{ id: 'a', title: null, clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text: 'StormEvents' }], activeId: 'a' };

function threeTabs(): TabsState {
  let state = tabsReducer(start, { type: 'new', id: 'b', clusterUrl: 'c', database: 'd', text: 'print b = 1' });
  state = tabsReducer(state, { type: 'new', id: 'c', clusterUrl: 'c', database: 'd' });
  return state;
}

describe('tabsReducer: switching and reopening', () => {
  it('moves to the next and previous tab, wrapping around', () => {
    let state = threeTabs();
    expect(state.activeId).toBe('c');
    state = tabsReducer(state, { type: 'activate-relative', step: 1 });
    expect(state.activeId).toBe('a');
    state = tabsReducer(state, { type: 'activate-relative', step: -1 });
    expect(state.activeId).toBe('c');
    state = tabsReducer(state, { type: 'activate-relative', step: -1 });
    expect(state.activeId).toBe('b');
  });

  it('reopens the last closed tab at its place, with its text and context, most recent first', () => {
    let state = tabsReducer(threeTabs(), { type: 'close', id: 'b', newId: 'x' });
    state = tabsReducer(state, { type: 'close', id: 'a', newId: 'x' });
    expect(state.tabs.map((t) => t.id)).toEqual(['c']);
    state = tabsReducer(state, { type: 'reopen-closed' });
    expect(state.tabs.map((t) => t.id)).toEqual(['a', 'c']);
    expect(state.activeId).toBe('a');
    state = tabsReducer(state, { type: 'reopen-closed' });
    expect(state.tabs.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    expect(activeTab(state)).toMatchObject({ id: 'b', text: 'print b = 1', clusterUrl: 'c', database: 'd' });
    expect(tabsReducer(state, { type: 'reopen-closed' })).toBe(state);
  });

  it('reopens the last tab even after it was replaced by the empty one', () => {
    let state = tabsReducer(start, { type: 'close', id: 'a', newId: 'x' });
    state = tabsReducer(state, { type: 'reopen-closed' });
    expect(state.tabs.map((t) => t.id)).toEqual(['a', 'x']);
    expect(activeTab(state).text).toBe('StormEvents');
  });

  it(`keeps only the last ${MAX_CLOSED_TABS} closed tabs`, () => {
    let state = start;
    for (let i = 0; i < MAX_CLOSED_TABS + 5; i++) {
      state = tabsReducer(state, { type: 'new', id: `t${i}`, clusterUrl: 'c', database: 'd' });
      state = tabsReducer(state, { type: 'close', id: `t${i}`, newId: 'x' });
    }
    expect(state.closed).toHaveLength(MAX_CLOSED_TABS);
    expect(state.closed?.[MAX_CLOSED_TABS - 1]?.tab.id).toBe(`t${MAX_CLOSED_TABS + 4}`);
  });

  it('keeps the closed tabs across a reload and drops unreadable entries', () => {
    const state = tabsReducer(threeTabs(), { type: 'close', id: 'b', newId: 'x' });
    const stored = JSON.parse(JSON.stringify(state)) as { closed: unknown[] };
    stored.closed.push({ tab: { id: 'broken' }, index: 0 }, { tab: state.tabs[0], index: -1 });
    const parsed = parseStoredTabs(JSON.stringify(stored));
    expect(parsed?.closed?.map((c) => c.tab.id)).toEqual(['b']);
    expect(tabsReducer(parsed!, { type: 'reopen-closed' }).activeId).toBe('b');
  });
});

describe('tabsReducer', () => {
  it('remembers progressive results per tab across a reload, off unless turned on', () => {
    const on = tabsReducer(threeTabs(), { type: 'set-progressive', id: 'b', progressive: true });
    const parsed = parseStoredTabs(JSON.stringify(on))!;
    expect(parsed.tabs.map((t) => t.progressive ?? false)).toEqual([false, true, false]);
    const off = tabsReducer(parsed, { type: 'set-progressive', id: 'b', progressive: false });
    expect(off.tabs[1]).not.toHaveProperty('progressive');
    expect(parseStoredTabs(JSON.stringify({ tabs: [{ ...start.tabs[0], progressive: 'yes' }], activeId: 'a' }))).toBeNull();
  });

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
