/**
 * The analyst's open local files: each a table in the local-files worker (started by the first
 * open). Tables are named after their files (src/kusto/table-name.ts: a plain KQL identifier,
 * clashes get a suffix) and can be renamed or closed. A file that fails to load is reported with
 * its reason and leaves every other table as it was.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { tableRenameProblem, uniqueTableName } from '../../../kusto/table-name';
import type { LoadedTable } from '../../../workers/local-files/load-file';
import type { LocalFileFailure } from '../../../workers/local-files/protocol';
import { localFiles, localFilesStarted } from '../../../workers/local-files-client';

export interface LocalFilesApi {
  tables: readonly LoadedTable[];
  /** Grows with every change of the tables (the editor's schema version). */
  version: number;
  /** File names being loaded now. */
  loading: readonly string[];
  failures: readonly LocalFileFailure[];
  /** Said once after the engine was restarted (a crash), until dismissed. */
  notice: string | null;
  open(files: readonly File[]): Promise<void>;
  /** A reason the name is refused, or null once renamed. */
  rename(from: string, to: string): Promise<string | null>;
  close(name: string): Promise<void>;
  dismissFailures(): void;
  dismissNotice(): void;
}

export function useLocalFiles(): LocalFilesApi {
  const [tables, setTables] = useState<LoadedTable[]>([]);
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

  const open = useCallback(async (files: readonly File[]) => {
    if (files.length === 0) return;
    const names = files.map((f) => {
      const name = uniqueTableName(f.name, taken.current);
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
      setFailures((f) => [...f, ...files.map((file) => ({ fileName: file.name, kind: 'unreadable' as const, message: `${file.name}: ${e instanceof Error ? e.message : String(e)}`, line: null }))]);
      setLoading([]);
    }
  }, []);

  const rename = useCallback(async (from: string, to: string) => {
    const trimmed = to.trim();
    if (trimmed === from) return null;
    const problem = tableRenameProblem(trimmed, [...taken.current].filter((n) => n !== from));
    if (problem) return problem;
    await localFiles().rename(from, trimmed);
    taken.current.delete(from);
    taken.current.add(trimmed);
    setTables((t) => t.map((table) => (table.name === from ? { ...table, name: trimmed } : table)));
    return null;
  }, []);

  const close = useCallback(async (name: string) => {
    await localFiles().close(name);
    taken.current.delete(name);
    setTables((t) => t.filter((table) => table.name !== name));
  }, []);

  const versions = useRef(0);
  const version = useMemo(() => (tables ? ++versions.current : versions.current), [tables]);
  const dismissFailures = useCallback(() => setFailures([]), []);
  const dismissNotice = useCallback(() => setNotice(null), []);
  return useMemo(
    () => ({ tables, version, loading, failures, notice, open, rename, close, dismissFailures, dismissNotice }),
    [tables, version, loading, failures, notice, open, rename, close, dismissFailures, dismissNotice],
  );
}
