/**
 * The local-files worker: DuckDB-wasm, the tables made from the analyst's files, and the KQL
 * translator over them (src/engine, with Kusto.Language loaded on the first query). Started by
 * local-files-client.ts when the first file is opened. Requests are handled one at a time in
 * arrival order, except `cancel`, which is seen between the polls of a running query.
 */
import { tableFromIPC } from 'apache-arrow';
import type { Planner } from '../engine/planner';
import { KustoEngineError } from '../engine/types';
import { columnBuffers } from '../kusto/columnar';
import { openBrowserDuckDb } from './local-files/duckdb-browser';
import type { LocalDuckDb } from './local-files/duckdb-wasm';
import { createLocalPlanner, isWasmTrap, LocalSchema, registerEngineMacros, runKql } from './local-files/kql-host';
import { LocalFileError } from './local-files/load-error';
import { dropLocalTable, loadLocalFile, renameLocalTable } from './local-files/load-file';
import type { LocalFilesRequest, LocalFilesResponse } from './local-files/protocol';
import { errorText } from '../lib/error-text';

const post = (message: LocalFilesResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

const started = performance.now();
const ready: Promise<LocalDuckDb> = openBrowserDuckDb().then((db) => {
  registerEngineMacros(db);
  post({ type: 'ready', duckdbVersion: db.version, memoryLimitBytes: db.memoryLimitBytes, startMs: performance.now() - started });
  return db;
});

const schema = new LocalSchema();
let planner: Promise<Planner> | null = null;
/** The parser (~580 KB gzip) loads with the first query, not with the first file. */
const plannerFor = () =>
  (planner ??= import('./local-files/kusto-language-browser').then(() => createLocalPlanner(schema)));

const cancelled = new Set<number>();
/** A turn of the event loop (a message, e.g. cancel, is handled in it); faster than setTimeout's clamp. */
const nextTurn = () => new Promise<void>((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve();
  channel.port2.postMessage(null);
});

let queue: Promise<void> = Promise.resolve();
let trapped = false;

self.onmessage = (event: MessageEvent<LocalFilesRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    cancelled.add(request.id);
    return;
  }
  queue = queue.then(() => handle(request)).catch((error: unknown) => {
    const message = errorText(error);
    if (isWasmTrap(error)) {
      trapped = true;
      post({ type: 'crashed', id: request.id, message });
    } else post({ type: 'failed', id: request.id, message });
  });
};

async function handle(request: Exclude<LocalFilesRequest, { type: 'cancel' }>): Promise<void> {
  if (trapped) throw new WebAssembly.RuntimeError('DuckDB-wasm stopped after an earlier failure');
  const db = await ready;
  switch (request.type) {
    case 'open':
      for (const [i, file] of request.files.entries()) {
        try {
          const table = await loadLocalFile(db, file, request.names[i] ?? file.name);
          schema.set(table.name, table.columns);
          post({ type: 'loaded', id: request.id, table });
        } catch (error) {
          if (isWasmTrap(error)) throw error;
          const failure = error instanceof LocalFileError
            ? { fileName: file.name, kind: error.kind, message: error.message, line: error.line }
            : { fileName: file.name, kind: 'unreadable' as const, message: `${file.name}: ${errorText(error)}`, line: null };
          post({ type: 'load-failed', id: request.id, failure });
        }
      }
      post({ type: 'opened', id: request.id });
      // The first query would otherwise wait for the parser (~4.7 MB of JS) to load and JIT.
      queue = queue.then(async () => (await plannerFor()).warm()).catch(() => undefined);
      return;
    case 'rename':
      renameLocalTable(db, request.from, request.to);
      schema.rename(request.from, request.to);
      post({ type: 'done', id: request.id, rowCount: 0, ms: 0 });
      return;
    case 'close':
      dropLocalTable(db, request.name);
      schema.delete(request.name);
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
    case 'kql': {
      const t = performance.now();
      try {
        const run = await runKql(db, await plannerFor(), request.csl, request.parameters, () => cancelled.has(request.id), nextTurn);
        if (run.kind === 'cancelled') {
          post({ type: 'cancelled', id: request.id });
          return;
        }
        const { tables, visualizations } = run.result;
        post({ type: 'kql-result', id: request.id, tables, visualizations, ms: performance.now() - t }, tables.flatMap((table) => table.columns.flatMap(columnBuffers)));
      } catch (error) {
        if (!(error instanceof KustoEngineError)) throw error;
        const position = error.position;
        post({ type: 'kql-failed', id: request.id, failure: { kind: error.kind, code: error.code, message: error.message, line: position?.line ?? null, column: position?.column ?? null } });
      } finally {
        cancelled.delete(request.id);
      }
      return;
    }
  }
}
