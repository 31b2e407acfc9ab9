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

export function removeStored(storage: Storage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // storage unavailable (privacy mode): nothing was stored either
  }
}

export function localStore(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The stored JSON object's fields, or null when there is none or it is not an object: stored
 * text may be from an older version, another tab mid-write, or hand-edited, so callers check
 * each field.
 */
export function parseStoredObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}
