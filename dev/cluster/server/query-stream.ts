import { randomUUID } from 'node:crypto';
import type { EncodedChunk, EncodedRow, EncodedRowsText, EngineChunk, EngineQuery, EngineStats, EngineTable, KustoColumn } from '../engine/types';
import { KustoEngineError } from '../engine/types';
import {
  cancelledError,
  engineErrorToHttp,
  HttpError,
  partialFailure,
  serviceError,
  timeoutError,
  truncationError,
  type OneApiError,
  type RequestContext,
} from './errors';
import { toJson } from './json';
import { DOTNET_TYPES, kustoDateTime, msToKustoTimespan } from './kusto-values';
import type { TruncationLimits } from './request-options';
import type { RunningQuery } from './running-queries';
import { ClientGone, type ResponseSink } from './sink';

export interface QuerySummary {
  errors: OneApiError[];
  cancelled: boolean;
  stats: EngineStats;
  executionMs: number;
  cpuUserMs: number;
  cpuKernelMs: number;
  /** Growth of the process RSS while the query ran (sampled per chunk): a whole-process figure. */
  memoryPeakDelta: number;
  rowCounts: number[];
}

/** One response format (v2 frames or v1 tables), driven table by table and chunk by chunk. */
export interface QueryFormat {
  encodeRow(row: EncodedRow, columns: KustoColumn[]): string;
  /** Every row of an engine-encoded chunk: row texts, or (v2) UTF-8 bytes written by the engine. */
  encodeChunk(chunk: EncodedChunk, columns: KustoColumn[]): string[] | EncodedRowsText;
  begin(): Promise<void>;
  tableStart(index: number): Promise<void>;
  /** `count` rows as their texts joined by commas. */
  rows(index: number, count: number, text: string | Buffer): Promise<void>;
  tableEnd(index: number, rowCount: number, errors: OneApiError[]): Promise<void>;
  finish(summary: QuerySummary): Promise<void>;
}

class Stopped extends Error {}

/**
 * Runs an engine query into a format. The first chunk of the first table is pulled before any byte
 * is written, so a failure or timeout that happens that early still gets a real status (400/504)
 * instead of a 200 with an in-stream error.
 */
export async function streamQuery(args: {
  query: EngineQuery;
  entry: RunningQuery;
  sink: ResponseSink;
  format: QueryFormat;
  truncation: TruncationLimits | null;
  ctx: RequestContext;
  database: string;
  timeoutMs: number;
}): Promise<void> {
  const { query, entry, format, truncation, ctx } = args;
  const signal = entry.controller.signal;
  const stopped = new Promise<never>((_, reject) => {
    const fire = () => reject(new Stopped());
    if (signal.aborted) fire();
    else signal.addEventListener('abort', fire, { once: true });
  });
  stopped.catch(() => undefined);
  const pull = (it: AsyncIterator<EngineChunk>) => Promise.race([it.next(), stopped]);

  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const rss0 = process.memoryUsage.rss();
  let rssPeak = rss0;
  let rssSampledAt = started;

  const tables: EngineTable[] = query.tables;
  const iterators: (AsyncIterator<EngineChunk> | undefined)[] = [];
  const iteratorOf = (t: number): AsyncIterator<EngineChunk> => {
    let it = iterators[t];
    if (!it) {
      const table = tables[t];
      if (!table) throw new Error(`no table ${t}`);
      it = table.chunks(signal)[Symbol.asyncIterator]();
      iterators[t] = it;
    }
    return it;
  };

  let pending: IteratorResult<EngineChunk> | null = null;
  let failure: unknown = null;
  if (tables.length > 0) {
    try {
      pending = await pull(iteratorOf(0));
    } catch (e) {
      if (entry.stopReason === 'timeout') throw new HttpError(504, timeoutError(ctx, args.timeoutMs));
      if (entry.stopReason === 'disconnected') throw new ClientGone();
      if (entry.stopReason !== 'cancelled') {
        if (e instanceof KustoEngineError) throw engineErrorToHttp(ctx, e, args.database);
        throw serviceError(ctx, 500, e instanceof Error ? e.message : String(e));
      }
      failure = e;
    }
  }

  const errors: OneApiError[] = [];
  const rowCounts: number[] = [];
  let cancelled = false;
  let total = 0;
  let bytes = 0;
  let stop = false;
  await format.begin();
  for (let t = 0; t < tables.length && !stop; t++) {
    const table = tables[t];
    if (!table) break;
    const it = iteratorOf(t);
    await format.tableStart(t);
    let rowCount = 0;
    const tableErrors: OneApiError[] = [];
    for (;;) {
      let step: IteratorResult<EngineChunk> | null = null;
      if (failure === null) {
        if (pending) {
          step = pending;
          pending = null;
        } else {
          try {
            step = await pull(it);
          } catch (e) {
            failure = e;
          }
        }
      }
      if (failure !== null || step === null) {
        if (entry.stopReason === 'disconnected') throw new ClientGone();
        if (entry.stopReason === 'cancelled') {
          cancelled = true;
          tableErrors.push(cancelledError(ctx, `cancelled by .cancel query "${entry.clientRequestId}"`));
        } else if (entry.stopReason === 'timeout') {
          tableErrors.push(timeoutError(ctx, args.timeoutMs));
        } else {
          tableErrors.push(partialFailure(ctx, failure));
        }
        stop = true;
        break;
      }
      if (step.done) break;
      const chunk = step.value;
      const encoded = Array.isArray(chunk) ? chunk.map((row) => format.encodeRow(row, table.columns)) : format.encodeChunk(chunk, table.columns);
      const count = Array.isArray(encoded) ? encoded.length : encoded.ends.length;
      const lengthOf = Array.isArray(encoded)
        ? (i: number) => encoded[i]?.length ?? 0
        : (i: number) => (encoded.ends[i] ?? 0) - (i === 0 ? 0 : (encoded.ends[i - 1] ?? 0) + 1);
      let truncated: { kind: 'records' | 'size'; value: number } | null = null;
      let kept = count;
      if (truncation) {
        for (let i = 0; i < count; i++) {
          if (total >= truncation.maxRecords) {
            truncated = { kind: 'records', value: truncation.maxRecords };
            kept = i;
            break;
          }
          const length = lengthOf(i);
          if (bytes + length > truncation.maxBytes) {
            truncated = { kind: 'size', value: truncation.maxBytes };
            kept = i;
            break;
          }
          total++;
          bytes += length;
        }
      }
      let text: string | Buffer = '';
      if (kept > 0) {
        text = Array.isArray(encoded)
          ? (kept === count ? encoded : encoded.slice(0, kept)).join(',')
          : encoded.bytes.subarray(0, encoded.ends[kept - 1] ?? 0);
      }
      // Reading RSS is a /proc read (~0.3 ms with a large heap): sample it at most every 50 ms.
      const now = performance.now();
      if (now - rssSampledAt >= 50) {
        rssSampledAt = now;
        rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
      }
      if (kept > 0) await format.rows(t, kept, text);
      rowCount += kept;
      if (truncated) {
        tableErrors.push(truncationError(ctx, truncated));
        stop = true;
        break;
      }
    }
    if (stop) for (const open of iterators) void open?.return?.().catch(() => undefined);
    rowCounts.push(rowCount);
    errors.push(...tableErrors);
    await format.tableEnd(t, rowCount, tableErrors);
  }

  let stats: EngineStats = { rowsScanned: 0, rowsTotal: 0 };
  try {
    stats = query.stats();
  } catch {
    // stats are best-effort after a failure
  }
  rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  const cpu = process.cpuUsage(cpu0);
  await format.finish({
    errors,
    cancelled,
    stats,
    executionMs: performance.now() - started,
    cpuUserMs: cpu.user / 1000,
    cpuKernelMs: cpu.system / 1000,
    memoryPeakDelta: Math.max(0, rssPeak - rss0),
    rowCounts,
  });
}

export type ErrorPlacement = 'InData' | 'EndOfTable' | 'EndOfDataSet';

const QCI_COLUMNS: KustoColumn[] = [
  { ColumnName: 'Timestamp', ColumnType: 'datetime' },
  { ColumnName: 'ClientRequestId', ColumnType: 'string' },
  { ColumnName: 'ActivityId', ColumnType: 'guid' },
  { ColumnName: 'SubActivityId', ColumnType: 'guid' },
  { ColumnName: 'ParentActivityId', ColumnType: 'guid' },
  { ColumnName: 'Level', ColumnType: 'int' },
  { ColumnName: 'LevelName', ColumnType: 'string' },
  { ColumnName: 'StatusCode', ColumnType: 'int' },
  { ColumnName: 'StatusCodeName', ColumnType: 'string' },
  { ColumnName: 'EventType', ColumnType: 'int' },
  { ColumnName: 'EventTypeName', ColumnType: 'string' },
  { ColumnName: 'Payload', ColumnType: 'string' },
];

/** The QueryResourceConsumption payload, in the field layout of the service (https://learn.microsoft.com/kusto/api/rest/response-v2). */
export function resourceConsumption(summary: QuerySummary): Record<string, unknown> {
  const zeroCache = { hits: 0, misses: 0, total: 0 };
  return {
    ExecutionTime: summary.executionMs / 1000,
    resource_usage: {
      cache: {
        memory: zeroCache,
        disk: zeroCache,
        shards: {
          hot: { hitbytes: 0, missbytes: 0, retrievebytes: 0 },
          cold: { hitbytes: 0, missbytes: 0, retrievebytes: 0 },
          bypassbytes: 0,
        },
      },
      cpu: {
        user: msToKustoTimespan(summary.cpuUserMs),
        kernel: msToKustoTimespan(summary.cpuKernelMs),
        'total cpu': msToKustoTimespan(summary.cpuUserMs + summary.cpuKernelMs),
      },
      memory: { peak_per_node: summary.memoryPeakDelta },
      network: { inter_cluster_total_bytes: 0, intra_cluster_total_bytes: 0 },
    },
    input_dataset_statistics: {
      extents: { total: 0, scanned: 0, scanned_min_datetime: '0001-01-01T00:00:00.0000000Z', scanned_max_datetime: '0001-01-01T00:00:00.0000000Z' },
      rows: { total: summary.stats.rowsTotal, scanned: summary.stats.rowsScanned },
      rowstores: { scanned_rows: 0, scanned_values_size: 0 },
      shards: { queries_generic: 0, queries_specialized: 0 },
    },
    dataset_statistics: summary.rowCounts.map((n) => ({ table_row_count: n, table_size: 0 })),
    cross_cluster_resource_usage: {},
  };
}

function qciRows(ctx: RequestContext, summary: QuerySummary): unknown[][] {
  const now = kustoDateTime(new Date());
  const base = (level: number, levelName: string, status: number, statusName: string, eventType: number, eventName: string, payload: unknown) => [
    now,
    ctx.clientRequestId,
    ctx.activityId,
    randomUUID(),
    ctx.activityId,
    level,
    levelName,
    status,
    statusName,
    eventType,
    eventName,
    JSON.stringify(payload),
  ];
  const rows: unknown[][] = [];
  if (summary.errors.length === 0) {
    rows.push(base(4, 'Info', 0, 'S_OK (0)', 4, 'QueryInfo', { Count: 1, Text: 'Query completed successfully' }));
  } else {
    for (const e of summary.errors) {
      rows.push(base(2, 'Error', -2133196797, 'E_QUERY_FAILED', 4, 'QueryInfo', { Count: 1, Text: e.error['@message'] }));
    }
  }
  rows.push(base(6, 'Stats', 0, 'S_OK (0)', 0, 'QueryResourceConsumption', resourceConsumption(summary)));
  return rows;
}

function visualizationText(table: EngineTable): string | null {
  return table.visualization ? JSON.stringify(table.visualization) : null;
}

/** v2: a JSON array of frames, one frame per line (the results_v2_newlines_between_frames layout). */
export class V2Format implements QueryFormat {
  private frames = 0;
  private rowsInFrame = 0;
  private readonly withProperties: boolean;

  constructor(
    private readonly sink: ResponseSink,
    private readonly ctx: RequestContext,
    private readonly tables: EngineTable[],
    private readonly mode: 'datatable' | 'progressive' | 'fragmented',
    private readonly placement: ErrorPlacement,
    private readonly progress: () => EngineStats,
  ) {
    this.withProperties = tables.some((t) => t.visualization !== null);
  }

  private tableId(index: number): number {
    return (this.withProperties ? 1 : 0) + index;
  }

  private lead(): string {
    return this.frames++ === 0 ? '[' : ',';
  }

  private async frame(body: Record<string, unknown>): Promise<void> {
    await this.sink.write(this.lead() + toJson(body) + '\n');
  }

  encodeRow(row: EncodedRow): string {
    return toJson(row);
  }

  encodeChunk(chunk: EncodedChunk): EncodedRowsText {
    return chunk.v2Text();
  }

  async begin(): Promise<void> {
    const header: Record<string, unknown> = { FrameType: 'DataSetHeader', IsProgressive: this.mode === 'progressive', Version: 'v2.0' };
    if (this.mode !== 'datatable') {
      header.IsFragmented = true;
      header.ErrorReportingPlacement = this.placement;
    }
    await this.frame(header);
    if (this.withProperties) {
      const rows: unknown[][] = [];
      this.tables.forEach((t, i) => {
        const vis = visualizationText(t);
        // The service writes the Visualization as a JSON string inside the dynamic column.
        if (vis !== null) rows.push([this.tableId(i), 'Visualization', vis]);
      });
      await this.frame({
        FrameType: 'DataTable',
        TableId: 0,
        TableKind: 'QueryProperties',
        TableName: '@ExtendedProperties',
        Columns: [
          { ColumnName: 'TableId', ColumnType: 'int' },
          { ColumnName: 'Key', ColumnType: 'string' },
          { ColumnName: 'Value', ColumnType: 'dynamic' },
        ],
        Rows: rows,
      });
    }
  }

  private tableHead(index: number): Record<string, unknown> {
    const table = this.tables[index];
    return {
      TableId: this.tableId(index),
      TableKind: table?.tableKind ?? 'PrimaryResult',
      TableName: table?.tableName ?? 'PrimaryResult',
      Columns: table?.columns ?? [],
    };
  }

  async tableStart(index: number): Promise<void> {
    if (this.mode === 'datatable') {
      const head = toJson({ FrameType: 'DataTable', ...this.tableHead(index) });
      this.rowsInFrame = 0;
      await this.sink.write(this.lead() + head.slice(0, -1) + ',"Rows":[');
    } else {
      await this.frame({ FrameType: 'TableHeader', ...this.tableHead(index) });
    }
  }

  async rows(index: number, count: number, text: string | Buffer): Promise<void> {
    if (this.mode === 'datatable') {
      await this.sink.write(this.rowsInFrame > 0 ? ',' : '', text);
      this.rowsInFrame += count;
      return;
    }
    const id = this.tableId(index);
    const fieldCount = this.tables[index]?.columns.length ?? 0;
    await this.sink.write(
      `${this.lead()}{"FrameType":"TableFragment","TableId":${id},"FieldCount":${fieldCount},"TableFragmentType":"DataAppend","Rows":[`,
      text,
      ']}\n',
    );
    if (this.mode === 'progressive') {
      const stats = this.progress();
      const pct = stats.rowsTotal > 0 ? Math.min(99.9, (100 * stats.rowsScanned) / stats.rowsTotal) : 0;
      await this.frame({ FrameType: 'TableProgress', TableId: id, TableProgress: Math.round(pct * 10) / 10 });
    }
  }

  async tableEnd(index: number, rowCount: number, errors: OneApiError[]): Promise<void> {
    const errorRow = errors.length > 0 && this.placement === 'InData' ? toJson({ OneApiErrors: errors }) : null;
    if (this.mode === 'datatable') {
      const extra = errorRow ? (this.rowsInFrame > 0 ? ',' : '') + errorRow : '';
      await this.sink.write(extra + ']}\n');
      return;
    }
    if (errorRow) {
      await this.sink.write(
        `${this.lead()}{"FrameType":"TableFragment","TableId":${this.tableId(index)},"FieldCount":${this.tables[index]?.columns.length ?? 0},"TableFragmentType":"DataAppend","Rows":[${errorRow}]}\n`,
      );
    }
    const completion: Record<string, unknown> = { FrameType: 'TableCompletion', TableId: this.tableId(index), RowCount: rowCount };
    if (errors.length > 0 && this.placement === 'EndOfTable') completion.OneApiErrors = errors;
    await this.frame(completion);
  }

  async finish(summary: QuerySummary): Promise<void> {
    await this.frame({
      FrameType: 'DataTable',
      TableId: this.tableId(this.tables.length),
      TableKind: 'QueryCompletionInformation',
      TableName: 'QueryCompletionInformation',
      Columns: QCI_COLUMNS,
      Rows: qciRows(this.ctx, summary),
    });
    const completion: Record<string, unknown> = {
      FrameType: 'DataSetCompletion',
      HasErrors: summary.errors.length > 0,
      Cancelled: summary.cancelled,
    };
    if (summary.errors.length > 0) completion.OneApiErrors = summary.errors;
    await this.frame(completion);
    await this.sink.write(']\n');
  }
}

export function v1Columns(columns: KustoColumn[]): Record<string, string>[] {
  return columns.map((c) => ({ ColumnName: c.ColumnName, DataType: DOTNET_TYPES[c.ColumnType] ?? 'Object', ColumnType: c.ColumnType }));
}

/** v1 (`/v1/rest/query`): Table_0..n, then @ExtendedProperties, QueryStatus and TableOfContents (§1.9). */
export class V1Format implements QueryFormat {
  private emitted = 0;
  private rowsInTable = 0;

  constructor(
    private readonly sink: ResponseSink,
    private readonly ctx: RequestContext,
    private readonly tables: EngineTable[],
  ) {}

  encodeRow(row: EncodedRow, columns: KustoColumn[]): string {
    // v1 writes dynamic values as JSON text by default (response_dynamic_serialization=string).
    const cells = row.map((cell, i) =>
      columns[i]?.ColumnType === 'dynamic' && cell !== null && typeof cell !== 'string' ? toJson(cell) : cell,
    );
    return toJson(cells);
  }

  encodeChunk(chunk: EncodedChunk, columns: KustoColumn[]): string[] {
    const rows: string[] = new Array<string>(chunk.rowCount);
    for (let r = 0; r < chunk.rowCount; r++) rows[r] = this.encodeRow(chunk.row(r), columns);
    return rows;
  }

  async begin(): Promise<void> {
    await this.sink.write('{"Tables":[');
  }

  async tableStart(index: number): Promise<void> {
    const table = this.tables[index];
    this.rowsInTable = 0;
    await this.sink.write(
      `${index > 0 ? ',' : ''}{"TableName":"Table_${index}","Columns":${toJson(v1Columns(table?.columns ?? []))},"Rows":[`,
    );
  }

  async rows(_index: number, count: number, text: string | Buffer): Promise<void> {
    await this.sink.write(this.rowsInTable > 0 ? ',' : '', text);
    this.rowsInTable += count;
  }

  async tableEnd(): Promise<void> {
    this.emitted++;
    await this.sink.write(']}\n');
  }

  async finish(summary: QuerySummary): Promise<void> {
    const toc: unknown[][] = [];
    let n = 0;
    const emit = async (kind: string, name: string, table: { Columns: unknown; Rows: unknown[][] } | null) => {
      if (table) await this.sink.write(`${n > 0 ? ',' : ''}${toJson({ TableName: `Table_${n}`, ...table })}\n`);
      toc.push([n, kind, name, randomUUID(), '']);
      n++;
    };
    for (let i = 0; i < this.emitted; i++) {
      toc.push([i, 'QueryResult', this.tables[i]?.tableName ?? 'PrimaryResult', randomUUID(), '']);
    }
    n = this.emitted;
    const vis = this.tables
      .slice(0, this.emitted)
      .map(visualizationText)
      .filter((v): v is string => v !== null);
    if (vis.length > 0) {
      await emit('QueryProperties', '@ExtendedProperties', {
        Columns: v1Columns([{ ColumnName: 'Value', ColumnType: 'string' }]),
        Rows: vis.map((v) => [v]),
      });
    }
    const now = kustoDateTime(new Date());
    const statusRows: unknown[][] =
      summary.errors.length === 0
        ? [[now, 4, 'Info', 0, 'Query completed successfully', 1, this.ctx.activityId, this.ctx.activityId, this.ctx.activityId, this.ctx.clientRequestId]]
        : summary.errors.map((e) => [
            now,
            2,
            'Error',
            -2133196797,
            e.error['@message'],
            1,
            this.ctx.activityId,
            this.ctx.activityId,
            this.ctx.activityId,
            this.ctx.clientRequestId,
          ]);
    await emit('QueryStatus', 'QueryStatus', {
      Columns: v1Columns([
        { ColumnName: 'Timestamp', ColumnType: 'datetime' },
        { ColumnName: 'Severity', ColumnType: 'int' },
        { ColumnName: 'SeverityName', ColumnType: 'string' },
        { ColumnName: 'StatusCode', ColumnType: 'int' },
        { ColumnName: 'StatusDescription', ColumnType: 'string' },
        { ColumnName: 'Count', ColumnType: 'int' },
        { ColumnName: 'RequestId', ColumnType: 'guid' },
        { ColumnName: 'ActivityId', ColumnType: 'guid' },
        { ColumnName: 'SubActivityId', ColumnType: 'guid' },
        { ColumnName: 'ClientActivityId', ColumnType: 'string' },
      ]),
      Rows: statusRows,
    });
    const tocTable = {
      TableName: `Table_${n}`,
      Columns: v1Columns([
        { ColumnName: 'Ordinal', ColumnType: 'long' },
        { ColumnName: 'Kind', ColumnType: 'string' },
        { ColumnName: 'Name', ColumnType: 'string' },
        { ColumnName: 'Id', ColumnType: 'string' },
        { ColumnName: 'PrettyName', ColumnType: 'string' },
      ]),
      Rows: toc,
    };
    await this.sink.write(`,${toJson(tocTable)}\n]}`);
  }
}
