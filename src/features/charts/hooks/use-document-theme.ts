/**
 * The page's light/dark choice, `data-theme` on <html> (set by the app shell's theme toggle), for a
 * chart whose parent passes no theme: ECharts draws on a canvas, so CSS alone can't restyle it.
 */
import { useSyncExternalStore } from 'react';
import type { ChartTheme } from '../chart-options';

function read(): ChartTheme {
  return document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

export function useDocumentChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, read, () => 'light');
}
