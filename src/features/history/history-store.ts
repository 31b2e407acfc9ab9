/**
 * Every run, kept in this browser (IndexedDB): what ran where, when, how long, how many records,
 * how it ended. The results of the latest runs are kept too, so F8 can show one again without
 * asking the cluster: at most `maxResults` of them and `resultCapBytes` in all, oldest dropped first,
 * and none larger than `maxResultBytes`.
 *
 * IndexedDB stores the DataSet by structured clone: typed arrays, Maps and bigints survive as they
 * are, and no row objects are made. Sizes are estimated from byteLengths (text: 2 bytes per UTF-16
 * unit), which is what the columnar stores occupy in memory; IndexedDB's own size on disk differs.
 */
import type { DataSet } from '../../kusto/types';
import { requestResult, transactionDone } from '../../lib/indexed-db';

export type RunOutcome = 'success' | 'partial' | 'failed' | 'cancelled';

export interface NewHistoryEntry {
  text: string;
  clusterUrl: string;
  database: string;
  /** Epoch ms when the run started. */
  startedAt: number;
  durationMs: number;
  /** Rows of the first result table; null when nothing came back. */
  records: number | null;
  outcome: RunOutcome;
  /** Kusto's message for a failed or partial run. */
  message?: string;
}

export interface HistoryEntry extends NewHistoryEntry {
  id: number;
  /** Estimated bytes of the kept result; null when none is kept (not stored, evicted or too big). */
  resultBytes: number | null;
}

export interface HistoryLimits {
  /** Results kept at most (the issue: the last 50 runs). */
  maxResults: number;
  /** Estimated bytes of all kept results together. */
  resultCapBytes: number;
  /**
   * Estimated bytes of one kept result at most. IndexedDB serializes (and Chromium compresses) the
   * value on the main thread inside put(); measured in headless Chromium 2 cores: 8.7 MB → no task
   * over 50 ms, 15 MB → 70–77 ms, 43 MB → 134 ms, and a plain memcpy of a 216 MB result alone took
   * 120 ms, so handing big results to a worker cannot beat 100 ms either. A bigger result is
   * listed in history without its data (F8 and "Show result" then ask to run it again).
   */
  maxResultBytes: number;
  /** Entries kept at most; the oldest go first (text only, so this is generous). */
  maxEntries: number;
}

export const DEFAULT_LIMITS: HistoryLimits = { maxResults: 50, resultCapBytes: 200 * 1024 * 1024, maxResultBytes: 16 * 1024 * 1024, maxEntries: 10_000 };

export interface HistoryUsage {
  entries: number;
  results: number;
  resultBytes: number;
}

export interface HistoryStore {
  /** Records a run, and keeps its result when given and it fits the cap. */
  record(run: NewHistoryEntry, dataSet?: DataSet | null): Promise<HistoryEntry>;
  /** Newest first. `search` matches text, cluster and database, case-insensitively, every word. */
  list(options?: { search?: string; limit?: number }): Promise<HistoryEntry[]>;
  result(runId: number): Promise<DataSet | null>;
  /** The newest kept result of the same text on the same cluster and database (F8). */
  latestResultFor(match: { text: string; clusterUrl: string; database: string }): Promise<{ entry: HistoryEntry; dataSet: DataSet } | null>;
  clear(): Promise<void>;
  /** Drops every kept result and keeps the entries (what ran, where, when): sign-out that keeps drafts. */
  clearResults(): Promise<void>;
  usage(): Promise<HistoryUsage>;
  /** Called after every change (record, clear), in this page. */
  subscribe(listener: () => void): () => void;
  close(): void;
}

const RUNS = 'runs';
const RESULTS = 'results';

/** The item name of an account's history database (see `accountStorageKey`). */
export const HISTORY_ITEM = 'history';

interface StoredResult {
  runId: number;
  dataSet: DataSet;
}

/** Rough bytes a value holds in memory: typed arrays by byteLength, strings at 2 bytes per unit. */
export function estimateBytes(value: unknown, seen = new Set<object>()): number {
  if (value === null || value === undefined) return 0;
  switch (typeof value) {
    case 'string':
      return value.length * 2;
    case 'number':
      return 8;
    case 'bigint':
      return 16;
    case 'boolean':
      return 4;
    case 'object':
      break;
    default:
      return 0;
  }
  if (seen.has(value)) return 0;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  let total = 0;
  if (value instanceof Map) {
    for (const [k, v] of value) total += estimateBytes(k, seen) + estimateBytes(v, seen);
    return total;
  }
  if (Array.isArray(value)) {
    total = value.length * 8;
    for (const v of value) total += estimateBytes(v, seen);
    return total;
  }
  for (const [k, v] of Object.entries(value)) total += k.length * 2 + estimateBytes(v, seen);
  return total;
}

function openDatabase(factory: IDBFactory, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      db.createObjectStore(RUNS, { keyPath: 'id', autoIncrement: true });
      db.createObjectStore(RESULTS, { keyPath: 'runId' });
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another page deleting this database (the account signed out there) must not wait for us.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(request.error ?? new Error('IndexedDB open failed'));
    request.onblocked = () => reject(new Error('The history database is open in an older version of this app in another tab.'));
  });
}

function matches(entry: HistoryEntry, words: string[]): boolean {
  if (words.length === 0) return true;
  const haystack = `${entry.text}\n${entry.clusterUrl}\n${entry.database}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Walks the runs newest first until `visit` returns false. Entries are small: no result data here. */
function walkNewestFirst(store: IDBObjectStore, visit: (entry: HistoryEntry, cursor: IDBCursorWithValue) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = store.openCursor(null, 'prev');
    request.onerror = () => reject(request.error ?? new Error('IndexedDB cursor failed'));
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      if (visit(cursor.value as HistoryEntry, cursor)) cursor.continue();
      else resolve();
    };
  });
}

/** Deletes a history database, entries and results; resolves once IndexedDB has removed it. */
export function deleteHistoryDatabase(name: string, factory: IDBFactory = indexedDB): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error('IndexedDB delete failed'));
  });
}

/** `name`: the account's database, `accountStorageKey(account, HISTORY_ITEM)`. */
export async function openHistoryStore(
  options: { name: string; factory?: IDBFactory; limits?: Partial<HistoryLimits> },
): Promise<HistoryStore> {
  const factory = options.factory ?? indexedDB;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const db = await openDatabase(factory, options.name);
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());

  /** Drops results past the count and byte caps, and entries past maxEntries, newest kept. */
  async function evict(tx: IDBTransaction): Promise<void> {
    const runs = tx.objectStore(RUNS);
    const results = tx.objectStore(RESULTS);
    let kept = 0;
    let bytes = 0;
    let entries = 0;
    await walkNewestFirst(runs, (entry, cursor) => {
      entries++;
      if (entries > limits.maxEntries) {
        cursor.delete();
        results.delete(entry.id);
        return true;
      }
      if (entry.resultBytes === null) return true;
      if (kept < limits.maxResults && bytes + entry.resultBytes <= limits.resultCapBytes) {
        kept++;
        bytes += entry.resultBytes;
      } else {
        results.delete(entry.id);
        cursor.update({ ...entry, resultBytes: null } satisfies HistoryEntry);
      }
      return true;
    });
  }

  async function result(runId: number): Promise<DataSet | null> {
    const stored = (await requestResult(db.transaction(RESULTS).objectStore(RESULTS).get(runId))) as StoredResult | undefined;
    return stored?.dataSet ?? null;
  }

  return {
    result,

    async record(run, dataSet) {
      const size = dataSet ? estimateBytes(dataSet) : null;
      const keep = size !== null && size <= Math.min(limits.maxResultBytes, limits.resultCapBytes) && limits.maxResults > 0;
      const tx = db.transaction([RUNS, RESULTS], 'readwrite');
      const finished = transactionDone(tx);
      const draft: Omit<HistoryEntry, 'id'> = { ...run, resultBytes: keep ? size : null };
      const id = (await requestResult(tx.objectStore(RUNS).add(draft))) as number;
      if (keep && dataSet) tx.objectStore(RESULTS).put({ runId: id, dataSet } satisfies StoredResult);
      await evict(tx);
      await finished;
      changed();
      const stored = await requestResult(db.transaction(RUNS).objectStore(RUNS).get(id));
      return (stored as HistoryEntry | undefined) ?? { ...draft, id, resultBytes: null };
    },

    async list({ search = '', limit = 200 } = {}) {
      const words = search.toLowerCase().split(/\s+/).filter((w) => w !== '');
      const out: HistoryEntry[] = [];
      const tx = db.transaction(RUNS);
      await walkNewestFirst(tx.objectStore(RUNS), (entry) => {
        if (matches(entry, words)) out.push(entry);
        return out.length < limit;
      });
      return out;
    },

    async latestResultFor({ text, clusterUrl, database }) {
      let found: HistoryEntry | null = null;
      await walkNewestFirst(db.transaction(RUNS).objectStore(RUNS), (entry) => {
        if (entry.resultBytes !== null && entry.text === text && entry.clusterUrl === clusterUrl && entry.database === database) found = entry;
        return found === null;
      });
      const entry = found as HistoryEntry | null;
      if (!entry) return null;
      const dataSet = await result(entry.id);
      return dataSet ? { entry, dataSet } : null;
    },

    async clear() {
      const tx = db.transaction([RUNS, RESULTS], 'readwrite');
      tx.objectStore(RUNS).clear();
      tx.objectStore(RESULTS).clear();
      await transactionDone(tx);
      changed();
    },

    async clearResults() {
      const tx = db.transaction([RUNS, RESULTS], 'readwrite');
      tx.objectStore(RESULTS).clear();
      await walkNewestFirst(tx.objectStore(RUNS), (entry, cursor) => {
        if (entry.resultBytes !== null) cursor.update({ ...entry, resultBytes: null } satisfies HistoryEntry);
        return true;
      });
      await transactionDone(tx);
      changed();
    },

    async usage() {
      let entries = 0;
      let results = 0;
      let resultBytes = 0;
      await walkNewestFirst(db.transaction(RUNS).objectStore(RUNS), (entry) => {
        entries++;
        if (entry.resultBytes !== null) {
          results++;
          resultBytes += entry.resultBytes;
        }
        return true;
      });
      return { entries, results, resultBytes };
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close() {
      db.close();
    },
  };
}
