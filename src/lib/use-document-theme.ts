/**
 * The page's light/dark choice, `data-theme` on <html> (set by the app shell's theme toggle), for a
 * canvas-drawn view whose parent passes no theme: the results grid and ECharts paint on a canvas,
 * so CSS alone cannot restyle them.
 */
import { useSyncExternalStore } from 'react';

export type DocumentTheme = 'light' | 'dark';

function read(): DocumentTheme {
  return document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

export function useDocumentTheme(): DocumentTheme {
  return useSyncExternalStore(subscribe, read, () => 'light');
}
