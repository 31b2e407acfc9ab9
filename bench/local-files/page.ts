/// <reference types="vite/client" />
/**
 * The local-files bench page: the product's local-files worker (src/workers/local-files-client.ts)
 * and a bare DuckDB-wasm worker (direct.worker.ts) side by side, driven by run.ts. Long main-thread
 * tasks are recorded throughout.
 */
import { localFiles } from '../../src/workers/local-files-client';
import DirectWorker from './direct.worker?worker';

const longTasks: number[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push(entry.duration);
}).observe({ type: 'longtask', buffered: true });

let direct: Worker | null = null;
function directCall(message: unknown): Promise<{ ms: number; rows: number }> {
  const worker = direct ?? new DirectWorker();
  direct = worker;
  return new Promise((resolve) => {
    worker.onmessage = (e: MessageEvent<{ ms: number; rows: number }>) => resolve(e.data);
    worker.postMessage(message);
  });
}

function file(): File {
  const f = (document.getElementById('file') as HTMLInputElement).files?.[0];
  if (!f) throw new Error('no file set');
  return f;
}

const bench = {
  async startProduct() {
    const t = performance.now();
    const ready = await localFiles().ready;
    return { ...ready, pageMs: performance.now() - t };
  },
  async startDirect() {
    const t = performance.now();
    await directCall({ kind: 'sql', sql: 'SELECT 1' });
    return performance.now() - t;
  },
  async loadProduct(name: string) {
    const t = performance.now();
    let loaded: unknown = null;
    let failed: unknown = null;
    await localFiles().open([file()], [name], (table) => (loaded = table), (failure) => (failed = failure));
    return { ms: performance.now() - t, loaded, failed };
  },
  async loadDirect(table: string) {
    const t = performance.now();
    await directCall({ kind: 'load', file: file(), table });
    return performance.now() - t;
  },
  async sqlProduct(sql: string) {
    return localFiles().sql(sql);
  },
  /** KQL through the product's path (parse, plan, SQL, Arrow → columnar, transfer); its rows. */
  async kqlProduct(csl: string) {
    const t = performance.now();
    const answer = await localFiles().kql(csl, {});
    const ms = performance.now() - t;
    if (answer.kind === 'failed') throw new Error(answer.failure.message);
    if (answer.kind === 'cancelled') throw new Error('cancelled');
    return { ms, workerMs: answer.ms, rowCount: answer.tables[0]?.rowCount ?? 0 };
  },
  async sqlDirect(sql: string) {
    return directCall({ kind: 'sql', sql });
  },
  longTasks: () => [...longTasks],
};

(window as unknown as { bench: typeof bench }).bench = bench;
document.title = 'ready';
