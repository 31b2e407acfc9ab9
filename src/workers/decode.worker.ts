/**
 * The decode worker: response bytes → columnar tables, and sort/search over them, off the main
 * thread.
 *
 * Who keeps what: the worker keeps the tables it decoded (the original stores) under the data
 * set's key, so sort and search never send a table back; the main thread receives exact-size
 * copies by transfer. The copy is one memcpy per store here, far cheaper than a structured clone
 * on the main thread. The worker keeps the last KEEP data sets; an evicted one is adopted again
 * (cloned from the main thread) on the next sort or search.
 */

/// <reference lib="webworker" />

import { columnBuffers, copyColumn } from '../kusto/columnar';
import { V2StreamDecoder, decodeV2Bytes, type DecodeResult, type TableSoFar } from '../kusto/decode-v2';
import { kustoError } from '../kusto/errors';
import type { ColumnarTable, DataSet } from '../kusto/types';
import { searchRows, sortRows } from '../kusto/table-ops';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { readPieces } from './read-pieces';
import { SnapshotSchedule } from './snapshot-schedule';

declare const self: DedicatedWorkerGlobalScope;

const KEEP = 4;
const kept = new Map<number, ColumnarTable[]>();

function keep(key: number, tables: ColumnarTable[]): void {
  kept.delete(key);
  kept.set(key, tables);
  while (kept.size > KEEP) {
    const oldest = kept.keys().next().value;
    if (oldest === undefined) break;
    kept.delete(oldest);
  }
}

const WARM_UP_TYPES = ['datetime', 'string', 'long', 'real', 'int', 'bool', 'dynamic', 'guid', 'timespan', 'decimal'];

/** A few thousand rows of every type, with nulls, escapes and big longs, built here (no download). */
function warmUpBody(): Uint8Array {
  const columns = WARM_UP_TYPES.map((t, i) => `{"ColumnName":"c${i}","ColumnType":"${t}"}`).join(',');
  const rows: string[] = [];
  for (let r = 0; r < 4000; r++) {
    const n = r % 7 === 0 ? 'null' : null;
    rows.push(`[${n ?? `"2024-01-0${1 + (r % 9)}T10:00:0${r % 10}.${String(r).padStart(7, '0')}Z"`},"s\\"${r}é",${r % 11 === 0 ? '9223372036854775807' : r},`
      + `${n ?? `${r}.25`},${n ?? r},${r % 2 === 0 ? 'true' : 'false'},{"a":[${r}]},"123e27de-1e4e-49d9-b579-fe0b331d3642",`
      + `${n ?? '"01:02:03.0000004"'},"${r}.5"]`);
  }
  return new TextEncoder().encode(`[{"FrameType":"DataSetHeader"},{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult",`
    + `"TableName":"PrimaryResult","Columns":[${columns}],"Rows":[${rows.join(',')}]},{"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":false}]`);
}

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function copyTables(tables: readonly ColumnarTable[], transfer: ArrayBuffer[]): ColumnarTable[] {
  return tables.map((t): ColumnarTable => {
    const columns = t.columns.map(copyColumn);
    for (const c of columns) transfer.push(...columnBuffers(c));
    return { ...t, columns };
  });
}

function copyForTransfer(dataSet: DataSet): { dataSet: DataSet; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const tables = copyTables(dataSet.tables, transfer);
  const byIdentity = new Map(dataSet.tables.map((t, i) => [t, tables[i]!]));
  return {
    dataSet: { ...dataSet, tables, primaryResults: dataSet.primaryResults.map((t) => byIdentity.get(t)!) },
    transfer,
  };
}

/** Posts a decode's result: the worker keeps the tables (for sort and search), the main thread gets copies. */
function postDecoded(id: number, key: number, result: DecodeResult, decodeMs: number): void {
  if (result.ok) {
    keep(key, result.dataSet.tables);
    const { dataSet, transfer } = copyForTransfer(result.dataSet);
    post({ type: 'decoded', id, result: { ...result, dataSet }, decodeMs }, transfer);
  } else if (result.incomplete) {
    const { dataSet, transfer } = copyForTransfer(result.incomplete);
    post({ type: 'decoded', id, result: { ...result, incomplete: dataSet }, decodeMs }, transfer);
  } else post({ type: 'decoded', id, result, decodeMs });
}

/** One body decoded while it arrives: pieces in, snapshots of the tables so far out, the result at the end. */
class StreamDecode {
  private readonly decoder = new V2StreamDecoder();
  private readonly schedule = new SnapshotSchedule();
  /** Time spent decoding (not waiting for bytes). */
  private busyMs = 0;

  constructor(readonly id: number, readonly key: number) {}

  push(piece: Uint8Array): void {
    const started = performance.now();
    this.decoder.push(piece);
    const now = performance.now();
    this.busyMs += now - started;
    if (this.decoder.failed) return;
    const soFar = this.decoder.tablesSoFar();
    if (!this.schedule.due(soFar, now)) return;
    const transfer: ArrayBuffer[] = [];
    const copies = copyTables(soFar.map((t) => t.table), transfer);
    const tables = soFar.map((t, k): TableSoFar => ({ ...t, table: copies[k]! }));
    post({ type: 'decode-progress', id: this.id, tables }, transfer);
  }

  /** The body ended; `cut` says why it broke off, if it did (the reader's error). */
  end(cut: string | null): void {
    const started = performance.now();
    let result = this.decoder.end();
    this.busyMs += performance.now() - started;
    if (cut !== null && !result.ok) {
      // What the decoder saw ("cut off") is the symptom; the stream's error is the cause.
      result = { ...result, error: kustoError('network', `The response was cut before it ended: ${cut}`) };
    }
    postDecoded(this.id, this.key, result, this.busyMs);
  }
}

const streams = new Map<number, StreamDecode>();

function table(key: number, index: number): ColumnarTable | undefined {
  const tables = kept.get(key);
  if (!tables) return undefined;
  keep(key, tables);
  return tables[index];
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const message = event.data;
  try {
    switch (message.type) {
      case 'decode': {
        const started = performance.now();
        const result = decodeV2Bytes(new Uint8Array(message.bytes));
        postDecoded(message.id, message.key, result, performance.now() - started);
        break;
      }
      case 'decode-stream': {
        const { id } = message;
        const decode = new StreamDecode(id, message.key);
        readPieces(message.body, (piece) => decode.push(piece)).then((cut) => decode.end(cut)).catch((e: unknown) => {
          post({ type: 'failed', id, message: e instanceof Error ? e.message : String(e) });
        });
        break;
      }
      case 'decode-begin':
        streams.set(message.id, new StreamDecode(message.id, message.key));
        break;
      case 'decode-piece':
        streams.get(message.id)?.push(new Uint8Array(message.bytes));
        break;
      case 'decode-end': {
        const decode = streams.get(message.id);
        streams.delete(message.id);
        decode?.end(message.cut);
        break;
      }
      case 'sort':
      case 'search': {
        const found = table(message.key, message.table);
        if (!found) {
          post({ type: 'missing', id: message.id });
          break;
        }
        const rows = message.type === 'sort' ? sortRows(found, message.column, message.direction) : searchRows(found, message.text);
        post({ type: 'rows', id: message.id, rows }, [rows.buffer as ArrayBuffer]);
        break;
      }
      case 'adopt': {
        const tables = kept.get(message.key) ?? [];
        tables[message.table] = message.data;
        keep(message.key, tables);
        post({ type: 'adopted', id: message.id });
        break;
      }
      case 'release':
        kept.delete(message.key);
        break;
      case 'warm-up': {
        const warm = decodeV2Bytes(warmUpBody());
        if (!warm.ok) throw new Error(`the warm-up body did not decode: ${warm.error.message}`);
        break;
      }
    }
  } catch (e) {
    if ('id' in message) post({ type: 'failed', id: message.id, message: e instanceof Error ? e.message : String(e) });
  }
};
