import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { LOCAL_FILE_HANDLES_ITEM, loadFileHandles, saveFileHandles } from '../features/local-files/remembered-files';
import type { FileHandle } from '../lib/file-handle';
import { accountStorageKey } from '../lib/account-storage';
import { forgetAccountData } from './account-data';

// A stored handle as IndexedDB gives it back (structured clone: data only).
const handle = (name: string) => ({ kind: 'file', name }) as unknown as FileHandle;

describe('forgetAccountData', () => {
  it.each([true, false])('removes the local files’ handles of the account that signs out (keepDrafts %s), not another’s', async (keepDrafts) => {
    const ada = { homeAccountId: 'ada.tenant' };
    const bob = { homeAccountId: 'bob.tenant' };
    const adaHandles = accountStorageKey(ada, LOCAL_FILE_HANDLES_ITEM);
    const bobHandles = accountStorageKey(bob, LOCAL_FILE_HANDLES_ITEM);
    await saveFileHandles(adaHandles, [handle('events.csv')]);
    await saveFileHandles(bobHandles, [handle('keys.parquet')]);
    expect([...(await loadFileHandles(adaHandles, ['events.csv'])).keys()]).toEqual(['events.csv']);

    await forgetAccountData(ada, { keepDrafts });

    expect((await loadFileHandles(adaHandles, ['events.csv'])).size).toBe(0);
    expect([...(await loadFileHandles(bobHandles, ['keys.parquet'])).keys()]).toEqual(['keys.parquet']);
  });
});
