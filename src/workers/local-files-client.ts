/**
 * The page's side of the local-files worker. Nothing here runs, and no worker, wasm or parser is
 * fetched, until the first file is opened (`localFiles()` starts the worker).
 *
 * The client remembers which File each table came from, so when DuckDB-wasm traps (a WebAssembly
 * RuntimeError: its memory can no longer be trusted) or the worker dies, it fails what was
 * running with that reason, starts a new worker and opens the same files under the same names.
 */
import type { LoadedTable } from './local-files/load-file';
import type { LocalFileFailure, LocalFilesRequest, LocalFilesResponse, LocalQueryFailure } from './local-files/protocol';
import type { ColumnarTable, Visualization } from '../kusto/types';

export interface LocalFilesReady {
  duckdbVersion: string;
  memoryLimitBytes: number;
  startMs: number;
}

export type LocalKqlAnswer =
  | { kind: 'result'; tables: ColumnarTable[]; visualizations: Map<number, Visualization>; ms: number }
  | { kind: 'failed'; failure: LocalQueryFailure }
  | { kind: 'cancelled' };

/** The worker was replaced after a crash: what happened and what was opened again. */
export interface LocalFilesRestart {
  reason: string;
  reopened: LoadedTable[];
  failures: LocalFileFailure[];
}

export interface LocalFilesClient {
  readonly ready: Promise<LocalFilesReady>;
  /** Loads the files one by one; each table or failure is reported as it lands. */
  open(files: File[], names: string[], onTable: (table: LoadedTable) => void, onFailure: (failure: LocalFileFailure) => void): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  close(name: string): Promise<void>;
  /** SQL straight to DuckDB-wasm; aborting the signal cancels it in DuckDB. */
  sql(sql: string, signal?: AbortSignal): Promise<{ rowCount: number; ms: number } | 'cancelled'>;
  /** KQL over the open tables; aborting the signal cancels it in DuckDB. Rejects only when the worker crashed. */
  kql(csl: string, parameters: Record<string, unknown>, signal?: AbortSignal): Promise<LocalKqlAnswer>;
  /** Called after each restart that followed a crash. */
  onRestart(listener: (restart: LocalFilesRestart) => void): () => void;
}

/** What the client needs of a Worker (a test passes its own). */
export interface WorkerPort {
  postMessage(message: LocalFilesRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<LocalFilesResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

type Pending = { settle: (response: LocalFilesResponse) => boolean; fail: (error: Error) => void };

let client: LocalFilesClient | null = null;

export function localFiles(): LocalFilesClient {
  client ??= createLocalFilesClient(
    () => new Worker(new URL('./local-files.worker.ts', import.meta.url), { type: 'module', name: 'local-files' }) as unknown as WorkerPort,
  );
  return client;
}

/** Whether the worker has been started (a file was opened in this tab). */
export function localFilesStarted(): boolean {
  return client !== null;
}

export class LocalFilesCrashed extends Error {
  constructor(reason: string) {
    super(`The local-files engine (DuckDB-wasm) stopped: ${reason}. It was restarted and your files are being opened again; run the query again.`);
    this.name = 'LocalFilesCrashed';
  }
}

export function createLocalFilesClient(makeWorker: () => WorkerPort): LocalFilesClient {
  const pending = new Map<number, Pending>();
  /** Table name → the File it was loaded from, in opening order. */
  const files = new Map<string, File>();
  const listeners = new Set<(restart: LocalFilesRestart) => void>();
  let nextId = 1;
  let worker: WorkerPort;
  let resolveReady: (ready: LocalFilesReady) => void = () => undefined;
  const ready = new Promise<LocalFilesReady>((resolve) => (resolveReady = resolve));

  const start = () => {
    worker = makeWorker();
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type === 'ready') {
        resolveReady({ duckdbVersion: message.duckdbVersion, memoryLimitBytes: message.memoryLimitBytes, startMs: message.startMs });
        return;
      }
      if (message.type === 'crashed') {
        restart(message.message);
        return;
      }
      const entry = pending.get(message.id);
      if (entry?.settle(message)) pending.delete(message.id);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      restart(event.message || 'the worker failed');
    };
  };

  const restart = (reason: string) => {
    worker.onmessage = null;
    worker.onerror = null;
    worker.terminate();
    const failed = [...pending.values()];
    pending.clear();
    for (const p of failed) p.fail(new LocalFilesCrashed(reason));
    start();
    const again = [...files.entries()];
    files.clear();
    const reopened: LoadedTable[] = [];
    const failures: LocalFileFailure[] = [];
    void open(again.map(([, f]) => f), again.map(([name]) => name), (t) => reopened.push(t), (f) => failures.push(f))
      .catch(() => undefined)
      .finally(() => {
        for (const listener of listeners) listener({ reason, reopened, failures });
      });
  };

  const request = (make: (id: number) => LocalFilesRequest, settle: Pending['settle'], fail: Pending['fail']) => {
    const id = nextId++;
    pending.set(id, { settle, fail });
    worker.postMessage(make(id));
    return id;
  };
  const simple = (make: (id: number) => LocalFilesRequest) =>
    new Promise<void>((resolve, reject) => {
      request(make, (r) => {
        if (r.type === 'failed') reject(new Error(r.message));
        else resolve();
        return true;
      }, reject);
    });
  const cancelOn = (signal: AbortSignal | undefined, id: number) =>
    signal?.addEventListener('abort', () => worker.postMessage({ type: 'cancel', id }), { once: true });

  const open: LocalFilesClient['open'] = (list, names, onTable, onFailure) =>
    new Promise<void>((resolve, reject) => {
      request((id) => ({ type: 'open', id, files: list, names }), (r) => {
        if (r.type === 'loaded') {
          const file = list[names.indexOf(r.table.name)] ?? list.find((f) => f.name === r.table.fileName);
          if (file) files.set(r.table.name, file);
          onTable(r.table);
        } else if (r.type === 'load-failed') onFailure(r.failure);
        else if (r.type === 'failed') reject(new Error(r.message));
        else resolve();
        return r.type !== 'loaded' && r.type !== 'load-failed';
      }, reject);
    });

  start();
  return {
    ready,
    open,
    async rename(from, to) {
      await simple((id) => ({ type: 'rename', id, from, to }));
      const file = files.get(from);
      files.delete(from);
      if (file) files.set(to, file);
    },
    async close(name) {
      await simple((id) => ({ type: 'close', id, name }));
      files.delete(name);
    },
    sql: (sql, signal) =>
      new Promise((resolve, reject) => {
        const id = request((id) => ({ type: 'sql', id, sql }), (r) => {
          if (r.type === 'done') resolve({ rowCount: r.rowCount, ms: r.ms });
          else if (r.type === 'cancelled') resolve('cancelled');
          else if (r.type === 'failed') reject(new Error(r.message));
          return true;
        }, reject);
        cancelOn(signal, id);
      }),
    kql: (csl, parameters, signal) =>
      new Promise((resolve, reject) => {
        const id = request((id) => ({ type: 'kql', id, csl, parameters }), (r) => {
          if (r.type === 'kql-result') resolve({ kind: 'result', tables: r.tables, visualizations: r.visualizations, ms: r.ms });
          else if (r.type === 'kql-failed') resolve({ kind: 'failed', failure: r.failure });
          else if (r.type === 'cancelled') resolve({ kind: 'cancelled' });
          else if (r.type === 'failed') reject(new Error(r.message));
          return true;
        }, reject);
        cancelOn(signal, id);
      }),
    onRestart(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
