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
  CLOSE_ARRAY, CLOSE_OBJECT, COLON, COMMA, EndOfInput, MalformedResponse, OPEN_ARRAY, OPEN_OBJECT, QUOTE, fail, isJsonWhitespace, isRecord,
} from './json-byte-scanner';
import type { ColumnarColumn, ColumnarTable, DataSet, QueryStats, Visualization } from './types';
import { V2CellWriter, readOneApiErrors, type RowTable } from './v2-cell-writer';

export type DecodeResult =
  | { ok: true; dataSet: DataSet; /** Set when rows arrived but the query failed part way or was cancelled. */ partial: KustoError | null }
  | {
    ok: false;
    error: KustoError;
    /** The body broke off after some tables began: them as they stood, unfinished ones marked `incomplete`. */
    incomplete?: DataSet | null;
  };

/** EF BB BF: U+FEFF in UTF-8. */
const UTF8_BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf] as const;

function startsWithByteOrderMark(bytes: Uint8Array): boolean {
  return UTF8_BYTE_ORDER_MARK.every((byte, k) => bytes[k] === byte);
}

interface PendingTable extends RowTable {
  tableKind: string;
  tableName: string;
  /** Its DataTable frame ended, or its TableCompletion arrived. */
  completed: boolean;
  /** Whether TableHeader started it (fragments allowed) rather than DataTable. */
  progressive: boolean;
  replacements: number;
  progress: number | null;
}

function newTable(tableId: number, tableKind: string, tableName: string, columns: WireColumn[], progressive: boolean): PendingTable {
  const capacity = tableKind === 'PrimaryResult' ? 1024 : 16;
  const builders = columns.map((c) => new ColumnBuilder(c.ColumnName, c.ColumnType, capacity));
  return {
    tableId, tableKind, tableName, builders, kinds: Uint8Array.from(builders, (b) => b.kind),
    rowCount: 0, capacity, completed: false, progressive, replacements: 0, progress: null,
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

// Where the frame state machine stands: each state names what the next bytes must be.
/** Before the `[` of the frame list (after an optional byte order mark). */
const AT_START = 0;
/** After the list's `[`: a frame or `]`. */
const FIRST_FRAME = 1;
/** After a `,` between frames: a frame. */
const NEXT_FRAME = 2;
/** After a frame's `{`: a key or `}`. */
const FIRST_KEY = 3;
/** After a `,` in a frame: a key. */
const NEXT_KEY = 4;
/** At the value of `Rows` whose table is known: its `[`. */
const ROWS_OPEN = 5;
/** Inside `Rows`: rows up to its `]` (the cell writer keeps its place). */
const IN_ROWS = 6;
/** After a key's value: `,` or `}`. */
const AFTER_VALUE = 7;
/** After a frame: `,` or `]`. */
const AFTER_FRAME = 8;
/** After the list: whitespace only. */
const AFTER_LIST = 9;

/** One table as decoded so far (`V2StreamDecoder.tablesSoFar`). */
export interface TableSoFar {
  /** Views into the decoder's stores, valid until the next `push`. */
  table: ColumnarTable;
  /** How many DataReplace fragments have arrived: when it changes, every row so far was replaced. */
  replacements: number;
  /** The last TableProgress percentage (0–100), null before any. */
  progress: number | null;
  /** Its DataTable frame or TableCompletion has been read. */
  completed: boolean;
}

/** A result still arriving, as a reader shows it: its tables so far (copies the receiver owns). */
export interface ResultSoFar {
  dataSet: DataSet;
  /** The last TableProgress percentage of the first result table (progressive mode), null before any. */
  progress: number | null;
  /** DataReplace fragments so far of the first result table: when it changes, its rows were replaced. */
  replacements: number;
}

class FrameDecoder {
  readonly tables = new Map<number, PendingTable>();
  readonly errors: OneApiError[] = [];
  completion: Record<string, unknown> | null = null;
  frameCount = 0;
  state = AT_START;
  /** The body has ended: running out of bytes means it was cut off, not "wait for more". */
  final = false;
  /** The frame being read: its keys so far, and its rows' table once known. */
  private frame: Record<string, unknown> = {};
  private frameIndex = 0;
  private rowsTable: PendingTable | null = null;
  /** `Rows` that came before the keys naming their table: a copy, read when the frame ends. */
  private deferredRows: Uint8Array | null = null;

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
      table.replacements++;
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

  /**
   * Reads as far as the bytes go. Each state's step reads what it needs before it changes
   * anything, so a step the bytes end in is simply run again when more arrive; inside `Rows` the
   * cell writer rolls back to the last whole row instead.
   */
  run(): void {
    const reader = this.reader;
    for (;;) {
      const from = reader.i;
      try {
        if (!this.step()) return;
      } catch (e) {
        if (!(e instanceof EndOfInput) || this.final) throw e;
        if (this.state === IN_ROWS) reader.rollBackRow(this.rowsTable!);
        else reader.i = from;
        return;
      }
    }
  }

  /** One step of the state machine; false when the bytes so far are all read. */
  private step(): boolean {
    const reader = this.reader;
    switch (this.state) {
      case AT_START: {
        // A UTF-8 byte order mark is legal before JSON text (RFC 8259 §8.1 lets parsers ignore it).
        if (!this.final && reader.n - reader.i < UTF8_BYTE_ORDER_MARK.length) reader.eof();
        if (startsWithByteOrderMark(reader.b.subarray(reader.i))) reader.i += UTF8_BYTE_ORDER_MARK.length;
        if (reader.ws() !== OPEN_ARRAY) fail('the body is not a list of v2 frames');
        reader.i++;
        this.state = FIRST_FRAME;
        return true;
      }
      case FIRST_FRAME:
        if (reader.ws() === CLOSE_ARRAY) {
          reader.i++;
          this.state = AFTER_LIST;
        } else this.state = NEXT_FRAME;
        return true;
      case NEXT_FRAME: {
        const index = this.frameCount;
        if (reader.ws() !== OPEN_OBJECT) fail(`frame ${index} is not an object`);
        reader.i++;
        this.frameCount++;
        this.frameIndex = index;
        this.frame = {};
        this.rowsTable = null;
        this.deferredRows = null;
        this.state = FIRST_KEY;
        return true;
      }
      case FIRST_KEY:
        if (reader.ws() === CLOSE_OBJECT) {
          reader.i++;
          this.endFrame();
          this.state = AFTER_FRAME;
        } else this.state = NEXT_KEY;
        return true;
      case NEXT_KEY: {
        if (reader.ws() !== QUOTE) reader.failAt('expected a key', reader.i);
        const key = reader.parseString();
        reader.expect(COLON, "':'");
        const frame = this.frame;
        if (key === 'Rows' && this.frameIndex > 0 && this.completion === null) {
          frame[key] = true;
          const table = this.tableForRows(frame);
          if (table) {
            this.rowsTable = table;
            this.state = ROWS_OPEN;
            return true;
          }
          const start = reader.skipValue();
          this.deferredRows = reader.b.slice(start, reader.i);
        } else {
          frame[key] = reader.parseValue();
        }
        this.state = AFTER_VALUE;
        return true;
      }
      case ROWS_OPEN:
        this.state = reader.rowsOpen() ? AFTER_VALUE : IN_ROWS;
        return true;
      case IN_ROWS:
        reader.rowsUntilEnd(this.rowsTable!, this.errors);
        this.state = AFTER_VALUE;
        return true;
      case AFTER_VALUE: {
        const d = reader.ws();
        reader.i++;
        if (d === CLOSE_OBJECT) {
          this.endFrame();
          this.state = AFTER_FRAME;
        } else if (d === COMMA) this.state = NEXT_KEY;
        else reader.failAt("expected ',' or '}'", reader.i - 1);
        return true;
      }
      case AFTER_FRAME: {
        const d = reader.ws();
        reader.i++;
        if (d === CLOSE_ARRAY) this.state = AFTER_LIST;
        else if (d === COMMA) this.state = NEXT_FRAME;
        else reader.failAt("expected ',' or ']' between frames", reader.i - 1);
        return true;
      }
      default:
        while (reader.i < reader.n) {
          if (!isJsonWhitespace(reader.b[reader.i])) reader.failAt('unexpected data after the frames', reader.i);
          reader.i++;
        }
        return false;
    }
  }

  /** A frame's `}` was read: what the frame means for the data set. */
  private endFrame(): void {
    const frame = this.frame;
    const index = this.frameIndex;
    if (index === 0) {
      if (frame['FrameType'] !== 'DataSetHeader') fail('the first frame is not DataSetHeader');
      return;
    }
    const type = frame['FrameType'];
    if (typeof type !== 'string') fail(`frame ${index} has no FrameType`);
    if (this.completion) fail(`frame ${index} (${type}) comes after DataSetCompletion`);
    let table = this.rowsTable;
    switch (type) {
      case 'DataTable':
      case 'TableHeader':
        table ??= this.startTable(frame, type);
        break;
      case 'TableFragment':
        table ??= this.fragmentTable(frame);
        break;
      case 'TableProgress': {
        const progress = frame['TableProgress'];
        const existing = this.existing(readTableId(frame, type), type);
        if (typeof progress === 'number') existing.progress = progress;
        break;
      }
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
    if ((type === 'DataTable' || type === 'TableFragment') && !this.rowsTable) {
      if (!this.deferredRows) fail(`table ${table!.tableId} has no Rows`);
      // The copy is the whole value (its brackets balanced): running out of it is a malformed row, not "wait".
      try {
        new V2CellWriter(this.deferredRows).rows(table!, this.errors);
      } catch (e) {
        if (e instanceof EndOfInput) fail(e.message);
        throw e;
      }
    }
    if (type === 'DataTable') table!.completed = true;
  }

  tablesSoFar(): TableSoFar[] {
    return [...this.tables.values()].map((t) => ({
      table: columnarTable(t, false), replacements: t.replacements, progress: t.progress, completed: t.completed,
    }));
  }

  finish(): { dataSet: DataSet; errors: OneApiError[] } {
    if (this.frameCount === 0) fail('the first frame is not DataSetHeader');
    const completion = this.completion;
    if (!completion) fail('the response ends before DataSetCompletion (it was cut off)');
    const { dataSet, completionErrors } = buildDataSet([...this.tables.values()], completion['Cancelled'] === true, false);
    // The same failure is reported in OneApiErrors and again as a QueryCompletionInformation row
    // (https://learn.microsoft.com/kusto/api/rest/response-v2): the rows count only when nothing else reported one.
    return { dataSet, errors: dedupe(this.errors.length > 0 ? this.errors : completionErrors) };
  }

  /** The tables as they stood when the body was cut off, those not finished marked `incomplete`. */
  cutOff(): DataSet | null {
    if (this.tables.size === 0) return null;
    return buildDataSet([...this.tables.values()], false, true).dataSet;
  }
}

function columnarTable(table: PendingTable, markIncomplete: boolean): ColumnarTable {
  return {
    tableId: table.tableId,
    tableKind: table.tableKind,
    tableName: table.tableName,
    rowCount: table.rowCount,
    columns: table.builders.map((b) => b.finish(table.rowCount)),
    ...(markIncomplete && !table.completed ? { incomplete: true } : {}),
  };
}

function buildDataSet(tables: PendingTable[], cancelled: boolean, markIncomplete: boolean): { dataSet: DataSet; completionErrors: OneApiError[] } {
  const visualizations = new Map<number, Visualization>();
  let stats: QueryStats | null = null;
  const completionErrors: OneApiError[] = [];
  const built: ColumnarTable[] = [];
  for (const table of tables) {
    const columnar = columnarTable(table, markIncomplete);
    if (table.tableKind === 'QueryProperties' && table.tableName === '@ExtendedProperties') readVisualizations(columnar, visualizations);
    if (table.tableKind === 'QueryCompletionInformation') stats = readCompletionInformation(columnar, completionErrors) ?? stats;
    built.push(columnar);
  }
  return {
    dataSet: { tables: built, primaryResults: built.filter((t) => t.tableKind === 'PrimaryResult'), visualizations, stats, cancelled },
    completionErrors,
  };
}

function malformed(e: MalformedResponse): KustoError {
  return kustoError('malformed-response', `The cluster sent a malformed response: ${e.message}.`);
}

/**
 * A v2 body decoded as it arrives: `push` each piece, `end` when the body has ended. Rows are in
 * the tables as soon as their bytes are (`tablesSoFar`), so a reader can show them before the
 * last byte. A piece that ends inside a value waits for the next one; the unread tail is copied
 * only when the bytes since are at least as many (a huge value costs linear time, not quadratic).
 */
export class V2StreamDecoder {
  private readonly reader = new V2CellWriter(new Uint8Array(0));
  private readonly frames = new FrameDecoder(this.reader);
  private waiting: Uint8Array[] = [];
  private waitingBytes = 0;
  private failure: KustoError | null = null;

  /** A malformed body stops the decoder at once (no need to read the rest). */
  get failed(): KustoError | null {
    return this.failure;
  }

  push(piece: Uint8Array): void {
    if (this.failure || piece.length === 0) return;
    this.waiting.push(piece);
    this.waitingBytes += piece.length;
    const reader = this.reader;
    if (this.waitingBytes < reader.n - reader.i) return;
    this.take();
    this.advance();
  }

  /** The body ended (or broke off): the data set, or why there is none. */
  end(): DecodeResult {
    if (!this.failure) {
      this.take();
      this.frames.final = true;
      this.advance();
    }
    if (this.failure) return { ok: false, error: this.failure, incomplete: this.frames.cutOff() };
    try {
      const { dataSet, errors } = this.frames.finish();
      let partial: KustoError | null = null;
      if (errors.length > 0) partial = partialError(errors);
      else if (dataSet.cancelled) partial = kustoError('cancelled', 'The query was cancelled; the results may be incomplete.');
      return { ok: true, dataSet, partial };
    } catch (e) {
      if (e instanceof MalformedResponse) return { ok: false, error: malformed(e), incomplete: this.frames.cutOff() };
      throw e;
    }
  }

  tablesSoFar(): TableSoFar[] {
    return this.frames.tablesSoFar();
  }

  /** Bytes of the body read so far. */
  get bytesRead(): number {
    return this.reader.base + this.reader.i;
  }

  /** The unread tail and the waiting pieces as one buffer (no copy when the tail is empty and one piece waits). */
  private take(): void {
    const reader = this.reader;
    const tail = reader.b.subarray(reader.i);
    const pieces = tail.length > 0 ? [tail, ...this.waiting] : this.waiting;
    const base = reader.base + reader.i;
    let joined: Uint8Array;
    if (pieces.length === 1) joined = pieces[0]!;
    else {
      joined = new Uint8Array(tail.length + this.waitingBytes);
      let at = 0;
      for (const p of pieces) {
        joined.set(p, at);
        at += p.length;
      }
    }
    this.waiting = [];
    this.waitingBytes = 0;
    reader.load(joined, 0, base);
  }

  private advance(): void {
    try {
      this.frames.run();
    } catch (e) {
      if (e instanceof MalformedResponse) this.failure = malformed(e);
      else throw e;
    }
  }
}

/** Decodes the UTF-8 bytes of a whole v2 response body. */
export function decodeV2Bytes(bytes: Uint8Array): DecodeResult {
  const decoder = new V2StreamDecoder();
  decoder.push(bytes);
  return decoder.end();
}

const utf8Encoder = new TextEncoder();

/** Decodes a v2 response body already read as text. */
export function decodeV2Frames(text: string): DecodeResult {
  return decodeV2Bytes(utf8Encoder.encode(text));
}
