/**
 * One node of the connection tree, after the WAI-ARIA tree view pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/): a treeitem with its children in a
 * nested group. Focus is roving (one item in the Tab order, the last one focused); the tree root
 * (useTreeKeys) moves it with the arrow keys, Home and End, and each item answers Enter, Right
 * and Left itself.
 */
import { createContext, useContext, useId, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';

export interface TreeFocus {
  /** Key of the item in the Tab order; null: the first item. */
  active: string | null;
  setActive(key: string): void;
}

export const TreeFocusContext = createContext<TreeFocus>({ active: null, setActive: () => undefined });

export interface TreeItemProps {
  itemKey: string;
  level: number;
  label: ReactNode;
  /** Present on items that have children; undefined on leaves. */
  expanded?: boolean;
  onToggle?(): void;
  /** Enter (and, for leaves, what a double-click does): select a database, insert a name. */
  onActivate?(): void;
  onDoubleClick?(): void;
  /** A click on the row; toggles when not given. */
  onClick?(): void;
  /** Delete on the item (removing a cluster). */
  onDelete?(): void;
  /** The tab's context: aria-selected. */
  selected?: boolean;
  first?: boolean;
  className?: string;
  title?: string;
  /** Shown after the label, outside the accessible name (e.g. a mouse-only remove button). */
  after?: ReactNode;
  children?: ReactNode;
}

export function TreeItem(props: TreeItemProps) {
  const { itemKey, level, label, expanded, onToggle, onActivate, onDoubleClick, onClick, onDelete, selected, first = false, className = '', title, after, children } = props;
  const focus = useContext(TreeFocusContext);
  // Named by its own row: from content, a treeitem's name would take in all of its children's text.
  const labelId = useId();
  const inTabOrder = focus.active === itemKey || (focus.active === null && first);

  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.target !== e.currentTarget) return;
    if (e.key === 'Enter' || (e.key === ' ' && !onActivate)) {
      e.preventDefault();
      if (onActivate) onActivate();
      else onToggle?.();
    } else if (e.key === 'ArrowRight' && expanded === false) {
      e.preventDefault();
      e.stopPropagation();
      onToggle?.();
    } else if (e.key === 'ArrowLeft' && expanded === true) {
      e.preventDefault();
      e.stopPropagation();
      onToggle?.();
    } else if (e.key === 'Delete' && onDelete) {
      e.preventDefault();
      onDelete();
    }
  };

  const onRowClick = (e: MouseEvent) => {
    // The row, not the item: a click inside a child's row must not toggle its parents.
    e.stopPropagation();
    if (onClick) onClick();
    else onToggle?.();
  };

  return (
    <li
      role="treeitem"
      aria-level={level}
      aria-labelledby={labelId}
      aria-expanded={expanded}
      aria-selected={selected}
      tabIndex={inTabOrder ? 0 : -1}
      className="tree-item"
      onFocus={(e) => {
        if (e.target === e.currentTarget) focus.setActive(itemKey);
      }}
      onKeyDown={onKeyDown}
    >
      <div className={`tree-row ${className}`} title={title} onClick={onRowClick} onDoubleClick={onDoubleClick}>
        {expanded === undefined ? <span className="chevron" aria-hidden="true" /> : <span className="chevron" aria-hidden="true">{expanded ? '▾' : '▸'}</span>}
        <span id={labelId}>{label}</span>
        {after}
      </div>
      {expanded && children ? <ul role="group">{children}</ul> : null}
    </li>
  );
}

/** Up/Down/Home/End over the visible items, Right into an open item's first child, Left to the parent. */
export function onTreeKeyDown(e: KeyboardEvent<HTMLElement>): void {
  const current = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
  if (!current || current !== e.target) return;
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]'));
  const at = items.indexOf(current);
  let next: HTMLElement | null | undefined = null;
  if (e.key === 'ArrowDown') next = items[at + 1];
  else if (e.key === 'ArrowUp') next = items[at - 1];
  else if (e.key === 'Home') next = items[0];
  else if (e.key === 'End') next = items[items.length - 1];
  else if (e.key === 'ArrowRight' && current.getAttribute('aria-expanded') === 'true') next = current.querySelector<HTMLElement>('[role="treeitem"]');
  else if (e.key === 'ArrowLeft') next = current.parentElement?.closest<HTMLElement>('[role="treeitem"]');
  if (!next) return;
  e.preventDefault();
  next.focus();
}
