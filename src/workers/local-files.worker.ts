/**
 * The local-files worker: DuckDB-wasm and the tables made from the analyst's files. Started by
 * local-files-client.ts when the first file is opened. Requests are handled one at a time in
 * arrival order, except `cancel`, which is seen between the polls of a running query.
 */
import { tableFromIPC } from 'apache-arrow';
import { openBrowserDuckDb } from './local-files/duckdb-browser';
import type { LocalDuckDb } from './local-files/duckdb-wasm';
import { LocalFileError } from './local-files/load-error';
import { dropLocalTable, loadLocalFile, renameLocalTable } from './local-files/load-file';
import type { LocalFilesRequest, LocalFilesResponse } from './local-files/protocol';

const post = (message: LocalFilesResponse) => (self as unknown as Worker).postMessage(message);

const started = performance.now();
const ready: Promise<LocalDuckDb> = openBrowserDuckDb().then((db) => {
  post({ type: 'ready', duckdbVersion: db.version, memoryLimitBytes: db.memoryLimitBytes, startMs: performance.now() - started });
  return db;
});

const cancelled = new Set<number>();
/** A turn of the event loop (a message, e.g. cancel, is handled in it); faster than setTimeout's clamp. */
const nextTurn = () => new Promise<void>((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(null);
});

let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<LocalFilesRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  queue = queue.then(() => handle(request)).catch((error: unknown) => {
    post({ type: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  });
};

async function handle(request: Exclude<LocalFilesRequest, { type: 'cancel' }>): Promise<void> {
  const db = await ready;
  switch (request.type) {
    case 'open':
      for (const [i, file] of request.files.entries()) {
        try {
          const table = await loadLocalFile(db, file, request.names[i] ?? file.name);
          post({ type: 'loaded', id: request.id, table });
        } catch (error) {
          const failure = error instanceof LocalFileError
            ? { fileName: file.name, kind: error.kind, message: error.message, line: error.line }
            : { fileName: file.name, kind: 'unreadable' as const, message: `${file.name}: ${error instanceof Error ? error.message : String(error)}`, line: null };
          post({ type: 'load-failed', id: request.id, failure });
        }
      }
      post({ type: 'opened', id: request.id });
      return;
    case 'rename':
      renameLocalTable(db, request.from, request.to);
      post({ type: 'done', id: request.id, rowCount: 0, ms: 0 });
      return;
    case 'close':
      dropLocalTable(db, request.name);
      post({ type: 'done', id: request.id, rowCount: 0, ms: 0 });
      return;
    case 'sql': {
      const t = performance.now();
      const result = await db.queryCancellable(request.sql, () => cancelled.has(request.id), nextTurn);
      cancelled.delete(request.id);
      if (result.kind === 'cancelled') post({ type: 'cancelled', id: request.id });
      else post({ type: 'done', id: request.id, rowCount: tableFromIPC(result.ipc).numRows, ms: performance.now() - t });
      return;
    }
  }
}

