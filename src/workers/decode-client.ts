/**
 * The main thread's side of the decode worker.
 *
 * `decodeInWorker(bytes)` transfers a response body to the worker and resolves with columnar
 * tables transferred back. Without Worker (jsdom, old environments) or when the worker can't
 * start, the same decoder runs here instead.
 *
 * `workerTableOps` is the results panel's ResultTableOps running in that worker: the worker still
 * holds the tables it decoded (see decode.worker.ts), so a sort or search sends only an id and
 * gets a Uint32Array row permutation back by transfer.
 */

import { decodeV2Bytes, type DecodeResult } from '../kusto/decode-v2';
import { kustoError } from '../kusto/errors';
import type { ColumnarTable } from '../kusto/types';
import { searchRows, sortRows, type ResultTableOps } from '../kusto/table-ops';
import type { SortDirection, WorkerRequest, WorkerResponse } from './protocol';

interface Pending {
  resolve(message: WorkerResponse): void;
  reject(error: Error): void;
}

/** Where the worker keeps a table: the data set's key and the table's index in `dataSet.tables`. */
interface TableRef {
  key: number;
  index: number;
}

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;
let nextKey = 1;
const pending = new Map<number, Pending>();
const refs = new WeakMap<ColumnarTable, TableRef>();
// When the grid drops a result, the worker drops its copy too.
const released = typeof FinalizationRegistry === 'undefined' ? null : new FinalizationRegistry<number>((key) => {
  worker?.postMessage({ type: 'release', key } satisfies WorkerRequest);
});

function failAll(error: Error): void {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
}

function getWorker(): Worker | null {
  if (worker || workerBroken) return worker;
  if (typeof Worker === 'undefined') {
    workerBroken = true;
    return null;
  }
  try {
    worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'kql-decode' });
  } catch {
    // A Content-Security-Policy without worker-src, or a runtime without module workers.
    workerBroken = true;
    return null;
  }
  worker.onmessage = (event: MessageEvent<WorkerResponse>) => {
    const p = pending.get(event.data.id);
    if (!p) return;
    pending.delete(event.data.id);
    p.resolve(event.data);
  };
  worker.onerror = (event) => {
    // The script failed to load or threw outside a handler: every answer still owed is lost.
    event.preventDefault();
    worker?.terminate();
    worker = null;
    workerBroken = true;
    failAll(new Error(`the decode worker failed: ${event.message || 'it could not start'}`));
  };
  return worker;
}

function call(w: Worker, request: WorkerRequest, transfer: Transferable[] = []): Promise<WorkerResponse> {
  return new Promise((resolve, reject) => {
    if (!('id' in request)) throw new Error('a request without an id gets no answer');
    pending.set(request.id, { resolve, reject });
    w.postMessage(request, transfer);
  });
}

/**
 * Starts the worker ahead of the first result (call at idle after the app loads): the module
 * loads and its decoder is compiled by a small warm-up decode, so the first real response is
 * not also the decoder's first run.
 */
export function startDecodeWorker(): void {
  getWorker()?.postMessage({ type: 'warm-up' } satisfies WorkerRequest);
}

export interface WorkerDecode {
  result: DecodeResult;
  /** Time the decoder itself took, in the worker (or here when there is no worker). */
  decodeMs: number;
  inWorker: boolean;
}

/** Decodes a v2 response body off the main thread. `bytes` is transferred: don't use it afterwards. */
export async function decodeInWorker(bytes: ArrayBuffer): Promise<WorkerDecode> {
  const w = getWorker();
  if (w) {
    const key = nextKey++;
    // If the worker dies before answering, the transferred bytes die with it: this run fails with
    // the worker's error and later runs decode on the main thread (workerBroken).
    const answer = await call(w, { type: 'decode', id: nextId++, key, bytes }, [bytes]);
    if (answer.type === 'failed') throw new Error(answer.message);
    if (answer.type !== 'decoded') throw new Error(`unexpected answer ${answer.type} from the decode worker`);
    if (answer.result.ok) {
      answer.result.dataSet.tables.forEach((table, index) => {
        refs.set(table, { key, index });
        released?.register(table, key);
      });
    }
    return { result: answer.result, decodeMs: answer.decodeMs, inWorker: true };
  }
  const started = performance.now();
  const result = decodeV2Bytes(new Uint8Array(bytes));
  return { result, decodeMs: performance.now() - started, inWorker: false };
}

async function inWorker(table: ColumnarTable, ask: (ref: TableRef, id: number) => WorkerRequest, here: () => Uint32Array): Promise<Uint32Array> {
  const w = getWorker();
  if (!w) return here();
  let ref = refs.get(table);
  if (!ref) {
    // A table the worker never decoded (a fallback decode, a test factory): hand it a copy once.
    ref = { key: nextKey++, index: 0 };
    refs.set(table, ref);
    released?.register(table, ref.key);
  }
  let answer = await call(w, ask(ref, nextId++));
  if (answer.type === 'missing') {
    await call(w, { type: 'adopt', id: nextId++, key: ref.key, table: ref.index, data: table });
    answer = await call(w, ask(ref, nextId++));
  }
  if (answer.type === 'rows') return answer.rows;
  throw new Error(answer.type === 'failed' ? answer.message : `unexpected answer ${answer.type} from the decode worker`);
}

export const workerTableOps: ResultTableOps = {
  sort: (table, column, direction: SortDirection) => inWorker(
    table,
    (ref, id) => ({ type: 'sort', id, key: ref.key, table: ref.index, column, direction }),
    () => sortRows(table, column, direction),
  ),
  search: (table, text) => inWorker(
    table,
    (ref, id) => ({ type: 'search', id, key: ref.key, table: ref.index, text }),
    () => searchRows(table, text),
  ),
};

/**
 * The Kusto client's decoder seam (`QueryDecoder`) over the worker: reads the body, moves it to
 * the worker by transfer. A body that cannot be read rejects (the client reports the answer as
 * cut); a worker that fails is a decoding failure.
 */
export async function decodeResponseInWorker(response: Response): Promise<DecodeResult> {
  // Bytes, not text: the worker reads UTF-8 itself, and the buffer moves there by transfer.
  const body = await response.arrayBuffer();
  try {
    return (await decodeInWorker(body)).result;
  } catch (e) {
    return { ok: false, error: kustoError('malformed-response', `The response could not be decoded: ${e instanceof Error ? e.message : String(e)}`) };
  }
}
