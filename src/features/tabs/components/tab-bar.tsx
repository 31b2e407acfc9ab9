import { useState, type KeyboardEvent } from 'react';
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

/** Arrow keys move between tabs (WAI-ARIA tabs pattern); double-click renames. */
export function TabBar({ tabs, activeId, runningIds, onActivate, onNew, onClose, onRename }: TabBarProps) {
  const [renaming, setRenaming] = useState<string | null>(null);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const index = tabs.findIndex((t) => t.id === activeId);
    const next = tabs[(index + (event.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) {
      event.preventDefault();
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
            <div key={tab.id} className={active ? 'tab active' : 'tab'}>
              {renaming === tab.id ? (
                <RenameInput
                  initial={title}
                  onDone={(value) => {
                    if (value !== null) onRename(tab.id, value);
                    setRenaming(null);
                  }}
                />
              ) : (
                <button
                  type="button"
                  role="tab"
                  aria-selected={active}
                  tabIndex={active ? 0 : -1}
                  className="tab-title"
                  title="Double-click to rename"
                  onClick={() => onActivate(tab.id)}
                  onDoubleClick={() => setRenaming(tab.id)}
                >
                  {title}
                  {runningIds?.has(tab.id) ? <span className="tab-running" aria-hidden="true"> ●</span> : null}
                </button>
              )}
              <button type="button" className="icon-button tab-close" aria-label={selectors.tabs.closeTab(title).name} title="Close tab" onClick={() => onClose(tab.id)}>
                ×
              </button>
            </div>
          );
        })}
      </div>
      <button type="button" className="icon-button tab-new" aria-label={selectors.tabs.newTab.name} title="New tab" onClick={onNew}>+</button>
    </div>
  );
}
