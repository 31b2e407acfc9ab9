/**
 * Decodes a v2 query response (a JSON array of frames, kusto-protocol.md §1.7) into columnar
 * tables. Pure: runs the same in a worker, in Node tests and on the main thread.
 *
 * Strict where a mistake would show wrong data (frame order, row width, a cut-off body) and
 * lenient where the protocol may grow (unknown frame types and table kinds are skipped/kept).
 */

import { buildColumn, type WireColumn } from './columnar';
import { kustoError, parseOneApiError, partialError, type KustoError, type OneApiError } from './errors';
import { parseJsonLossless } from './lossless-json';
import type { ColumnarTable, DataSet, QueryStats, Visualization } from './types';

export type DecodeResult =
  | { ok: true; dataSet: DataSet; /** Set when rows arrived but the query failed part way or was cancelled. */ partial: KustoError | null }
  | { ok: false; error: KustoError };

interface PendingTable {
  tableId: number;
  tableKind: string;
  tableName: string;
  columns: WireColumn[];
  rows: unknown[][];
  completed: boolean;
  /** Whether TableHeader started it (fragments allowed) rather than DataTable. */
  progressive: boolean;
}

class MalformedResponse extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new MalformedResponse(message);
}

function readColumns(frame: Record<string, unknown>, where: string): WireColumn[] {
  const columns = frame['Columns'];
  if (!Array.isArray(columns)) fail(`${where} has no Columns`);
  return columns.map((c, i) => {
    if (!isRecord(c) || typeof c['ColumnName'] !== 'string' || typeof c['ColumnType'] !== 'string') {
      fail(`${where} column ${i} has no ColumnName/ColumnType`);
    }
    return { ColumnName: c['ColumnName'], ColumnType: c['ColumnType'] };
  });
}

function readTableId(frame: Record<string, unknown>, where: string): number {
  const id = frame['TableId'];
  if (typeof id !== 'number' || !Number.isInteger(id)) fail(`${where} has no TableId`);
  return id;
}

function readOneApiErrors(value: unknown): OneApiError[] {
  if (!Array.isArray(value)) return [];
  return value.map(parseOneApiError).filter((e): e is OneApiError => e !== null);
}

/** Appends rows, checking widths; a row that is an object carries in-data OneApiErrors. */
function appendRows(table: PendingTable, rows: unknown, errors: OneApiError[]): void {
  if (!Array.isArray(rows)) fail(`table ${table.tableId} has no Rows`);
  const width = table.columns.length;
  for (const row of rows) {
    if (Array.isArray(row)) {
      if (row.length !== width) fail(`a row of table ${table.tableId} has ${row.length} values for ${width} columns`);
      table.rows.push(row);
    } else if (isRecord(row) && 'OneApiErrors' in row) {
      // results_error_reporting_placement=in_data (PY streaming_response.py row_iterator).
      errors.push(...readOneApiErrors(row['OneApiErrors']));
    } else {
      fail(`a row of table ${table.tableId} is not an array`);
    }
  }
}

function columnIndex(table: PendingTable, name: string): number {
  return table.columns.findIndex((c) => c.ColumnName === name);
}

function parseJsonString(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function readVisualizations(table: PendingTable, into: Map<number, Visualization>): void {
  const idCol = columnIndex(table, 'TableId');
  const keyCol = columnIndex(table, 'Key');
  const valueCol = columnIndex(table, 'Value');
  if (idCol < 0 || keyCol < 0 || valueCol < 0) return;
  for (const row of table.rows) {
    if (row[keyCol] !== 'Visualization') continue;
    // The service puts the bag in the dynamic column as a JSON string: parse it a second time.
    const bag = parseJsonString(row[valueCol]);
    const id = row[idCol];
    if (isRecord(bag) && typeof id === 'number') into.set(id, bag);
  }
}

/** Level ≤ 2 rows are errors (NODE response.ts ErrorLevels); Level 6 QueryResourceConsumption holds the stats. */
function readCompletionInformation(table: PendingTable, errors: OneApiError[]): QueryStats | null {
  const level = columnIndex(table, 'Level');
  const eventType = columnIndex(table, 'EventTypeName');
  const payload = columnIndex(table, 'Payload');
  const statusName = columnIndex(table, 'StatusCodeName');
  let stats: QueryStats | null = null;
  for (const row of table.rows) {
    const body = payload >= 0 ? parseJsonString(row[payload]) : null;
    if (eventType >= 0 && row[eventType] === 'QueryResourceConsumption' && isRecord(body)) {
      const seconds = body['ExecutionTime'];
      stats = { executionTimeSec: typeof seconds === 'number' ? seconds : null, resourceConsumption: body };
    }
    const lvl = level >= 0 ? row[level] : null;
    if (typeof lvl === 'number' && lvl <= 2) {
      const parsed = parseOneApiError(body);
      const text = typeof row[payload] === 'string' ? row[payload] : String(statusName >= 0 ? row[statusName] : 'Error');
      errors.push(parsed ?? {
        code: statusName >= 0 && typeof row[statusName] === 'string' ? row[statusName] : 'QueryError',
        message: text, description: text, type: null, permanent: null, innerCode: null, line: null, column: null,
      });
    }
  }
  return stats;
}

function dedupe(errors: OneApiError[]): OneApiError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.code}\u0000${e.description}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function decodeFrames(frames: unknown[], restoreBig: boolean): { dataSet: DataSet; errors: OneApiError[] } {
  const first = frames[0];
  if (!isRecord(first) || first['FrameType'] !== 'DataSetHeader') fail('the first frame is not DataSetHeader');
  const tables = new Map<number, PendingTable>();
  const errors: OneApiError[] = [];
  let completion: Record<string, unknown> | null = null;

  for (let i = 1; i < frames.length; i++) {
    const frame = frames[i];
    if (!isRecord(frame) || typeof frame['FrameType'] !== 'string') fail(`frame ${i} has no FrameType`);
    if (completion) fail(`frame ${i} (${frame['FrameType']}) comes after DataSetCompletion`);
    const type = frame['FrameType'];
    switch (type) {
      case 'DataTable':
      case 'TableHeader': {
        const tableId = readTableId(frame, type);
        if (tables.has(tableId)) fail(`table ${tableId} appears twice`);
        const table: PendingTable = {
          tableId,
          tableKind: typeof frame['TableKind'] === 'string' ? frame['TableKind'] : 'Unknown',
          tableName: typeof frame['TableName'] === 'string' ? frame['TableName'] : `Table_${tableId}`,
          columns: readColumns(frame, type),
          rows: [],
          completed: type === 'DataTable',
          progressive: type === 'TableHeader',
        };
        tables.set(tableId, table);
        if (type === 'DataTable') appendRows(table, frame['Rows'], errors);
        break;
      }
      case 'TableFragment':
      case 'TableProgress':
      case 'TableCompletion': {
        const tableId = readTableId(frame, type);
        const table = tables.get(tableId);
        if (!table || !table.progressive) fail(`${type} for table ${tableId} without its TableHeader`);
        if (table.completed) fail(`${type} for table ${tableId} after its TableCompletion`);
        if (type === 'TableFragment') {
          // DataReplace: the fragment replaces every row so far (progressive mode).
          if (frame['TableFragmentType'] === 'DataReplace') table.rows = [];
          appendRows(table, frame['Rows'], errors);
        } else if (type === 'TableCompletion') {
          table.completed = true;
          errors.push(...readOneApiErrors(frame['OneApiErrors']));
        }
        break;
      }
      case 'DataSetCompletion':
        completion = frame;
        if (frame['HasErrors'] === true) errors.push(...readOneApiErrors(frame['OneApiErrors']));
        break;
      default:
        // A frame type this client does not know: newer service versions may add some.
        break;
    }
  }
  if (!completion) fail('the response ends before DataSetCompletion (it was cut off)');

  const visualizations = new Map<number, Visualization>();
  let stats: QueryStats | null = null;
  const built: ColumnarTable[] = [];
  for (const table of tables.values()) {
    if (table.tableKind === 'QueryProperties' && table.tableName === '@ExtendedProperties') readVisualizations(table, visualizations);
    if (table.tableKind === 'QueryCompletionInformation') stats = readCompletionInformation(table, errors) ?? stats;
    built.push({
      tableId: table.tableId,
      tableKind: table.tableKind,
      tableName: table.tableName,
      rowCount: table.rows.length,
      columns: table.columns.map((c, i) => buildColumn(c, i, table.rows, restoreBig)),
    });
  }
  return {
    dataSet: {
      tables: built,
      primaryResults: built.filter((t) => t.tableKind === 'PrimaryResult'),
      visualizations,
      stats,
      cancelled: completion['Cancelled'] === true,
    },
    errors: dedupe(errors),
  };
}

export function decodeV2Frames(text: string): DecodeResult {
  let parsed;
  try {
    parsed = parseJsonLossless(text);
  } catch {
    return { ok: false, error: kustoError('malformed-response', 'The cluster sent a response that is not complete JSON (it may have been cut off).') };
  }
  if (!Array.isArray(parsed.value)) {
    return { ok: false, error: kustoError('malformed-response', 'The cluster sent a response that is not a list of v2 frames.') };
  }
  try {
    const { dataSet, errors } = decodeFrames(parsed.value, parsed.hasBigIntegers);
    let partial: KustoError | null = null;
    if (errors.length > 0) partial = partialError(errors);
    else if (dataSet.cancelled) partial = kustoError('cancelled', 'The query was cancelled; the results may be incomplete.');
    return { ok: true, dataSet, partial };
  } catch (e) {
    if (e instanceof MalformedResponse) {
      return { ok: false, error: kustoError('malformed-response', `The cluster sent a malformed response: ${e.message}.`) };
    }
    throw e;
  }
}
