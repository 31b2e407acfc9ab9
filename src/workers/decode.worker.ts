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
import { decodeV2Bytes } from '../kusto/decode-v2';
import type { ColumnarTable, DataSet } from '../kusto/types';
import { searchRows, sortRows } from '../kusto/table-ops';
import type { WorkerRequest, WorkerResponse } from './protocol';

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

function copyForTransfer(dataSet: DataSet): { dataSet: DataSet; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const tables = dataSet.tables.map((t): ColumnarTable => {
    const columns = t.columns.map(copyColumn);
    for (const c of columns) transfer.push(...columnBuffers(c));
    return { ...t, columns };
  });
  const byIdentity = new Map(dataSet.tables.map((t, i) => [t, tables[i]!]));
  return {
    dataSet: { ...dataSet, tables, primaryResults: dataSet.primaryResults.map((t) => byIdentity.get(t)!) },
    transfer,
  };
}

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
        const decodeMs = performance.now() - started;
        if (!result.ok) {
          post({ type: 'decoded', id: message.id, result, decodeMs });
          break;
        }
        keep(message.key, result.dataSet.tables);
        const { dataSet, transfer } = copyForTransfer(result.dataSet);
        post({ type: 'decoded', id: message.id, result: { ...result, dataSet }, decodeMs }, transfer);
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
