/**
 * One node of the connection tree, after the WAI-ARIA tree view pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/). The tree is flat in the DOM: each item
 * holds only its own row and its open children follow it, with aria-level saying the depth. A
 * nested item would read (and show) its whole subtree as its text. Focus is roving (one item in the Tab order, the last one focused); the tree root
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
  /** Delete on the item (removing a cluster, closing a local file). */
  onDelete?(): void;
  /** F2 on the item (renaming a local file's table). */
  onRename?(): void;
  /** The tab's context: aria-selected. */
  selected?: boolean;
  first?: boolean;
  className?: string;
  title?: string;
  /** Shown after the label, outside the accessible name (e.g. a mouse-only remove button). */
  after?: ReactNode;
  /** A second line under the row (a cluster's account and tenant): the item's accessible description, not its name. */
  description?: string;
  children?: ReactNode;
}

export function TreeItem(props: TreeItemProps) {
  const { itemKey, level, label, expanded, onToggle, onActivate, onDoubleClick, onClick, onDelete, onRename, selected, first = false, className = '', title, after, description, children } = props;
  const focus = useContext(TreeFocusContext);
  const descriptionId = useId();
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
    } else if (e.key === 'F2' && onRename) {
      e.preventDefault();
      onRename();
    }
  };

  const onRowClick = (e: MouseEvent) => {
    e.stopPropagation();
    if (onClick) onClick();
    else onToggle?.();
  };

  return (
    <>
    <li
      role="treeitem"
      aria-level={level}
      aria-expanded={expanded}
      aria-selected={selected}
      aria-describedby={description ? descriptionId : undefined}
      tabIndex={inTabOrder ? 0 : -1}
      className="tree-item"
      onFocus={(e) => {
        if (e.target === e.currentTarget) focus.setActive(itemKey);
      }}
      onKeyDown={onKeyDown}
    >
      <div className={`tree-row ${className}`} style={{ paddingLeft: `${0.3 + (level - 1) * 0.9}rem` }} title={title} onClick={onRowClick} onDoubleClick={onDoubleClick}>
        {expanded === undefined ? <span className="chevron" aria-hidden="true" /> : <span className="chevron" aria-hidden="true">{expanded ? '▾' : '▸'}</span>}
        <span className="tree-label">{label}</span>
        {after}
      </div>
      {/* Hidden from the name (the item's text); still read as its description through aria-describedby. */}
      {description ? <span id={descriptionId} className="tree-description" aria-hidden="true" style={{ paddingLeft: `${1.5 + (level - 1) * 0.9}rem` }}>{description}</span> : null}
    </li>
    {expanded ? children : null}
    </>
  );
}

const levelOf = (el: Element | undefined) => Number(el?.getAttribute('aria-level') ?? 0);

/** Up/Down/Home/End over the visible items, Right into an open item's first child, Left to the parent. */
export function onTreeKeyDown(e: KeyboardEvent<HTMLElement>): void {
  const current = e.target as HTMLElement;
  if (current.getAttribute('role') !== 'treeitem') return;
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]'));
  const at = items.indexOf(current);
  const level = levelOf(current);
  let next: HTMLElement | null | undefined = null;
  if (e.key === 'ArrowDown') next = items[at + 1];
  else if (e.key === 'ArrowUp') next = items[at - 1];
  else if (e.key === 'Home') next = items[0];
  else if (e.key === 'End') next = items[items.length - 1];
  else if (e.key === 'ArrowRight' && current.getAttribute('aria-expanded') === 'true') next = levelOf(items[at + 1]) > level ? items[at + 1] : null;
  else if (e.key === 'ArrowLeft') next = items.slice(0, at).reverse().find((el) => levelOf(el) < level);
  if (!next) return;
  e.preventDefault();
  next.focus();
}
