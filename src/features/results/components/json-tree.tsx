/**
 * A dynamic value as an ARIA tree (WAI-ARIA APG "Tree View"): objects and arrays expand and
 * collapse, one treeitem holds focus at a time (roving tabindex), arrows move and open/close.
 * Values render as React text: a dynamic cell is data from the cluster, never markup.
 */

import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { stringifyDynamic } from '../../../kusto/lossless-json';

/** Children listed per container before a "… more" line; a huge array stays responsive. */
const MAX_CHILDREN = 500;

interface Entry {
  path: string;
  label: string;
  value: unknown;
  depth: number;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function childrenOf(value: Record<string, unknown> | unknown[]): [string, unknown][] {
  return Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
}

function summary(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length}]`;
  if (isContainer(value)) return `{${Object.keys(value).length}}`;
  return stringifyDynamic(value);
}

function spoken(value: unknown): string {
  if (Array.isArray(value)) return `array, ${value.length} ${value.length === 1 ? 'item' : 'items'}`;
  if (isContainer(value)) {
    const n = Object.keys(value).length;
    return `object, ${n} ${n === 1 ? 'key' : 'keys'}`;
  }
  return stringifyDynamic(value);
}

/** The items visible with `expanded` open, depth first, as the tree shows them. */
function visibleEntries(root: unknown, expanded: ReadonlySet<string>): (Entry | { path: string; more: number; depth: number })[] {
  const out: (Entry | { path: string; more: number; depth: number })[] = [];
  const walk = (label: string, value: unknown, path: string, depth: number) => {
    out.push({ path, label, value, depth });
    if (!isContainer(value) || !expanded.has(path)) return;
    const kids = childrenOf(value);
    kids.slice(0, MAX_CHILDREN).forEach(([k, v]) => walk(k, v, `${path}/${k}`, depth + 1));
    if (kids.length > MAX_CHILDREN) out.push({ path: `${path}/…`, more: kids.length - MAX_CHILDREN, depth: depth + 1 });
  };
  walk('value', root, '$', 1);
  return out;
}

export function JsonTree({ value, label }: { value: unknown; label: string }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => {
    const open = new Set<string>(['$']);
    if (isContainer(value)) for (const [k] of childrenOf(value).slice(0, MAX_CHILDREN)) open.add(`$/${k}`);
    return open;
  });
  const [focused, setFocused] = useState('$');
  const items = useMemo(() => visibleEntries(value, expanded), [value, expanded]);
  const refs = useRef(new Map<string, HTMLLIElement>());

  const toggle = useCallback((path: string, open?: boolean) => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (open ?? !prev.has(path)) next.add(path);
      else next.delete(path);
      return next;
    });
  }, []);

  const move = (path: string) => {
    setFocused(path);
    refs.current.get(path)?.focus();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const index = items.findIndex((i) => i.path === focused);
    const item = items[index];
    if (!item) return;
    const container = 'value' in item && isContainer(item.value);
    const parent = focused.includes('/') ? focused.slice(0, focused.lastIndexOf('/')) : null;
    switch (e.key) {
      case 'ArrowDown': { const n = items[index + 1]; if (n) move(n.path); break; }
      case 'ArrowUp': { const p = items[index - 1]; if (p) move(p.path); break; }
      case 'Home': { const f = items[0]; if (f) move(f.path); break; }
      case 'End': { const l = items[items.length - 1]; if (l) move(l.path); break; }
      case 'ArrowRight':
        if (container && !expanded.has(focused)) toggle(focused, true);
        else if (container) { const n = items[index + 1]; if (n) move(n.path); }
        break;
      case 'ArrowLeft':
        if (container && expanded.has(focused)) toggle(focused, false);
        else if (parent) move(parent);
        break;
      case 'Enter': case ' ':
        if (container) toggle(focused);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <ul role="tree" aria-label={label} className="json-tree" onKeyDown={onKeyDown}>
      {items.map((item) => {
        if (!('value' in item)) {
          return (
            <li key={item.path} role="treeitem" aria-level={item.depth} aria-selected={false} tabIndex={focused === item.path ? 0 : -1}
              ref={(el) => { if (el) refs.current.set(item.path, el); else refs.current.delete(item.path); }}
              style={{ paddingInlineStart: `${(item.depth - 1) * 1.1}rem` }} className="json-more">
              … {item.more} more
            </li>
          );
        }
        const container = isContainer(item.value);
        const open = container && expanded.has(item.path);
        return (
          <li
            key={item.path}
            role="treeitem"
            aria-level={item.depth}
            aria-label={`${item.label}: ${spoken(item.value)}`}
            aria-expanded={container ? open : undefined}
            aria-selected={focused === item.path}
            tabIndex={focused === item.path ? 0 : -1}
            ref={(el) => { if (el) refs.current.set(item.path, el); else refs.current.delete(item.path); }}
            onClick={(e) => { e.stopPropagation(); setFocused(item.path); if (container) toggle(item.path); }}
            style={{ paddingInlineStart: `${(item.depth - 1) * 1.1}rem` }}
          >
            <span className="json-twisty" aria-hidden="true">{container ? (open ? '▾' : '▸') : ' '}</span>
            <span className="json-key">{item.label}</span>
            <span className="json-sep">: </span>
            <span className={`json-value json-${Array.isArray(item.value) ? 'array' : item.value === null ? 'null' : typeof item.value}`}>
              {summary(item.value)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
