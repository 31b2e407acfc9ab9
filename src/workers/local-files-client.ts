/**
 * The page's side of the local-files worker. Nothing here runs, and no worker, wasm or parser is
 * fetched, until the first file is opened (`localFiles()` starts the worker).
 */
import type { LoadedTable } from './local-files/load-file';
import type { LocalFileFailure, LocalFilesRequest, LocalFilesResponse } from './local-files/protocol';

export interface LocalFilesReady {
  duckdbVersion: string;
  memoryLimitBytes: number;
  startMs: number;
}

export interface LocalFilesClient {
  readonly ready: Promise<LocalFilesReady>;
  /** Loads the files one by one; each table or failure is reported as it lands. */
  open(files: File[], names: string[], onTable: (table: LoadedTable) => void, onFailure: (failure: LocalFileFailure) => void): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  close(name: string): Promise<void>;
  /** SQL straight to DuckDB-wasm; aborting the signal cancels it in DuckDB. */
  sql(sql: string, signal?: AbortSignal): Promise<{ rowCount: number; ms: number } | 'cancelled'>;
}

type Pending = { settle: (response: LocalFilesResponse) => boolean };

let client: LocalFilesClient | null = null;

export function localFiles(): LocalFilesClient {
  client ??= startClient();
  return client;
}

function startClient(): LocalFilesClient {
  const worker = new Worker(new URL('./local-files.worker.ts', import.meta.url), { type: 'module', name: 'local-files' });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let resolveReady: (ready: LocalFilesReady) => void = () => undefined;
  const ready = new Promise<LocalFilesReady>((resolve) => (resolveReady = resolve));
  worker.onmessage = (event: MessageEvent<LocalFilesResponse>) => {
    const message = event.data;
    if (message.type === 'ready') {
      resolveReady({ duckdbVersion: message.duckdbVersion, memoryLimitBytes: message.memoryLimitBytes, startMs: message.startMs });
      return;
    }
    const entry = pending.get(message.id);
    if (entry?.settle(message)) pending.delete(message.id);
  };

  const request = (make: (id: number) => LocalFilesRequest, settle: (response: LocalFilesResponse) => boolean) => {
    const id = nextId++;
    pending.set(id, { settle });
    worker.postMessage(make(id));
    return id;
  };
  const simple = (make: (id: number) => LocalFilesRequest) =>
    new Promise<void>((resolve, reject) => {
      request(make, (r) => {
        if (r.type === 'failed') reject(new Error(r.message));
        else resolve();
        return true;
      });
    });

  return {
    ready,
    open: (files, names, onTable, onFailure) =>
      new Promise<void>((resolve, reject) => {
        request((id) => ({ type: 'open', id, files, names }), (r) => {
          if (r.type === 'loaded') onTable(r.table);
          else if (r.type === 'load-failed') onFailure(r.failure);
          else if (r.type === 'failed') reject(new Error(r.message));
          else resolve();
          return r.type !== 'loaded' && r.type !== 'load-failed';
        });
      }),
    rename: (from, to) => simple((id) => ({ type: 'rename', id, from, to })),
    close: (name) => simple((id) => ({ type: 'close', id, name })),
    sql: (sql, signal) =>
      new Promise((resolve, reject) => {
        const id = request((id) => ({ type: 'sql', id, sql }), (r) => {
          if (r.type === 'done') resolve({ rowCount: r.rowCount, ms: r.ms });
          else if (r.type === 'cancelled') resolve('cancelled');
          else if (r.type === 'failed') reject(new Error(r.message));
          return true;
        });
        signal?.addEventListener('abort', () => worker.postMessage({ type: 'cancel', id } satisfies LocalFilesRequest), { once: true });
      }),
  };
}
