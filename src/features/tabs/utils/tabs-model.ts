/**
 * Query tabs as data: each has its own cluster, database and text. Pure reducer + (de)serializer,
 * so persistence and the rules (never zero tabs, closing picks a neighbour) are unit-tested.
 */

import { isLocalFilesCluster, LOCAL_FILES_LABEL } from '../../../kusto/local-files';
import { parseStoredObject } from '../../../lib/storage';

export interface QueryTab {
  id: string;
  /** null: named after its context, as in the ADX web UI. */
  title: string | null;
  clusterUrl: string;
  database: string;
  text: string;
  /**
   * Ask for progressive results (`results_progressive_enabled`): the cluster sends rows as the
   * query finds them, with TableProgress, instead of one table at the end.
   */
  progressive?: boolean;
}

export interface TabsState {
  tabs: [QueryTab, ...QueryTab[]];
  activeId: string;
  /** Recently closed tabs, most recent last, with where they stood (Ctrl+Shift+Alt+T reopens). */
  closed?: readonly ClosedTab[];
}

export interface ClosedTab {
  tab: QueryTab;
  index: number;
}

/** Enough to undo a few closes; each holds a whole query text, and all of it is persisted. */
export const MAX_CLOSED_TABS = 10;

export type TabsAction =
  | { type: 'new'; id: string; clusterUrl: string; database: string; text?: string }
  | { type: 'close'; id: string; newId: string }
  | { type: 'activate'; id: string }
  /** The next (+1) or previous (-1) tab, wrapping around. */
  | { type: 'activate-relative'; step: 1 | -1 }
  /** The most recently closed tab comes back where it was, with its text and context. */
  | { type: 'reopen-closed' }
  | { type: 'rename'; id: string; title: string }
  | { type: 'set-text'; id: string; text: string }
  | { type: 'set-context'; id: string; clusterUrl: string; database: string }
  | { type: 'set-progressive'; id: string; progressive: boolean };

export function defaultTabTitle(tab: Pick<QueryTab, 'clusterUrl' | 'database'>): string {
  if (isLocalFilesCluster(tab.clusterUrl)) return LOCAL_FILES_LABEL;
  const host = tab.clusterUrl.replace(/^https?:\/\//, '').replace(/\.kusto\.windows\.net$/, '');
  return `${host}.${tab.database}`;
}

export function tabTitle(tab: QueryTab): string {
  return tab.title ?? defaultTabTitle(tab);
}

export function activeTab(state: TabsState): QueryTab {
  return state.tabs.find((t) => t.id === state.activeId) ?? state.tabs[0];
}

function mapTab(state: TabsState, id: string, f: (tab: QueryTab) => QueryTab): TabsState {
  const [first, ...rest] = state.tabs;
  const tabs: [QueryTab, ...QueryTab[]] = [first.id === id ? f(first) : first, ...rest.map((t) => (t.id === id ? f(t) : t))];
  return { ...state, tabs };
}

export function tabsReducer(state: TabsState, action: TabsAction): TabsState {
  switch (action.type) {
    case 'new': {
      const tab: QueryTab = { id: action.id, title: null, clusterUrl: action.clusterUrl, database: action.database, text: action.text ?? '' };
      return { ...state, tabs: [...state.tabs, tab], activeId: tab.id };
    }
    case 'close': {
      const index = state.tabs.findIndex((t) => t.id === action.id);
      if (index < 0) return state;
      const remaining = state.tabs.filter((t) => t.id !== action.id);
      const [first, ...rest] = remaining;
      const closedTab = state.tabs[index]!;
      const closed = [...(state.closed ?? []), { tab: closedTab, index }].slice(-MAX_CLOSED_TABS);
      if (!first) {
        // The last tab closes into an empty one with the same context, like an editor's last file.
        const fresh: QueryTab = { id: action.newId, title: null, clusterUrl: closedTab.clusterUrl, database: closedTab.database, text: '' };
        return { tabs: [fresh], activeId: fresh.id, closed };
      }
      const activeId = state.activeId === action.id ? (remaining[Math.min(index, remaining.length - 1)] ?? first).id : state.activeId;
      return { tabs: [first, ...rest], activeId, closed };
    }
    case 'activate':
      return state.tabs.some((t) => t.id === action.id) ? { ...state, activeId: action.id } : state;
    case 'activate-relative': {
      if (state.tabs.length < 2) return state;
      const index = state.tabs.findIndex((t) => t.id === state.activeId);
      const next = state.tabs[(index + action.step + state.tabs.length) % state.tabs.length]!;
      return { ...state, activeId: next.id };
    }
    case 'reopen-closed': {
      const closed = state.closed ?? [];
      const last = closed[closed.length - 1];
      if (!last) return state;
      // Ids are random UUIDs, so a clash means the same tab is somehow open already: just show it.
      if (state.tabs.some((t) => t.id === last.tab.id)) return { ...state, activeId: last.tab.id, closed: closed.slice(0, -1) };
      const tabs = [...state.tabs];
      tabs.splice(Math.min(last.index, tabs.length), 0, last.tab);
      const [first, ...rest] = tabs;
      return { tabs: [first!, ...rest], activeId: last.tab.id, closed: closed.slice(0, -1) };
    }
    case 'rename': {
      const title = action.title.trim();
      return mapTab(state, action.id, (t) => ({ ...t, title: title === '' ? null : title }));
    }
    case 'set-text':
      return mapTab(state, action.id, (t) => (t.text === action.text ? t : { ...t, text: action.text }));
    case 'set-context':
      return mapTab(state, action.id, (t) => ({ ...t, clusterUrl: action.clusterUrl, database: action.database }));
    case 'set-progressive':
      return mapTab(state, action.id, ({ progressive: _, ...t }) => (action.progressive ? { ...t, progressive: true } : t));
  }
}

function isTab(value: unknown): value is QueryTab {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t['id'] === 'string' && (t['title'] === null || typeof t['title'] === 'string') &&
    typeof t['clusterUrl'] === 'string' && typeof t['database'] === 'string' && typeof t['text'] === 'string' &&
    (t['progressive'] === undefined || typeof t['progressive'] === 'boolean')
  );
}

function isClosedTab(value: unknown): value is ClosedTab {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return isTab(c['tab']) && typeof c['index'] === 'number' && Number.isInteger(c['index']) && c['index'] >= 0;
}

/** Reads stored tabs; unreadable or empty storage gives null (the caller starts fresh). */
export function parseStoredTabs(text: string | null): TabsState | null {
  const stored = parseStoredObject(text);
  if (stored === null) return null;
  const { tabs, activeId, closed } = stored;
  if (!Array.isArray(tabs)) return null;
  const [first, ...rest] = tabs.filter(isTab);
  if (!first) return null;
  const all: [QueryTab, ...QueryTab[]] = [first, ...rest];
  const state: TabsState = { tabs: all, activeId: typeof activeId === 'string' && all.some((t) => t.id === activeId) ? activeId : first.id };
  const closedTabs = Array.isArray(closed) ? closed.filter(isClosedTab).slice(-MAX_CLOSED_TABS) : [];
  return closedTabs.length > 0 ? { ...state, closed: closedTabs } : state;
}
