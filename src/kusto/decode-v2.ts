/**
 * Decodes a v2 query response (a JSON array of frames, https://learn.microsoft.com/kusto/api/rest/response-v2) into columnar
 * tables. Pure: runs the same in the decode worker, in Node tests and on the main thread.
 *
 * This file is the frame state machine: frame order, which table a frame belongs to, fragments,
 * completion and errors. One pass over the UTF-8 bytes: frame headers are read as small JSON values
 * by the byte scanner (json-byte-scanner.ts), and `Rows` by the typed cell writer
 * (v2-cell-writer.ts), which knows each column's type from the table header.
 *
 * Strict where a mistake would show wrong data (frame order, row width, a cut-off body) and
 * lenient where the protocol may grow (unknown frame types and table kinds are skipped/kept).
 */

import { ColumnBuilder, formatCell, isNullAt, stringAt, type WireColumn } from './columnar';
import { kustoError, parseOneApiError, partialError, type KustoError, type OneApiError } from './errors';
import {
  CLOSE_ARRAY, CLOSE_OBJECT, COLON, COMMA, MalformedResponse, OPEN_ARRAY, OPEN_OBJECT, QUOTE, fail, isJsonWhitespace, isRecord,
} from './json-byte-scanner';
import type { ColumnarColumn, ColumnarTable, DataSet, QueryStats, Visualization } from './types';
import { V2CellWriter, readOneApiErrors, type RowTable } from './v2-cell-writer';

export type DecodeResult =
  | { ok: true; dataSet: DataSet; /** Set when rows arrived but the query failed part way or was cancelled. */ partial: KustoError | null }
  | { ok: false; error: KustoError };

/** EF BB BF: U+FEFF in UTF-8. */
const UTF8_BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf] as const;

function startsWithByteOrderMark(bytes: Uint8Array): boolean {
  return UTF8_BYTE_ORDER_MARK.every((byte, k) => bytes[k] === byte);
}

interface PendingTable extends RowTable {
  tableKind: string;
  tableName: string;
  completed: boolean;
  /** Whether TableHeader started it (fragments allowed) rather than DataTable. */
  progressive: boolean;
}

function newTable(tableId: number, tableKind: string, tableName: string, columns: WireColumn[], progressive: boolean): PendingTable {
  const capacity = tableKind === 'PrimaryResult' ? 1024 : 16;
  const builders = columns.map((c) => new ColumnBuilder(c.ColumnName, c.ColumnType, capacity));
  return {
    tableId, tableKind, tableName, builders, kinds: Uint8Array.from(builders, (b) => b.kind),
    rowCount: 0, capacity, completed: !progressive, progressive,
  };
}

function readColumns(value: unknown, where: string): WireColumn[] {
  if (!Array.isArray(value)) fail(`${where} has no Columns`);
  return value.map((c, i) => {
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

function parseJsonString(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function findColumn(table: ColumnarTable, name: string): ColumnarColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

function readVisualizations(table: ColumnarTable, into: Map<number, Visualization>): void {
  const id = findColumn(table, 'TableId');
  const key = findColumn(table, 'Key');
  const value = findColumn(table, 'Value');
  if (!id || !key || !value || id.type !== 'int') return;
  for (let r = 0; r < table.rowCount; r++) {
    if (stringAt(key, r) !== 'Visualization' || isNullAt(id, r)) continue;
    // The service puts the bag in the dynamic column as a JSON string: parse it a second time.
    const bag = parseJsonString(formatCell(value, r));
    if (isRecord(bag)) into.set(id.values[r]!, bag);
  }
}

/**
 * Level ≤ 2 rows are errors (azure-kusto-node response.ts ErrorLevels); Level 6
 * QueryResourceConsumption holds the stats. An error row's Payload is either a OneAPI error or
 * `{"Count":n,"Text":"…"}`; the readable text is its `Text`, never the JSON itself.
 */
function readCompletionInformation(table: ColumnarTable, errors: OneApiError[]): QueryStats | null {
  const level = findColumn(table, 'Level');
  const eventType = findColumn(table, 'EventTypeName');
  const payload = findColumn(table, 'Payload');
  const statusName = findColumn(table, 'StatusCodeName');
  let stats: QueryStats | null = null;
  for (let r = 0; r < table.rowCount; r++) {
    const text = payload ? formatCell(payload, r) : '';
    const body = payload ? parseJsonString(text) : null;
    if (eventType && stringAt(eventType, r) === 'QueryResourceConsumption' && isRecord(body)) {
      const seconds = body['ExecutionTime'];
      stats = { executionTimeSec: typeof seconds === 'number' ? seconds : null, resourceConsumption: body };
    }
    const lvl = level && level.type === 'int' && !isNullAt(level, r) ? level.values[r]! : null;
    if (lvl !== null && lvl <= 2) {
      const parsed = parseOneApiError(body);
      const status = statusName ? stringAt(statusName, r) : '';
      const payloadText = isRecord(body) && typeof body['Text'] === 'string' ? body['Text'] : isRecord(body) ? '' : text;
      const description = payloadText || status || 'Error';
      errors.push(parsed ?? {
        code: status || 'QueryError', message: description, description, type: null, permanent: null, innerCode: null, line: null, column: null,
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

class FrameDecoder {
  readonly tables = new Map<number, PendingTable>();
  readonly errors: OneApiError[] = [];
  completion: Record<string, unknown> | null = null;
  frameCount = 0;

  constructor(readonly reader: V2CellWriter) {}

  /**
   * The table a frame's `Rows` belong to, when the keys before `Rows` say so (the service writes
   * FrameType, TableId, … Columns before Rows); null means "read the frame first, then the rows".
   */
  private tableForRows(frame: Record<string, unknown>): PendingTable | null {
    const type = frame['FrameType'];
    if (type === 'DataTable' && typeof frame['TableId'] === 'number' && 'Columns' in frame && 'TableKind' in frame && 'TableName' in frame) return this.startTable(frame, 'DataTable');
    if (type === 'TableFragment' && typeof frame['TableId'] === 'number' && 'TableFragmentType' in frame) return this.fragmentTable(frame);
    return null;
  }

  private startTable(frame: Record<string, unknown>, type: 'DataTable' | 'TableHeader'): PendingTable {
    const tableId = readTableId(frame, type);
    if (this.tables.has(tableId)) fail(`table ${tableId} appears twice`);
    const table = newTable(
      tableId,
      typeof frame['TableKind'] === 'string' ? frame['TableKind'] : 'Unknown',
      typeof frame['TableName'] === 'string' ? frame['TableName'] : `Table_${tableId}`,
      readColumns(frame['Columns'], type),
      type === 'TableHeader',
    );
    this.tables.set(tableId, table);
    return table;
  }

  private fragmentTable(frame: Record<string, unknown>): PendingTable {
    const tableId = readTableId(frame, 'TableFragment');
    const table = this.existing(tableId, 'TableFragment');
    if (frame['TableFragmentType'] === 'DataReplace') {
      // DataReplace: the fragment replaces every row so far (progressive mode).
      table.rowCount = 0;
      for (const builder of table.builders) builder.reset();
    }
    return table;
  }

  private existing(tableId: number, type: string): PendingTable {
    const table = this.tables.get(tableId);
    if (!table || !table.progressive) fail(`${type} for table ${tableId} without its TableHeader`);
    if (table.completed) fail(`${type} for table ${tableId} after its TableCompletion`);
    return table;
  }

  frame(): void {
    const reader = this.reader;
    const index = this.frameCount++;
    if (reader.ws() !== OPEN_OBJECT) fail(`frame ${index} is not an object`);
    reader.i++;
    const frame: Record<string, unknown> = {};
    let rowsTable: PendingTable | null = null;
    let rowsAt = -1;
    if (reader.ws() !== CLOSE_OBJECT) {
      for (;;) {
        if (reader.ws() !== QUOTE) fail(`expected a key at byte ${reader.i}`);
        const key = reader.parseString();
        reader.expect(COLON, "':'");
        if (key === 'Rows' && index > 0 && this.completion === null) {
          rowsTable = this.tableForRows(frame);
          if (rowsTable) reader.rows(rowsTable, this.errors);
          else rowsAt = reader.skipValue();
          frame[key] = true;
        } else {
          frame[key] = reader.parseValue();
        }
        const d = reader.ws();
        reader.i++;
        if (d === CLOSE_OBJECT) break;
        if (d !== COMMA) fail(`expected ',' or '}' at byte ${reader.i - 1}`);
      }
    } else reader.i++;

    if (index === 0) {
      if (frame['FrameType'] !== 'DataSetHeader') fail('the first frame is not DataSetHeader');
      return;
    }
    const type = frame['FrameType'];
    if (typeof type !== 'string') fail(`frame ${index} has no FrameType`);
    if (this.completion) fail(`frame ${index} (${type}) comes after DataSetCompletion`);
    let table = rowsTable;
    switch (type) {
      case 'DataTable':
      case 'TableHeader':
        table ??= this.startTable(frame, type);
        break;
      case 'TableFragment':
        table ??= this.fragmentTable(frame);
        break;
      case 'TableProgress':
        this.existing(readTableId(frame, type), type);
        break;
      case 'TableCompletion':
        this.existing(readTableId(frame, type), type).completed = true;
        this.errors.push(...readOneApiErrors(frame['OneApiErrors']));
        break;
      case 'DataSetCompletion':
        this.completion = frame;
        if (frame['HasErrors'] === true) this.errors.push(...readOneApiErrors(frame['OneApiErrors']));
        break;
      default:
        // A frame type this client does not know: newer service versions may add some.
        break;
    }
    if ((type === 'DataTable' || type === 'TableFragment') && !rowsTable) {
      if (rowsAt < 0) fail(`table ${table!.tableId} has no Rows`);
      const resume = reader.i;
      reader.i = rowsAt;
      reader.rows(table!, this.errors);
      reader.i = resume;
    }
  }

  finish(): { dataSet: DataSet; errors: OneApiError[] } {
    if (this.frameCount === 0) fail('the first frame is not DataSetHeader');
    const completion = this.completion;
    if (!completion) fail('the response ends before DataSetCompletion (it was cut off)');
    const visualizations = new Map<number, Visualization>();
    let stats: QueryStats | null = null;
    // The same failure is reported in OneApiErrors and again as a QueryCompletionInformation row
    // (https://learn.microsoft.com/kusto/api/rest/response-v2): the rows count only when nothing else reported one.
    const completionErrors: OneApiError[] = [];
    const built: ColumnarTable[] = [];
    for (const table of this.tables.values()) {
      const columnar: ColumnarTable = {
        tableId: table.tableId,
        tableKind: table.tableKind,
        tableName: table.tableName,
        rowCount: table.rowCount,
        columns: table.builders.map((b) => b.finish(table.rowCount)),
      };
      if (table.tableKind === 'QueryProperties' && table.tableName === '@ExtendedProperties') readVisualizations(columnar, visualizations);
      if (table.tableKind === 'QueryCompletionInformation') stats = readCompletionInformation(columnar, completionErrors) ?? stats;
      built.push(columnar);
    }
    return {
      dataSet: {
        tables: built,
        primaryResults: built.filter((t) => t.tableKind === 'PrimaryResult'),
        visualizations,
        stats,
        cancelled: completion['Cancelled'] === true,
      },
      errors: dedupe(this.errors.length > 0 ? this.errors : completionErrors),
    };
  }
}

function decodeFrames(bytes: Uint8Array): { dataSet: DataSet; errors: OneApiError[] } {
  const reader = new V2CellWriter(bytes);
  // A UTF-8 byte order mark is legal before JSON text (RFC 8259 §8.1 lets parsers ignore it).
  if (startsWithByteOrderMark(bytes)) reader.i = UTF8_BYTE_ORDER_MARK.length;
  if (reader.ws() !== OPEN_ARRAY) fail('the body is not a list of v2 frames');
  reader.i++;
  const decoder = new FrameDecoder(reader);
  if (reader.ws() !== CLOSE_ARRAY) {
    for (;;) {
      decoder.frame();
      const d = reader.ws();
      reader.i++;
      if (d === CLOSE_ARRAY) break;
      if (d !== COMMA) fail(`expected ',' or ']' between frames at byte ${reader.i - 1}`);
    }
  } else reader.i++;
  while (reader.i < bytes.length) {
    if (!isJsonWhitespace(bytes[reader.i])) fail(`unexpected data after the frames at byte ${reader.i}`);
    reader.i++;
  }
  return decoder.finish();
}

/** Decodes the UTF-8 bytes of a v2 response body. */
export function decodeV2Bytes(bytes: Uint8Array): DecodeResult {
  try {
    const { dataSet, errors } = decodeFrames(bytes);
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

const utf8Encoder = new TextEncoder();

/** Decodes a v2 response body already read as text. */
export function decodeV2Frames(text: string): DecodeResult {
  return decodeV2Bytes(utf8Encoder.encode(text));
}
