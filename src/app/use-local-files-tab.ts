/**
 * The local-files feature wired into the workbench: the analyst's open files (kept per account),
 * the "Local files" connection in the tree, files opened from a non-local tab opening a "Local
 * files" tab, the files a local tab's share link names, and the reopen notice's actions (which
 * make the active tab a local one first).
 */
import type { AccountInfo } from '@azure/msal-browser';
import { useCallback, useMemo } from 'react';
import type { LocalFilesPane } from '../features/connections/components/connection-pane';
import { useLocalFiles, type LocalFilesApi } from '../features/local-files/hooks/use-local-files';
import { LOCAL_FILE_HANDLES_ITEM, LOCAL_FILES_ITEM } from '../features/local-files/remembered-files';
import type { FileHandle } from '../lib/file-handle';
import { accountStorageKey } from '../lib/account-storage';
import { ACCEPTED_EXTENSIONS } from '../workers/local-files/file-format';

export const LOCAL_FILES_ACCEPT = ACCEPTED_EXTENSIONS.join(',');

/** The files a local tab's link names: those whose table the query mentions, else all. */
export function linkFilesFor(text: string, tables: readonly { name: string; fileName: string }[]): string[] {
  const mentioned = tables.filter((t) => new RegExp(`(^|[^\\w])${t.name}([^\\w]|$)`).test(text));
  return (mentioned.length > 0 ? mentioned : tables).map((t) => t.fileName);
}

export interface LocalFilesTabOptions {
  account: AccountInfo;
  /** The active tab queries the local files. */
  isLocal: boolean;
  tabText: string;
  /** Opens a new "Local files" tab. */
  openLocalTab(): void;
  /** Makes the active tab a "Local files" one. */
  selectLocal(): void;
}

export interface LocalFilesTab {
  localFiles: LocalFilesApi;
  /** The files a local tab's share link carries; undefined for a cluster tab. */
  linkFiles: string[] | undefined;
  /** The "Local files" connection in the tree. */
  pane: LocalFilesPane;
  /** The reopen notice's actions. */
  reopenFromHandles(): Promise<string[]>;
  openWanted(files: File[]): void;
}

export function useLocalFilesTab({ account, isLocal, tabText, openLocalTab, selectLocal }: LocalFilesTabOptions): LocalFilesTab {
  const localFiles = useLocalFiles(useMemo(
    () => ({ list: accountStorageKey(account, LOCAL_FILES_ITEM), handles: accountStorageKey(account, LOCAL_FILE_HANDLES_ITEM) }),
    [account],
  ));
  const linkFiles = useMemo(() => (isLocal ? linkFilesFor(tabText, localFiles.tables) : undefined), [isLocal, localFiles.tables, tabText]);
  const openFiles = useCallback(
    (files: File[], handles?: FileHandle[]) => {
      // Files are queried from a "Local files" tab: the active one if it is, else a new one.
      if (!isLocal) openLocalTab();
      void localFiles.open(files, handles ? { handles } : {});
    },
    [isLocal, openLocalTab, localFiles],
  );
  const pane = useMemo<LocalFilesPane>(
    () => ({
      tables: localFiles.tables,
      loading: localFiles.loading,
      failures: localFiles.failures,
      accept: LOCAL_FILES_ACCEPT,
      active: isLocal,
      onSelect: selectLocal,
      onOpenFiles: openFiles,
      onRename: localFiles.rename,
      onClose: (name: string) => void localFiles.close(name),
      onDismissFailures: localFiles.dismissFailures,
    }),
    [localFiles, isLocal, selectLocal, openFiles],
  );
  const reopenFromHandles = useCallback(async () => {
    if (!isLocal) selectLocal();
    return localFiles.reopenFromHandles();
  }, [isLocal, selectLocal, localFiles]);
  const openWanted = useCallback((files: File[]) => {
    if (!isLocal) selectLocal();
    void localFiles.openWanted(files);
  }, [isLocal, selectLocal, localFiles]);
  return { localFiles, linkFiles, pane, reopenFromHandles, openWanted };
}
