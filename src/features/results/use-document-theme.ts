/**
 * The page's light/dark choice as `data-theme` on <html> (set by the app shell), for a panel
 * whose parent passes no theme: the grid draws on a canvas, so CSS alone cannot restyle it.
 */

import { useSyncExternalStore } from 'react';
import type { GridTheme } from './components/result-grid';

function read(): GridTheme {
  return document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

export function useDocumentTheme(): GridTheme {
  return useSyncExternalStore(subscribe, read, () => 'light');
}
