/**
 * Builders for v2 query responses in the shapes the service writes (https://learn.microsoft.com/kusto/api/rest/response-v2,
 * and the test payloads of Azure/azure-kusto-python and Azure/azure-kusto-go). Tests compose frames; `toV2Text` writes
 * them, with bigint cells as bare digits the way the service writes Int64.
 */

export type Frame = Record<string, unknown>;
export interface Col { ColumnName: string; ColumnType: string }

export function col(ColumnName: string, ColumnType: string): Col {
  return { ColumnName, ColumnType };
}

export function dataSetHeader(extra: Frame = {}): Frame {
  return { FrameType: 'DataSetHeader', IsProgressive: false, Version: 'v2.0', ...extra };
}

export function dataTable(tableId: number, columns: Col[], rows: unknown[], kind = 'PrimaryResult', name = 'PrimaryResult'): Frame {
  return { FrameType: 'DataTable', TableId: tableId, TableKind: kind, TableName: name, Columns: columns, Rows: rows };
}

export function tableHeader(tableId: number, columns: Col[], kind = 'PrimaryResult', name = 'PrimaryResult'): Frame {
  return { FrameType: 'TableHeader', TableId: tableId, TableKind: kind, TableName: name, Columns: columns };
}

export function tableFragment(tableId: number, rows: unknown[], type: 'DataAppend' | 'DataReplace' = 'DataAppend', fieldCount?: number): Frame {
  const first = rows[0];
  return {
    FrameType: 'TableFragment', TableFragmentType: type, TableId: tableId,
    FieldCount: fieldCount ?? (Array.isArray(first) ? first.length : 0), Rows: rows,
  };
}

export function tableProgress(tableId: number, progress: number): Frame {
  return { FrameType: 'TableProgress', TableId: tableId, TableProgress: progress };
}

export function tableCompletion(tableId: number, rowCount: number, oneApiErrors?: unknown[]): Frame {
  return { FrameType: 'TableCompletion', TableId: tableId, RowCount: rowCount, ...(oneApiErrors ? { OneApiErrors: oneApiErrors } : {}) };
}

export function dataSetCompletion(oneApiErrors?: unknown[], cancelled = false): Frame {
  return {
    FrameType: 'DataSetCompletion', HasErrors: Boolean(oneApiErrors?.length), Cancelled: cancelled,
    ...(oneApiErrors?.length ? { OneApiErrors: oneApiErrors } : {}),
  };
}

export function oneApiError(code: string, message: string, extra: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return {
    error: {
      code, message: message.split(':')[0] ?? message, '@type': 'Kusto.Data.Exceptions.KustoException', '@message': message,
      '@context': { timestamp: '2024-01-01T00:00:00.0000000Z', clientRequestId: 'KQLW.Query;test' }, '@permanent': true, ...extra,
    },
  };
}

/** The `@ExtendedProperties` table with a Visualization row; the value is a JSON string, as the service sends it. */
export function extendedProperties(tableId: number, forTableId: number, visualization: Record<string, unknown>): Frame {
  return dataTable(tableId, [col('TableId', 'int'), col('Key', 'string'), col('Value', 'dynamic')],
    [[forTableId, 'Visualization', JSON.stringify(visualization)]], 'QueryProperties', '@ExtendedProperties');
}

const QCI_COLUMNS = [
  col('Timestamp', 'datetime'), col('ClientRequestId', 'string'), col('ActivityId', 'guid'), col('SubActivityId', 'guid'),
  col('ParentActivityId', 'guid'), col('Level', 'int'), col('LevelName', 'string'), col('StatusCode', 'int'),
  col('StatusCodeName', 'string'), col('EventType', 'int'), col('EventTypeName', 'string'), col('Payload', 'string'),
];

const GUID = '123e27de-1e4e-49d9-b579-fe0b331d3642';

export function queryCompletionInformation(tableId: number, options: { executionTime?: number; errors?: unknown[] } = {}): Frame {
  const ts = '2024-01-01T00:00:01.0000000Z';
  const rows: unknown[][] = [
    [ts, 'KQLW.Query;test', GUID, GUID, GUID, 4, 'Info', 0, 'S_OK (0)', 4, 'QueryInfo', JSON.stringify({ Count: 1, Text: 'Query completed successfully' })],
    [ts, 'KQLW.Query;test', GUID, GUID, GUID, 6, 'Stats', 0, 'S_OK (0)', 0, 'QueryResourceConsumption', JSON.stringify({
      ExecutionTime: options.executionTime ?? 0.0312,
      resource_usage: { cache: { memory: { hits: 1, misses: 0, total: 1 } } },
      input_dataset_statistics: { rows: { total: 59066, scanned: 59066 } },
    })],
  ];
  for (const e of options.errors ?? []) {
    rows.push([ts, 'KQLW.Query;test', GUID, GUID, GUID, 2, 'Error', -2133196797, 'LimitsExceeded', 0, 'QueryError', JSON.stringify(e)]);
  }
  return dataTable(tableId, QCI_COLUMNS, rows, 'QueryCompletionInformation', 'QueryCompletionInformation');
}

/** A whole successful response: header, the given tables, completion information, completion. */
export function v2Response(primary: Frame[], options: { visualization?: Record<string, unknown>; completionErrors?: unknown[] } = {}): Frame[] {
  const frames: Frame[] = [dataSetHeader()];
  if (options.visualization) frames.push(extendedProperties(0, 1, options.visualization));
  frames.push(...primary);
  frames.push(queryCompletionInformation(primary.length + 1, { errors: options.completionErrors ?? [] }));
  frames.push(dataSetCompletion(options.completionErrors));
  return frames;
}

/** JSON text of a value; bigints become bare digits (JSON.stringify refuses them), as the service writes Int64. */
export function jsonWithBigInts(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `\u0001${v}\u0001` : v))
    .replace(/"\\u0001(-?\d+)\\u0001"/g, '$1');
}

/** JSON text of frames, with bigint cells as bare digits. */
export function toV2Text(frames: Frame[]): string {
  return jsonWithBigInts(frames);
}
