/**
 * Our seam over DuckDB-wasm's *blocking* bindings (the same `DuckDBBindings` in the browser build,
 * run inside our own module worker, and in the Node build the tests use), so the code that loads
 * files and runs SQL is one code on both hosts. Only what we use is described here.
 *
 * Why blocking bindings in our own worker rather than `AsyncDuckDB` and its worker: the translator
 * and DuckDB then share one worker (SQL and results never cross a second message channel), and a
 * query runs as a pending query polled between turns of the worker's event loop, so a Cancel
 * message is seen and `cancelPendingQuery` interrupts DuckDB (github.com/duckdb/duckdb-wasm
 * issue 871, `cancelPendingQuery` in packages/duckdb-wasm/src/bindings/bindings_interface.ts).
 */
import { tableToIPC, type Table } from 'apache-arrow';

/** The members of duckdb-wasm's `DuckDBBindings` we call. */
export interface BlockingBindings {
  getVersion(): string;
  connect(): BlockingConnection;
  registerFileBuffer(name: string, buffer: Uint8Array): void;
  registerFileHandle<Handle>(name: string, handle: Handle, protocol: number, directIO: boolean): void;
  dropFile(name: string): void;
}

export interface BlockingConnection {
  query(text: string): Table;
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): void;
  useUnsafe<R>(callback: (bindings: PendingQueryBindings, conn: number) => R): R;
}

interface PendingQueryBindings {
  startPendingQuery(conn: number, text: string, allowStreamResult: boolean): Uint8Array | null;
  pollPendingQuery(conn: number): Uint8Array | null;
  cancelPendingQuery(conn: number): boolean;
  fetchQueryResults(conn: number): Uint8Array | null;
}

/** `DuckDBDataProtocol.BROWSER_FILEREADER`: a File read in place (FileReaderSync in a worker), not copied. */
const BROWSER_FILEREADER = 2;

export type CancellableResult = { kind: 'done'; ipc: Uint8Array } | { kind: 'cancelled' };

export interface LocalDuckDb {
  readonly version: string;
  /** DuckDB's memory_limit in bytes: the most a loaded table can take. */
  readonly memoryLimitBytes: number;
  query(sql: string): Table;
  /** A File read where it lies (browser), or its bytes copied in (hosts without FileReaderSync). */
  registerFile(name: string, file: Blob): Promise<void>;
  dropFile(name: string): void;
  insertArrow(table: Table, name: string): void;
  /**
   * Runs `sql` as a pending query, giving the event loop a turn between polls (`nextTurn`), and
   * cancels it in DuckDB when `cancelled()` turns true. The result is an Arrow IPC stream.
   */
  queryCancellable(sql: string, cancelled: () => boolean, nextTurn: () => Promise<void>): Promise<CancellableResult>;
}

/** Settings every connection gets: no extension is ever fetched (nothing leaves the browser). */
export const OFFLINE_SETTINGS = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
] as const;

export function wrapBindings(bindings: BlockingBindings, options: { fileReader: boolean }): LocalDuckDb {
  const conn = bindings.connect();
  for (const statement of OFFLINE_SETTINGS) conn.query(statement);
  const limit = String(conn.query(`SELECT current_setting('memory_limit') AS m`).getChildAt(0)?.get(0) ?? '');
  return {
    version: bindings.getVersion(),
    memoryLimitBytes: parseByteSize(limit),
    query: (sql) => conn.query(sql),
    async registerFile(name, file) {
      if (options.fileReader) bindings.registerFileHandle(name, file, BROWSER_FILEREADER, true);
      else bindings.registerFileBuffer(name, new Uint8Array(await file.arrayBuffer()));
    },
    dropFile: (name) => bindings.dropFile(name),
    insertArrow(table, name) {
      conn.insertArrowFromIPCStream(tableToIPC(table, 'stream'), { name, create: true });
    },
    async queryCancellable(sql, cancelled, nextTurn) {
      return conn.useUnsafe(async (b, id) => {
        let header = b.startPendingQuery(id, sql, false);
        while (header === null) {
          await nextTurn();
          if (cancelled()) {
            b.cancelPendingQuery(id);
            return { kind: 'cancelled' } as const;
          }
          header = b.pollPendingQuery(id);
        }
        // The finished query hands back the stream's schema message; its record batches follow
        // one fetch at a time (null at the end), as duckdb-wasm's own `send` reads them.
        const parts = [header];
        for (let batch = b.fetchQueryResults(id); batch !== null && batch.length > 0; batch = b.fetchQueryResults(id)) parts.push(batch);
        return { kind: 'done', ipc: concatBytes(parts) } as const;
      });
    },
  };
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1 && parts[0]) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const UNITS: Record<string, number> = { B: 1, KB: 1e3, KIB: 1024, MB: 1e6, MIB: 1024 ** 2, GB: 1e9, GIB: 1024 ** 3, TB: 1e12, TIB: 1024 ** 4 };

/** DuckDB prints memory_limit as "3.1 GiB"; bytes, or NaN when it reads otherwise. */
export function parseByteSize(text: string): number {
  const m = /^\s*([\d.]+)\s*([KMGT]?i?B)\s*$/i.exec(text);
  if (!m?.[1] || !m[2]) return Number.NaN;
  const unit = UNITS[m[2].toUpperCase()];
  return unit === undefined ? Number.NaN : Math.round(Number(m[1]) * unit);
}
