/**
 * Management commands (`/v1/rest/mgmt`, https://learn.microsoft.com/kusto/api/rest/request): the request, and readers for
 * the results the workbench uses — `.show databases`, `.show databases schema as json`,
 * `.cancel query`. Pure: the client (`client/kusto-client.ts`) sends them.
 */

import { findColumn, columnText } from './decode-v1';
import { kustoError } from './errors';
import type { ColumnarTable } from './types';

/** A KQL string literal: backslash and double quote are the escapes inside "…". */
export function kqlStringLiteral(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
}

/** `.cancel query "<ClientActivityId>"`: the id is the x-ms-client-request-id the query was sent with (https://learn.microsoft.com/kusto/management/cancel-query-command). */
export function cancelQueryCommand(clientRequestId: string, reason?: string): string {
  const withReason = reason ? ` with (reason = ${kqlStringLiteral(reason)})` : '';
  return `.cancel query ${kqlStringLiteral(clientRequestId)}${withReason}`;
}

/** `['db']`-quoted when the name is not a plain identifier. */
export function kqlEntityName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

export function showDatabaseSchemaCommand(database: string): string {
  return `.show databases (${kqlEntityName(database)}) schema as json`;
}

export const SHOW_DATABASES = '.show databases';

/** Database names of `.show databases`, sorted the way the web UI lists them. */
export function readDatabaseNames(tables: readonly ColumnarTable[]): string[] {
  const table = tables[0];
  const column = table ? findColumn(table, 'DatabaseName') : undefined;
  if (!column) throw kustoError('malformed-response', '`.show databases` returned no DatabaseName column.');
  return [...columnText(column)].filter((n) => n !== '').sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

export interface SchemaColumn {
  name: string;
  /** Kusto's type name, e.g. "datetime", "string". */
  type: string;
}

export interface SchemaTable {
  name: string;
  folder: string;
  docString: string;
  columns: SchemaColumn[];
}

export interface SchemaFunction {
  name: string;
  /** `(a:string, b:long)`. */
  parameters: string;
  body: string;
  folder: string;
  docString: string;
}

export interface DatabaseSchema {
  name: string;
  tables: SchemaTable[];
  functions: SchemaFunction[];
}

export interface ShowSchemaResult {
  /** The parsed JSON document as sent: monaco-kusto's setSchemaFromShowSchema reads this. */
  showSchemaJson: unknown;
  databases: DatabaseSchema[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });
}

// CslType is Kusto's name ("datetime"); Type is .NET's ("System.DateTime"). Some entries carry only one.
function columnType(column: Record<string, unknown>): string {
  const csl = str(column['CslType']);
  if (csl) return csl;
  const dotnet = str(column['Type']).replace(/^System\./, '').toLowerCase();
  return ({ boolean: 'bool', sbyte: 'bool', int32: 'int', int64: 'long', double: 'real', object: 'dynamic', sqldecimal: 'decimal' } as Record<string, string>)[dotnet] ?? dotnet;
}

function readParameters(value: unknown): string {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return '()';
  const parts = value.filter(isRecord).map((p) => `${str(p['Name'])}:${str(p['CslType']) || str(p['Type']) || 'dynamic'}`);
  return `(${parts.join(', ')})`;
}

/** Reads `.show databases schema as json` (one row, one string column holding the document). */
export function readShowSchema(tables: readonly ColumnarTable[]): ShowSchemaResult {
  const column = tables[0]?.columns[0];
  const text = column ? columnText(column)[0] : undefined;
  if (text === undefined) throw kustoError('malformed-response', 'The schema command returned no rows.');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw kustoError('malformed-response', 'The schema command returned text that is not JSON.');
  }
  if (!isRecord(doc) || !isRecord(doc['Databases'])) throw kustoError('malformed-response', 'The schema document has no "Databases".');
  const databases: DatabaseSchema[] = Object.values(doc['Databases']).filter(isRecord).map((db) => ({
    name: str(db['Name']),
    tables: Object.values(isRecord(db['Tables']) ? db['Tables'] : {}).filter(isRecord).map((t) => ({
      name: str(t['Name']),
      folder: str(t['Folder']),
      docString: str(t['DocString']),
      columns: (Array.isArray(t['OrderedColumns']) ? t['OrderedColumns'] : []).filter(isRecord).map((c) => ({ name: str(c['Name']), type: columnType(c) })),
    })).sort(byName),
    functions: Object.values(isRecord(db['Functions']) ? db['Functions'] : {}).filter(isRecord).map((f) => ({
      name: str(f['Name']),
      parameters: readParameters(f['InputParameters']),
      body: str(f['Body']),
      folder: str(f['Folder']),
      docString: str(f['DocString']),
    })).sort(byName),
  }));
  return { showSchemaJson: doc, databases };
}

export interface CancelOutcome {
  /** The service found the query and stopped it. */
  cancelled: boolean;
  reason: string;
}

export function readCancelResult(tables: readonly ColumnarTable[]): CancelOutcome {
  const table = tables[0];
  const flag = table ? findColumn(table, 'RunningQueryCanceled') : undefined;
  const reasonColumn = table ? findColumn(table, 'ReasonPhrase') : undefined;
  const cancelled = flag?.type === 'bool' && table !== undefined && table.rowCount > 0 && flag.values[0] === 1;
  const reason = reasonColumn ? columnText(reasonColumn)[0] ?? '' : '';
  return { cancelled, reason };
}
