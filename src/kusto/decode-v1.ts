/**
 * Decodes a v1 response (`{"Tables":[{TableName, Columns, Rows}]}`, https://learn.microsoft.com/kusto/api/rest/response) into
 * columnar tables. `/v1/rest/mgmt` always answers in this shape.
 *
 * Tables are kept in order and never looked up by `Table_0`: the service stopped naming mgmt
 * results that way for some commands (grafana/azure-data-explorer-datasource#1563).
 */

import { buildColumn, formatCell, stringAt, type WireColumn } from './columnar';
import { kustoError, type KustoError } from './errors';
import { parseJsonLossless } from './lossless-json';
import type { ColumnarColumn, ColumnarTable, DataSet } from './types';

export type DecodeV1Result =
  | { ok: true; tables: ColumnarTable[]; /** Errors a table reported in its `Exceptions` (a partial failure). */ exceptions: string[] }
  | { ok: false; error: KustoError };

// v1 columns name their type twice: `ColumnType` (Kusto) and `DataType` (.NET). Older services
// and some commands send only DataType.
const DOTNET_TYPES: Record<string, string> = {
  boolean: 'bool', sbyte: 'bool', int32: 'int', int64: 'long', double: 'real', single: 'real',
  decimal: 'decimal', sqldecimal: 'decimal', datetime: 'datetime', timespan: 'timespan', guid: 'guid',
  string: 'string', object: 'dynamic',
};

class Malformed extends Error {}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readColumn(value: unknown, where: string): WireColumn {
  if (!isRecord(value) || typeof value['ColumnName'] !== 'string') throw new Malformed(`${where}: a column has no ColumnName`);
  const columnType = value['ColumnType'];
  const dataType = value['DataType'];
  let type: string | undefined;
  if (typeof columnType === 'string' && columnType !== '') type = columnType;
  else if (typeof dataType === 'string') type = DOTNET_TYPES[dataType.replace(/^System\./, '').toLowerCase()] ?? 'dynamic';
  if (type === undefined) throw new Malformed(`${where}: column ${value['ColumnName']} has no type`);
  return { ColumnName: value['ColumnName'], ColumnType: type };
}

function readTable(value: unknown, index: number, hasBigIntegers: boolean, exceptions: string[]): ColumnarTable {
  const where = `table ${index}`;
  if (!isRecord(value)) throw new Malformed(`${where} is not an object`);
  const name = typeof value['TableName'] === 'string' ? value['TableName'] : `Table_${index}`;
  const rawColumns = value['Columns'];
  const rawRows = value['Rows'];
  if (!Array.isArray(rawColumns)) throw new Malformed(`${where} has no Columns`);
  if (!Array.isArray(rawRows)) throw new Malformed(`${where} has no Rows`);
  const columns = rawColumns.map((c) => readColumn(c, where));
  const rows: unknown[][] = [];
  for (const row of rawRows) {
    // An error in the middle of a v1 result is written as a row that is an object, not an array.
    if (isRecord(row) && 'Exceptions' in row) {
      const list = row['Exceptions'];
      if (Array.isArray(list)) exceptions.push(...list.map(String));
      continue;
    }
    if (!Array.isArray(row)) throw new Malformed(`${where} has a row that is not an array`);
    if (row.length !== columns.length) throw new Malformed(`${where} has a row of ${row.length} values for ${columns.length} columns`);
    rows.push(row);
  }
  const tableExceptions = value['Exceptions'];
  if (Array.isArray(tableExceptions)) exceptions.push(...tableExceptions.map(String));
  return {
    tableId: index,
    tableKind: 'Unknown',
    tableName: name,
    rowCount: rows.length,
    columns: columns.map((c, i) => buildColumn(c, i, rows, hasBigIntegers)),
  };
}

export function decodeV1Tables(text: string): DecodeV1Result {
  let parsed;
  try {
    parsed = parseJsonLossless(text);
  } catch {
    return { ok: false, error: kustoError('malformed-response', 'The cluster sent a response that is not complete JSON (it may have been cut off).') };
  }
  if (!isRecord(parsed.value) || !Array.isArray(parsed.value['Tables'])) {
    return { ok: false, error: kustoError('malformed-response', 'The cluster sent a response without the v1 "Tables" list.') };
  }
  const exceptions: string[] = [];
  try {
    const tables = parsed.value['Tables'].map((t, i) => readTable(t, i, parsed.hasBigIntegers, exceptions));
    // The response may repeat a table's failure in its own top-level `Exceptions` (azure-kusto-go's
    // recorded azkustodata/query/v1/testData/partialError.json has both).
    const responseExceptions = parsed.value['Exceptions'];
    if (Array.isArray(responseExceptions)) exceptions.push(...responseExceptions.map(String));
    return { ok: true, tables, exceptions };
  } catch (e) {
    if (e instanceof Malformed) return { ok: false, error: kustoError('malformed-response', `The cluster sent a malformed v1 response: ${e.message}.`) };
    throw e;
  }
}

/** Case-insensitive column lookup: mgmt results are read by column name, never by position. */
export function findColumn(table: ColumnarTable, name: string): ColumnarColumn | undefined {
  const lower = name.toLowerCase();
  return table.columns.find((c) => c.name === name) ?? table.columns.find((c) => c.name.toLowerCase() === lower);
}

/** The text of a string/guid/dynamic column, row by row ('' for null). */
export function columnText(column: ColumnarColumn): string[] {
  switch (column.type) {
    case 'string': case 'guid': case 'decimal': case 'dynamic': {
      const out = new Array<string>(column.text.offsets.length - 1);
      for (let r = 0; r < out.length; r++) out[r] = column.type === 'dynamic' ? formatCell(column, r) : stringAt(column, r);
      return out;
    }
    default: return [];
  }
}

/** TableOfContents `Kind` → our table kinds (NODE response.ts `KustoResponseDataSetV1`). */
const TOC_KINDS: Record<string, string> = {
  QueryResult: 'PrimaryResult',
  QueryProperties: 'QueryProperties',
  QueryStatus: 'QueryCompletionInformation',
  QueryPlan: 'QueryPlan',
  QueryTraceLog: 'QueryTraceLog',
};

function cellAt(table: ColumnarTable, name: string, row: number): string | undefined {
  const column = findColumn(table, name);
  if (!column) return undefined;
  if (column.type === 'long' || column.type === 'int' || column.type === 'real') return column.values[row]?.toString();
  return columnText(column)[row];
}

/**
 * Names v1 tables the way the SDKs do (NODE `KustoResponseDataSetV1`): with at most two tables the
 * first is the PrimaryResult (and a second one QueryProperties); with more, the last table is a
 * TableOfContents whose rows give each table's Kind and Name. A command's result is one table, but
 * a query sent to the v1 endpoint, or a `.show` that returns several, has the TOC form.
 */
export function v1DataSet(tables: readonly ColumnarTable[]): DataSet {
  let named: ColumnarTable[];
  if (tables.length <= 2) {
    // `Table_0` is the service's placeholder, not a name the user gave: shown like v2's PrimaryResult.
    named = tables.map((t, i) => ({
      ...t,
      tableId: i,
      tableKind: i === 0 ? 'PrimaryResult' : 'QueryProperties',
      tableName: i === 0 && /^Table_\d+$/.test(t.tableName) ? 'PrimaryResult' : t.tableName,
    }));
  } else {
    const toc = tables[tables.length - 1]!;
    named = tables.map((t, i) => {
      if (i === tables.length - 1) return { ...t, tableId: i, tableKind: 'TableOfContents', tableName: 'TableOfContents' };
      const kind = cellAt(toc, 'Kind', i);
      const name = cellAt(toc, 'Name', i);
      const id = Number(cellAt(toc, 'Id', i) ?? i);
      return {
        ...t,
        tableId: Number.isInteger(id) ? id : i,
        tableKind: kind === undefined ? 'Unknown' : TOC_KINDS[kind] ?? kind,
        tableName: name && name !== '' ? name : t.tableName,
      };
    });
  }
  return {
    tables: named,
    primaryResults: named.filter((t) => t.tableKind === 'PrimaryResult'),
    visualizations: new Map(),
    stats: null,
    cancelled: false,
  };
}

export type DecodeV1DataSetResult =
  | { ok: true; dataSet: DataSet; /** The command failed part way: Kusto's messages from `Exceptions`. */ partial: KustoError | null }
  | { ok: false; error: KustoError };

/**
 * The readable part of a v1 `Exceptions` entry: its first line. The rest is the service's debug
 * dump (`[0]Kusto.Data.Exceptions.…`, `Timestamp=…`, `ActivityStack=…`), one line per field.
 */
function exceptionMessage(text: string): string {
  const end = text.search(/\r?\n/);
  return (end < 0 ? text : text.slice(0, end)).trim() || text.trim();
}

/** A `/v1/rest/mgmt` (or `/v1/rest/query`) body → the same DataSet a v2 query gives the results panel. */
export function decodeV1DataSet(text: string): DecodeV1DataSetResult {
  const decoded = decodeV1Tables(text);
  if (!decoded.ok) return decoded;
  const partial = decoded.exceptions.length === 0
    ? null
    : kustoError('partial', [...new Set(decoded.exceptions.map(exceptionMessage))].join('\n'));
  return { ok: true, dataSet: v1DataSet(decoded.tables), partial };
}
