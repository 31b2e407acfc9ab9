/**
 * A Node worker thread that runs the public decode entry points on one body at a time and reads
 * every cell of what they return, so a test on the main thread can put a deadline on each input:
 * a decoder stuck in a loop is a thread that never answers, which the caller ends and reports,
 * instead of a test run that never finishes.
 */

import { parentPort } from 'node:worker_threads';
import { columnBuffers, formatCell } from '../kusto/columnar';
import { decodeV1DataSet } from '../kusto/decode-v1';
import { decodeV2Bytes } from '../kusto/decode-v2';
import type { ColumnarColumn, DataSet } from '../kusto/types';
import type { DecodeProbeOutcome, DecodeProbeRequest } from './decode-probe';

/** Why a decoded table is unusable, or null: stores sized for its rows, offsets in order, every cell readable. */
function columnFault(column: ColumnarColumn, rowCount: number): string | null {
  const text = 'text' in column ? column.text : null;
  if (text) {
    if (text.offsets.length !== rowCount + 1) return `${column.name}: ${text.offsets.length} offsets for ${rowCount} rows`;
    for (let r = 0; r < rowCount; r++) {
      if (text.offsets[r]! > text.offsets[r + 1]!) return `${column.name}: offsets out of order at row ${r}`;
    }
    if (text.offsets[rowCount]! > text.bytes.length) return `${column.name}: offsets past the text`;
  }
  if ('values' in column && column.values.length < rowCount) return `${column.name}: ${column.values.length} values for ${rowCount} rows`;
  if ('nulls' in column && column.nulls.length * 8 < rowCount) return `${column.name}: null bitmap shorter than ${rowCount} rows`;
  for (let r = 0; r < rowCount; r++) formatCell(column, r);
  columnBuffers(column);
  return null;
}

function dataSetOutcome(dataSet: DataSet): DecodeProbeOutcome {
  for (const table of dataSet.tables) {
    for (const column of table.columns) {
      const fault = columnFault(column, table.rowCount);
      if (fault) return { outcome: 'unusable-table', message: `table ${table.tableName}: ${fault}` };
    }
  }
  return {
    outcome: 'tables',
    primaryRowCounts: dataSet.primaryResults.map((t) => t.rowCount),
    primaryColumnTypes: dataSet.primaryResults.map((t) => t.columns.map((c) => c.type)),
  };
}

parentPort!.on('message', (request: DecodeProbeRequest) => {
  let outcome: DecodeProbeOutcome;
  try {
    const result = request.format === 'v2'
      ? decodeV2Bytes(request.bytes)
      : decodeV1DataSet(new TextDecoder().decode(request.bytes));
    if (!result.ok) {
      outcome = typeof result.error.kind === 'string' && result.error.message.length > 0
        ? { outcome: 'error', kind: result.error.kind, message: result.error.message }
        : { outcome: 'unusable-error', message: JSON.stringify(result.error) };
    } else {
      outcome = dataSetOutcome(result.dataSet);
      if (outcome.outcome === 'tables' && result.partial) outcome.partial = result.partial.kind;
    }
  } catch (e) {
    outcome = { outcome: 'threw', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  parentPort!.postMessage(outcome);
});

parentPort!.postMessage('ready');
