/**
 * Which local files an account had open, so the next visit can offer to open them again. Only
 * names are kept in localStorage (the file's name and the table name it had); where the browser
 * gives File System Access handles (showOpenFilePicker, or a drop's getAsFileSystemHandle —
 * https://developer.mozilla.org/docs/Web/API/File_System_API), the handles are kept in IndexedDB
 * too: a handle is a permission to ask for, not a copy of the data. Both are stored under the
 * account's name (src/lib/account-storage.ts).
 */
import { localStore, readStored, removeStored, writeStored } from '../../lib/storage';
import type { FileHandle } from '../../lib/file-handle';
import { requestResult, transactionDone } from '../../lib/indexed-db';

export const LOCAL_FILES_ITEM = 'localFiles';
export const LOCAL_FILE_HANDLES_ITEM = 'localFileHandles';

export interface RememberedFile {
  fileName: string;
  tableName: string;
}

export function readRememberedFiles(key: string, storage: Storage | undefined = localStore()): RememberedFile[] {
  const text = readStored(storage, key);
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (e): e is RememberedFile => typeof e === 'object' && e !== null && typeof (e as RememberedFile).fileName === 'string' && typeof (e as RememberedFile).tableName === 'string',
    );
  } catch {
    return [];
  }
}

export function writeRememberedFiles(key: string, files: readonly RememberedFile[], storage: Storage | undefined = localStore()): void {
  if (files.length === 0) {
    removeStored(storage, key);
    return;
  }
  writeStored(storage, key, JSON.stringify(files.map(({ fileName, tableName }) => ({ fileName, tableName }))));
}

const STORE = 'handles';

function openHandles(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
  });
}

/** Keeps the handles by file name (a handle is structured-cloneable into IndexedDB). Never throws. */
export async function saveFileHandles(dbName: string, handles: readonly FileHandle[]): Promise<void> {
  if (handles.length === 0 || typeof indexedDB === 'undefined') return;
  try {
    const db = await openHandles(dbName);
    const tx = db.transaction(STORE, 'readwrite');
    for (const h of handles) tx.objectStore(STORE).put(h, h.name);
    await transactionDone(tx);
    db.close();
  } catch (e) {
    console.warn('Local files: the file handles were not kept', e);
  }
}

/** The kept handles of `names` (those there are). */
export async function loadFileHandles(dbName: string, names: readonly string[]): Promise<Map<string, FileHandle>> {
  const found = new Map<string, FileHandle>();
  if (typeof indexedDB === 'undefined') return found;
  try {
    const db = await openHandles(dbName);
    const tx = db.transaction(STORE, 'readonly');
    // A name whose read fails is left out: the analyst picks that file again.
    await Promise.all(names.map((name) => requestResult(tx.objectStore(STORE).get(name)).then(
      (handle) => void (handle && found.set(name, handle as FileHandle)),
      () => undefined,
    )));
    db.close();
  } catch {
    // no handles kept: the analyst picks the files again
  }
  return found;
}

export function deleteFileHandles(dbName: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return Promise.resolve();
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(dbName);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    request.onblocked = () => resolve();
  });
}

/**
 * Files for `wanted` from the handles: each granted handle's File (asking for permission needs the
 * user's gesture — call it from a click). Names with no handle, or refused, are left for the picker.
 */
export async function filesFromHandles(handles: ReadonlyMap<string, FileHandle>, wanted: readonly string[]): Promise<{ files: File[]; missing: string[] }> {
  const files: File[] = [];
  const missing: string[] = [];
  for (const name of wanted) {
    const handle = handles.get(name);
    try {
      const state = handle ? ((await handle.queryPermission?.({ mode: 'read' })) ?? 'granted') : 'denied';
      const granted = state === 'granted' || (handle && (await handle.requestPermission?.({ mode: 'read' }))) === 'granted';
      if (handle && granted) files.push(await handle.getFile());
      else missing.push(name);
    } catch {
      missing.push(name);
    }
  }
  return { files, missing };
}

/** Matches picked files to the wanted names (by file name); the rest are new files. */
export function matchPicked(picked: readonly File[], remembered: readonly RememberedFile[]): { files: File[]; names: (string | null)[] } {
  return {
    files: [...picked],
    names: picked.map((f) => remembered.find((r) => r.fileName === f.name)?.tableName ?? null),
  };
}
