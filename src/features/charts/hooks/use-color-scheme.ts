import { useEffect, useState } from 'react';
import type { ChartTheme } from '../chart-options';

const QUERY = '(prefers-color-scheme: dark)';

function current(): ChartTheme {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(QUERY).matches ? 'dark' : 'light';
}

/** The system's light/dark preference, live. An app-wide theme switch, when there is one, should win over it. */
export function usePreferredColorScheme(): ChartTheme {
  const [scheme, setScheme] = useState<ChartTheme>(current);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(QUERY);
    const onChange = () => setScheme(media.matches ? 'dark' : 'light');
    media.addEventListener('change', onChange);
    return () => media.removeEventListener('change', onChange);
  }, []);
  return scheme;
}
