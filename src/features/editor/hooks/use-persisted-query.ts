import { useCallback, useState } from 'react';
import { localStore, readStored, writeStored } from '../../../lib/storage';

export const QUERY_STORAGE_KEY = 'kqlw.draft.query';

/**
 * The query text, written to localStorage on every change, so a reload or a sign-in redirect
 * (which leaves the page) loses nothing.
 */
export function usePersistedQuery(initial = ''): [string, (value: string) => void] {
  const [query, setQuery] = useState(() => readStored(localStore(), QUERY_STORAGE_KEY) ?? initial);
  const update = useCallback((value: string) => {
    setQuery(value);
    writeStored(localStore(), QUERY_STORAGE_KEY, value);
  }, []);
  return [query, update];
}
