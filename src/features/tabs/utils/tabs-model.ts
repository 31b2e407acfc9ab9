/**
 * Query tabs as data: each has its own cluster, database and text. Pure reducer + (de)serializer,
 * so persistence and the rules (never zero tabs, closing picks a neighbour) are unit-tested.
 */

export interface QueryTab {
  id: string;
  /** null: named after its context, as in the ADX web UI. */
  title: string | null;
  clusterUrl: string;
  database: string;
  text: string;
}

export interface TabsState {
  tabs: [QueryTab, ...QueryTab[]];
  activeId: string;
}

export type TabsAction =
  | { type: 'new'; id: string; clusterUrl: string; database: string; text?: string }
  | { type: 'close'; id: string; newId: string }
  | { type: 'activate'; id: string }
  | { type: 'rename'; id: string; title: string }
  | { type: 'set-text'; id: string; text: string }
  | { type: 'set-context'; id: string; clusterUrl: string; database: string };

export function defaultTabTitle(tab: Pick<QueryTab, 'clusterUrl' | 'database'>): string {
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
      return { tabs: [...state.tabs, tab], activeId: tab.id };
    }
    case 'close': {
      const index = state.tabs.findIndex((t) => t.id === action.id);
      if (index < 0) return state;
      const remaining = state.tabs.filter((t) => t.id !== action.id);
      const [first, ...rest] = remaining;
      if (!first) {
        // The last tab closes into an empty one with the same context, like an editor's last file.
        const closed = state.tabs[index]!;
        const fresh: QueryTab = { id: action.newId, title: null, clusterUrl: closed.clusterUrl, database: closed.database, text: '' };
        return { tabs: [fresh], activeId: fresh.id };
      }
      const activeId = state.activeId === action.id ? (remaining[Math.min(index, remaining.length - 1)] ?? first).id : state.activeId;
      return { tabs: [first, ...rest], activeId };
    }
    case 'activate':
      return state.tabs.some((t) => t.id === action.id) ? { ...state, activeId: action.id } : state;
    case 'rename': {
      const title = action.title.trim();
      return mapTab(state, action.id, (t) => ({ ...t, title: title === '' ? null : title }));
    }
    case 'set-text':
      return mapTab(state, action.id, (t) => (t.text === action.text ? t : { ...t, text: action.text }));
    case 'set-context':
      return mapTab(state, action.id, (t) => ({ ...t, clusterUrl: action.clusterUrl, database: action.database }));
  }
}

function isTab(value: unknown): value is QueryTab {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Record<string, unknown>;
  return (
    typeof t['id'] === 'string' && (t['title'] === null || typeof t['title'] === 'string') &&
    typeof t['clusterUrl'] === 'string' && typeof t['database'] === 'string' && typeof t['text'] === 'string'
  );
}

/** Reads stored tabs; unreadable or empty storage gives null (the caller starts fresh). */
export function parseStoredTabs(text: string | null): TabsState | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { tabs, activeId } = value as Record<string, unknown>;
  if (!Array.isArray(tabs)) return null;
  const [first, ...rest] = tabs.filter(isTab);
  if (!first) return null;
  const all: [QueryTab, ...QueryTab[]] = [first, ...rest];
  return { tabs: all, activeId: typeof activeId === 'string' && all.some((t) => t.id === activeId) ? activeId : first.id };
}
