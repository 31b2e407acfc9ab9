import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { selectors } from '../../../testing/selectors';
import { tabTitle, type QueryTab } from '../utils/tabs-model';

interface TabBarProps {
  tabs: readonly QueryTab[];
  activeId: string;
  /** Tabs with a query under way show a dot. */
  runningIds?: ReadonlySet<string>;
  onActivate(id: string): void;
  onNew(): void;
  onClose(id: string): void;
  onRename(id: string, title: string): void;
}

function RenameInput({ initial, onDone }: { initial: string; onDone(title: string | null): void }) {
  const [value, setValue] = useState(initial);
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') onDone(value);
    if (event.key === 'Escape') onDone(null);
  }
  return (
    <input
      className="tab-rename"
      aria-label={selectors.tabs.rename.name}
      value={value}
      autoFocus
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => onDone(value)}
    />
  );
}

/**
 * The WAI-ARIA tabs pattern (https://www.w3.org/WAI/ARIA/apg/patterns/tabs/): arrow keys, Home and
 * End move between tabs (focus follows), Delete closes the focused tab, F2 or a double-click renames.
 * A tablist may own only tabs, so each tab's × is a mouse target hidden from assistive technology;
 * the keyboard (and a screen reader) closes with Delete, listed under Keyboard shortcuts.
 */
export function TabBar({ tabs, activeId, runningIds, onActivate, onNew, onClose, onRename }: TabBarProps) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  // Focus follows the active tab only after a key press in the tablist, never on a click elsewhere.
  const focusActive = useRef(false);
  useEffect(() => {
    if (!focusActive.current) return;
    focusActive.current = false;
    tabRefs.current.get(activeId)?.focus();
  }, [activeId, tabs]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (renaming !== null) return;
    const index = tabs.findIndex((t) => t.id === activeId);
    const current = tabs[index];
    let next: QueryTab | undefined;
    if (event.key === 'ArrowRight') next = tabs[(index + 1) % tabs.length];
    else if (event.key === 'ArrowLeft') next = tabs[(index + tabs.length - 1) % tabs.length];
    else if (event.key === 'Home') next = tabs[0];
    else if (event.key === 'End') next = tabs[tabs.length - 1];
    else if (event.key === 'Delete' && current) {
      event.preventDefault();
      focusActive.current = true;
      onClose(current.id);
      return;
    } else if (event.key === 'F2' && current) {
      event.preventDefault();
      setRenaming(current.id);
      return;
    }
    if (next) {
      event.preventDefault();
      focusActive.current = true;
      onActivate(next.id);
    }
  }

  return (
    <div className="tab-bar">
      <div role="tablist" aria-label={selectors.tabs.list.name} className="tab-list" onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const title = tabTitle(tab);
          const active = tab.id === activeId;
          return (
            <div key={tab.id} role="presentation" className={active ? 'tab active' : 'tab'}>
              {renaming === tab.id ? (
                <RenameInput
                  initial={title}
                  onDone={(value) => {
                    if (value !== null) onRename(tab.id, value);
                    focusActive.current = true;
                    setRenaming(null);
                  }}
                />
              ) : (
                <button
                  ref={(el) => {
                    if (el) tabRefs.current.set(tab.id, el);
                    else tabRefs.current.delete(tab.id);
                  }}
                  type="button"
                  role="tab"
                  aria-selected={active}
                  tabIndex={active ? 0 : -1}
                  className="tab-title"
                  title="Double-click or F2 to rename; Delete closes"
                  onClick={() => onActivate(tab.id)}
                  onDoubleClick={() => setRenaming(tab.id)}
                >
                  {title}
                  {runningIds?.has(tab.id) ? <span className="tab-running" aria-hidden="true"> ●</span> : null}
                </button>
              )}
              <span aria-hidden="true" className="icon-button tab-close" title={selectors.tabs.closeTab(title).title} onClick={() => onClose(tab.id)}>
                ×
              </span>
            </div>
          );
        })}
      </div>
      <button type="button" className="icon-button tab-new" aria-label={selectors.tabs.newTab.name} title="New tab" onClick={onNew}>+</button>
    </div>
  );
}
