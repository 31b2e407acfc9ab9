/**
 * Web Storage that never throws: Safari private mode and full quotas throw on setItem, and a
 * lost draft is better than a crashed editor.
 */
export function readStored(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeStored(storage: Storage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // quota or privacy mode: keep working without persistence
  }
}

export function localStore(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
