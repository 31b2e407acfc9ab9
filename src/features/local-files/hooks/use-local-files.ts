/**
 * The analyst's open local files: each a table in the local-files worker (started by the first
 * open). Tables are named after their files (src/kusto/table-name.ts: a plain KQL identifier,
 * clashes get a suffix) and can be renamed or closed. A file that fails to load is reported with
 * its reason and leaves every other table as it was.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isPlainKqlIdentifier, tableRenameProblem, uniqueTableName } from '../../../kusto/table-name';
import type { LoadedTable } from '../../../workers/local-files/load-file';
import type { LocalFileFailure } from '../../../workers/local-files/protocol';
import { localFiles, localFilesStarted } from '../../../workers/local-files-client';
import {
  deleteFileHandles, filesFromHandles, loadFileHandles, readRememberedFiles, type RememberedFile, saveFileHandles, writeRememberedFiles,
} from '../remembered-files';
import type { FileHandle } from '../../../lib/file-handle';
import { errorText } from '../../../lib/error-text';

/** Where an account keeps its list of files and their handles (accountStorageKey names). */
export interface LocalFilesStorage {
  list: string;
  handles: string;
}

/** Files a query wants open: the last session's (after a reload) or a share link's. */
export interface WantedFiles {
  files: readonly RememberedFile[];
  reason: 'last-session' | 'link';
}

export interface LocalFilesApi {
  tables: readonly LoadedTable[];
  /** Grows with every change of the tables (the editor's schema version). */
  version: number;
  /** File names being loaded now. */
  loading: readonly string[];
  failures: readonly LocalFileFailure[];
  /** Said once after the engine was restarted (a crash), until dismissed. */
  notice: string | null;
  wanted: WantedFiles | null;
  /**
   * Opens files; `names` keeps table names they had (a reopen), `handles` are kept for the next
   * visit (File System Access, where the browser has it).
   */
  open(files: readonly File[], options?: { names?: readonly (string | null)[]; handles?: readonly FileHandle[] }): Promise<void>;
  /** Opens the wanted files from their kept handles (call from a click: it may ask for permission); returns the names still to pick. */
  reopenFromHandles(): Promise<string[]>;
  /** Files the analyst picked for the wanted ones (matched by file name, keeping table names). */
  openWanted(picked: readonly File[]): Promise<void>;
  want(files: readonly string[]): void;
  dismissWanted(): void;
  /** A reason the name is refused, or null once renamed. */
  rename(from: string, to: string): Promise<string | null>;
  close(name: string): Promise<void>;
  dismissFailures(): void;
  dismissNotice(): void;
}

export function useLocalFiles(storage: LocalFilesStorage): LocalFilesApi {
  const [tables, setTables] = useState<LoadedTable[]>([]);
  const [wanted, setWanted] = useState<WantedFiles | null>(() => {
    const files = readRememberedFiles(storage.list);
    return files.length > 0 ? { files, reason: 'last-session' } : null;
  });
  // The stored list changes only once this page opened or closed a file: until then it is the
  // last session's, which `wanted` offers to reopen.
  const touched = useRef(false);
  useEffect(() => {
    if (touched.current) writeRememberedFiles(storage.list, tables.map((t) => ({ fileName: t.fileName, tableName: t.name })));
  }, [tables, storage.list]);
  const [loading, setLoading] = useState<string[]>([]);
  const [failures, setFailures] = useState<LocalFileFailure[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  // Names taken now, including tables still loading (two opens in a row must not pick the same name).
  const taken = useRef(new Set<string>());

  useEffect(() => {
    if (!localFilesStarted()) return;
    return localFiles().onRestart((restart) => {
      setTables(restart.reopened);
      setFailures(restart.failures);
      setNotice(`The local-files engine stopped (${restart.reason}) and was restarted; ${restart.reopened.length} file(s) were opened again.`);
    });
  }, [tables.length > 0]); // eslint-disable-line react-hooks/exhaustive-deps -- subscribe once the worker exists

  const open = useCallback(async (files: readonly File[], options: { names?: readonly (string | null)[]; handles?: readonly FileHandle[] } = {}) => {
    if (files.length === 0) return;
    touched.current = true;
    if (options.handles) void saveFileHandles(storage.handles, options.handles);
    const names = files.map((f, i) => {
      const preferred = options.names?.[i];
      const free = (n: string) => ![...taken.current].some((t) => t.toLowerCase() === n.toLowerCase());
      const name = preferred && isPlainKqlIdentifier(preferred) && free(preferred) ? preferred : uniqueTableName(f.name, taken.current);
      taken.current.add(name);
      return name;
    });
    setLoading((l) => [...l, ...files.map((f) => f.name)]);
    setFailures([]);
    const done = (fileName: string) => setLoading((l) => {
      const i = l.indexOf(fileName);
      return i < 0 ? l : [...l.slice(0, i), ...l.slice(i + 1)];
    });
    try {
      await localFiles().open(
        [...files],
        names,
        (table) => {
          done(table.fileName);
          setTables((t) => [...t, table]);
        },
        (failure) => {
          done(failure.fileName);
          setFailures((f) => [...f, failure]);
          const i = files.findIndex((file) => file.name === failure.fileName);
          if (i >= 0) taken.current.delete(names[i] ?? '');
        },
      );
    } catch (e) {
      setFailures((f) => [...f, ...files.map((file) => ({ fileName: file.name, kind: 'unreadable' as const, message: `${file.name}: ${errorText(e)}`, line: null }))]);
      setLoading([]);
    }
  }, [storage.handles]);

  const openWanted = useCallback(async (picked: readonly File[]) => {
    const remembered = wanted?.files ?? [];
    setWanted(null);
    await open(picked, { names: picked.map((f) => remembered.find((r) => r.fileName === f.name)?.tableName ?? null) });
  }, [wanted, open]);

  const reopenFromHandles = useCallback(async () => {
    const remembered = wanted?.files ?? [];
    const handles = await loadFileHandles(storage.handles, remembered.map((r) => r.fileName));
    const { files, missing } = await filesFromHandles(handles, remembered.map((r) => r.fileName));
    if (files.length > 0) {
      setWanted(missing.length > 0 ? { files: remembered.filter((r) => missing.includes(r.fileName)), reason: wanted?.reason ?? 'last-session' } : null);
      await open(files, { names: files.map((f) => remembered.find((r) => r.fileName === f.name)?.tableName ?? null) });
    }
    return missing;
  }, [wanted, storage.handles, open]);

  const want = useCallback((files: readonly string[]) => {
    setWanted({ files: files.map((fileName) => ({ fileName, tableName: '' })), reason: 'link' });
  }, []);
  const dismissWanted = useCallback(() => {
    if (wanted?.reason === 'last-session') {
      writeRememberedFiles(storage.list, []);
      void deleteFileHandles(storage.handles);
    }
    setWanted(null);
  }, [wanted, storage.list, storage.handles]);

  const rename = useCallback(async (from: string, to: string) => {
    const trimmed = to.trim();
    if (trimmed === from) return null;
    const problem = tableRenameProblem(trimmed, [...taken.current].filter((n) => n !== from));
    if (problem) return problem;
    touched.current = true;
    await localFiles().rename(from, trimmed);
    taken.current.delete(from);
    taken.current.add(trimmed);
    setTables((t) => t.map((table) => (table.name === from ? { ...table, name: trimmed } : table)));
    return null;
  }, []);

  const close = useCallback(async (name: string) => {
    touched.current = true;
    await localFiles().close(name);
    taken.current.delete(name);
    setTables((t) => t.filter((table) => table.name !== name));
  }, []);

  const versions = useRef(0);
  const version = useMemo(() => (tables ? ++versions.current : versions.current), [tables]);
  const dismissFailures = useCallback(() => setFailures([]), []);
  const dismissNotice = useCallback(() => setNotice(null), []);
  return useMemo(
    () => ({ tables, version, loading, failures, notice, wanted, open, reopenFromHandles, openWanted, want, dismissWanted, rename, close, dismissFailures, dismissNotice }),
    [tables, version, loading, failures, notice, wanted, open, reopenFromHandles, openWanted, want, dismissWanted, rename, close, dismissFailures, dismissNotice],
  );
}
