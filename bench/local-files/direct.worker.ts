/// <reference types="vite/client" />
/**
 * The bench's baseline: DuckDB-wasm with nothing of ours around it, in a worker of its own on the
 * same page — register the file, CREATE TABLE AS read_csv, run the SQL given.
 */
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import { BROWSER_RUNTIME, createDuckDB, VoidLogger } from 'duckdb-wasm-browser-blocking';
import { OFFLINE_SETTINGS } from '../../src/workers/local-files/duckdb-wasm';

const BROWSER_FILEREADER = 2;
const ready = (async () => {
  const db = await createDuckDB({ mvp: { mainModule: mvpWasm, mainWorker: '' }, eh: { mainModule: ehWasm, mainWorker: '' } }, new VoidLogger(), BROWSER_RUNTIME);
  await db.instantiate(() => {});
  db.open({});
  const conn = db.connect();
  for (const statement of OFFLINE_SETTINGS) conn.query(statement);
  return { db, conn };
})();

self.onmessage = async (event: MessageEvent<{ kind: 'load'; file: File; table: string } | { kind: 'sql'; sql: string }>) => {
  const { db, conn } = await ready;
  const t = performance.now();
  if (event.data.kind === 'load') {
    db.registerFileHandle(event.data.file.name, event.data.file, BROWSER_FILEREADER, true);
    conn.query(`CREATE TABLE ${event.data.table} AS SELECT * FROM read_csv('${event.data.file.name}', delim = ',', quote = '"', escape = '"')`);
    db.dropFile(event.data.file.name);
  } else {
    const rows = conn.query(event.data.sql).numRows;
    (self as unknown as Worker).postMessage({ ms: performance.now() - t, rows });
    return;
  }
  (self as unknown as Worker).postMessage({ ms: performance.now() - t, rows: 0 });
};
