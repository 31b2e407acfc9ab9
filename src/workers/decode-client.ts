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

import { V2StreamDecoder, decodeV2Bytes, type DecodeResult, type ResultSoFar, type TableSoFar } from '../kusto/decode-v2';
import { copyColumn } from '../kusto/columnar';
import { kustoError } from '../kusto/errors';
import type { ColumnarTable } from '../kusto/types';
import { searchRows, sortRows, type ResultTableOps } from '../kusto/table-ops';
import type { SortDirection, WorkerRequest, WorkerResponse } from './protocol';
import { readPieces } from './read-pieces';
import { SnapshotSchedule } from './snapshot-schedule';
import { errorText } from '../lib/error-text';

interface Pending {
  resolve(message: WorkerResponse): void;
  reject(error: Error): void;
  /** Tables so far of a body still arriving (the request stays open). */
  progress?: (tables: TableSoFar[]) => void;
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
    if (event.data.type === 'decode-progress') {
      p.progress?.(event.data.tables);
      return;
    }
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

/**
 * Sends `request`; the promise settles with the worker's answer. A message the browser cannot send
 * (e.g. a ReadableStream it cannot transfer) throws here, synchronously, so the caller can fall
 * back — posted inside the promise's executor, the throw became a rejection no `catch` around the
 * call saw.
 */
function call(w: Worker, request: WorkerRequest, transfer: Transferable[] = [], progress?: Pending['progress']): Promise<WorkerResponse> {
  if (!('id' in request)) throw new Error('a request without an id gets no answer');
  const answer = new Promise<WorkerResponse>((resolve, reject) => {
    pending.set(request.id, progress ? { resolve, reject, progress } : { resolve, reject });
  });
  try {
    w.postMessage(request, transfer);
  } catch (e) {
    pending.delete(request.id);
    throw e;
  }
  return answer;
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

function decodedAnswer(answer: WorkerResponse, key: number): WorkerDecode {
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

/** Decodes a v2 response body off the main thread. `bytes` is transferred: don't use it afterwards. */
export async function decodeInWorker(bytes: ArrayBuffer): Promise<WorkerDecode> {
  const w = getWorker();
  if (w) {
    const key = nextKey++;
    // If the worker dies before answering, the transferred bytes die with it: this run fails with
    // the worker's error and later runs decode on the main thread (workerBroken).
    return decodedAnswer(await call(w, { type: 'decode', id: nextId++, key, bytes }, [bytes]), key);
  }
  const started = performance.now();
  const result = decodeV2Bytes(new Uint8Array(bytes));
  return { result, decodeMs: performance.now() - started, inWorker: false };
}

export type DecodeProgress = (soFar: ResultSoFar) => void;

function resultSoFar(tables: readonly TableSoFar[]): ResultSoFar {
  const all = tables.map((t) => t.table);
  const primary = tables.find((t) => t.table.tableKind === 'PrimaryResult');
  return {
    dataSet: { tables: all, primaryResults: all.filter((t) => t.tableKind === 'PrimaryResult'), visualizations: new Map(), stats: null, cancelled: false },
    progress: primary?.progress ?? null,
    replacements: primary?.replacements ?? 0,
  };
}

/** The main thread's own streaming decode (no worker): same decoder, same snapshots. */
async function decodeStreamHere(body: ReadableStream<Uint8Array>, onProgress?: DecodeProgress): Promise<WorkerDecode> {
  const decoder = new V2StreamDecoder();
  const schedule = new SnapshotSchedule();
  let decodeMs = 0;
  const cut = await readPieces(body, (bytes) => {
    const started = performance.now();
    decoder.push(bytes);
    const now = performance.now();
    decodeMs += now - started;
    if (!onProgress || decoder.failed) return;
    const soFar = decoder.tablesSoFar();
    if (!schedule.due(soFar, now)) return;
    // The decoder's stores are views it keeps writing into: the receiver gets copies.
    onProgress(resultSoFar(soFar.map((t) => ({ ...t, table: { ...t.table, columns: t.table.columns.map(copyColumn) } }))));
  });
  const started = performance.now();
  let result = decoder.end();
  decodeMs += performance.now() - started;
  if (cut !== null && !result.ok) result = { ...result, error: kustoError('network', `The response was cut before it ended: ${cut}`) };
  return { result, decodeMs, inWorker: false };
}

/**
 * Decodes a v2 body while it arrives, in the worker: the stream itself moves there where the
 * browser can transfer streams (https://developer.mozilla.org/docs/Web/API/Web_Workers_API/Transferable_objects),
 * else each piece is forwarded as it comes. `onProgress` gets the tables so far now and then
 * (`snapshot-schedule.ts`), so rows can be shown before the last byte.
 */
export async function decodeStreamInWorker(body: ReadableStream<Uint8Array>, onProgress?: DecodeProgress): Promise<WorkerDecode> {
  const w = getWorker();
  if (!w) return decodeStreamHere(body, onProgress);
  const key = nextKey++;
  const id = nextId++;
  const progress = onProgress && ((tables: TableSoFar[]) => onProgress(resultSoFar(tables)));
  let answer: Promise<WorkerResponse>;
  try {
    answer = call(w, { type: 'decode-stream', id, key, body }, [body], progress);
  } catch {
    // DataCloneError: this browser cannot transfer a ReadableStream.
    answer = call(w, { type: 'decode-begin', id, key }, [], progress);
    const cut = await readPieces(body, (bytes) => {
      // A piece may be a view into a larger buffer: send just its bytes.
      const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer as ArrayBuffer : bytes.slice().buffer;
      w.postMessage({ type: 'decode-piece', id, bytes: own } satisfies WorkerRequest, [own]);
    });
    w.postMessage({ type: 'decode-end', id, cut } satisfies WorkerRequest);
  }
  return decodedAnswer(await answer, key);
}

/**
 * Reads a 200 answer of `/v2/rest/query` while it arrives, in the worker. A worker that fails is a
 * decoding failure; a body that breaks off is a network error with the tables so far (`incomplete`).
 */
export async function decodeResponseInWorker(response: Response, _signal?: AbortSignal, onProgress?: DecodeProgress): Promise<DecodeResult> {
  try {
    if (!response.body) return (await decodeInWorker(await response.arrayBuffer())).result;
    return (await decodeStreamInWorker(response.body, onProgress)).result;
  } catch (e) {
    return { ok: false, error: kustoError('malformed-response', `The response could not be decoded: ${errorText(e)}`) };
  }
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
