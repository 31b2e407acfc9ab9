import { useCallback, useLayoutEffect, useState } from 'react';
import { localStore, readStored, writeStored } from '../lib/storage';

export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'kqlw.theme';

/** The remembered choice, else the system's preference. */
export function initialTheme(): Theme {
  const stored = readStored(localStore(), THEME_STORAGE_KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Sets the theme on <html>: at start (so the sign-in screen follows it too) and on each change. */
export function applyDocumentTheme(theme: Theme): void {
  document.documentElement.dataset['theme'] = theme;
  document.documentElement.style.colorScheme = theme;
}

/**
 * Light/dark, remembered. Also set as `data-theme` on <html>, so plain CSS (and any component
 * that cannot take a prop, like the results grid's canvas theme) can follow it.
 */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useLayoutEffect(() => applyDocumentTheme(theme), [theme]);
  const toggle = useCallback(() => {
    setTheme((current) => {
      const next = current === 'dark' ? 'light' : 'dark';
      writeStored(localStore(), THEME_STORAGE_KEY, next);
      return next;
    });
  }, []);
  return [theme, toggle];
}
