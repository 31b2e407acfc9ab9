import { randomUUID } from 'node:crypto';
import type { DatabaseSchema, EncodedRow, KustoColumn, KustoEngine, KustoType } from '../engine/types';
import { KustoEngineError, kustoType } from '../engine/types';
import type { Caller } from './auth';
import { badRequest, engineErrorToHttp, entityNotFound, forbidden, type RequestContext } from './errors';
import { DOTNET_TYPES, kustoDateTime, msToKustoTimespan } from './kusto-values';
import type { RunningQueries } from './running-queries';
import { managementCommandText } from '../../../src/kusto/text-kind';

/** A v1 table as management commands return it. */
export interface ResultTable {
  TableName: string;
  Columns: KustoColumn[];
  Rows: EncodedRow[];
}

export interface CommandContext {
  engine: KustoEngine;
  caller: Caller;
  database: string | undefined;
  readonly: boolean;
  running: RunningQueries;
  request: RequestContext;
  /** Bumped on every schema/data change; reported as MinorVersion. */
  versions: Map<string, number>;
}

const DATA_CHANGING = /^\.(create|create-merge|create-or-alter|alter|alter-merge|drop|ingest|set|append|set-or-append|set-or-replace|delete|purge|rename|move|replace|clear)\b/i;

export function changesData(command: string): boolean {
  return DATA_CHANGING.test(commandOf(command));
}

/**
 * The command from its `.` on, skipping what Kusto skips before it (whitespace, `//` comments,
 * directive lines — the app's own classifier, src/kusto/text-kind.ts), or the trimmed text when
 * it is no command: then nothing below matches it and it is refused by name.
 */
export function commandOf(text: string): string {
  return (managementCommandText(text) ?? text).trim();
}

const col = (ColumnName: string, ColumnType: KustoType): KustoColumn => ({ ColumnName, ColumnType });

/** Entity names may be bracketed: ['My Table'] or ["x"]. */
const NAME = String.raw`(?:\[\s*'(?:[^']*)'\s*\]|\[\s*"(?:[^"]*)"\s*\]|[A-Za-z_][\w-]*)`;

function unquote(name: string): string {
  const m = /^\[\s*['"](.*)['"]\s*\]$/.exec(name.trim());
  return m?.[1] ?? name.trim();
}

function findDatabase(ctx: CommandContext, name: string | undefined): DatabaseSchema {
  if (name === undefined) throw badRequest(ctx.request, "the command needs a database: send 'db' in the request body");
  const all = ctx.engine.databases();
  const found = all.find((d) => d.Name === name) ?? all.find((d) => d.Name.toLowerCase() === name.toLowerCase());
  if (!found) throw entityNotFound(ctx.request, name, 'Database');
  return found;
}

function findTable(ctx: CommandContext, db: DatabaseSchema, name: string) {
  const table = db.Tables[name] ?? Object.values(db.Tables).find((t) => t.Name.toLowerCase() === name.toLowerCase());
  if (!table) throw entityNotFound(ctx.request, name, 'Table');
  return table;
}

function version(ctx: CommandContext, db: string): string {
  return `v1.${ctx.versions.get(db) ?? 0}`;
}

function bump(ctx: CommandContext, db: string): void {
  ctx.versions.set(db, (ctx.versions.get(db) ?? 0) + 1);
}

/** The `.show ... schema as json` document monaco-kusto's setSchemaFromShowSchema reads. */
export function showSchemaDocument(ctx: CommandContext, databases: DatabaseSchema[]): Record<string, unknown> {
  const Databases: Record<string, unknown> = {};
  for (const db of databases) {
    const Tables: Record<string, unknown> = {};
    for (const t of Object.values(db.Tables)) {
      Tables[t.Name] = {
        Name: t.Name,
        EntityType: 'Table',
        OrderedColumns: t.OrderedColumns.map((c) => ({ Name: c.Name, Type: c.Type, CslType: c.CslType })),
        Folder: t.Folder ?? '',
        DocString: t.DocString ?? '',
      };
    }
    const Functions: Record<string, unknown> = {};
    for (const f of Object.values(db.Functions)) {
      Functions[f.Name] = {
        Name: f.Name,
        InputParameters: f.InputParameters,
        Body: f.Body,
        Folder: f.Folder ?? '',
        DocString: f.DocString ?? '',
        FunctionKind: 'Unknown',
        OutputColumns: [],
      };
    }
    Databases[db.Name] = {
      Name: db.Name,
      Tables,
      ExternalTables: {},
      MaterializedViews: {},
      Functions,
      EntityGroups: {},
      Graphs: {},
      MajorVersion: 1,
      MinorVersion: ctx.versions.get(db.Name) ?? 0,
      DatabaseAccessMode: 'ReadWrite',
    };
  }
  return { Plugins: [], Databases };
}

function schemaTable(doc: Record<string, unknown>): ResultTable[] {
  return [{ TableName: 'Table_0', Columns: [col('DatabaseSchema', 'string')], Rows: [[JSON.stringify(doc)]] }];
}

function tableSchemaRow(db: DatabaseSchema, t: DatabaseSchema['Tables'][string]): EncodedRow {
  const schema = { Name: t.Name, OrderedColumns: t.OrderedColumns.map((c) => ({ Name: c.Name, Type: c.Type, CslType: c.CslType })) };
  return [t.Name, JSON.stringify(schema), db.Name, t.Folder ?? '', t.DocString ?? ''];
}

const TABLE_SCHEMA_COLUMNS = [col('TableName', 'string'), col('Schema', 'string'), col('DatabaseName', 'string'), col('Folder', 'string'), col('DocString', 'string')];

function parseColumns(ctx: CommandContext, text: string): KustoColumn[] {
  const columns: KustoColumn[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const m = /^\s*(\[\s*'[^']*'\s*\]|\[\s*"[^"]*"\s*\]|[A-Za-z_]\w*)\s*:\s*([A-Za-z]\w*)\s*$/.exec(part);
    const type = m?.[2] ? kustoType(m[2]) : null;
    if (!m?.[1] || !type) throw badRequest(ctx.request, `Syntax error: SYN0002: invalid column definition '${part.trim()}' [line:position=1:1]`);
    columns.push(col(unquote(m[1]), type));
  }
  if (columns.length === 0) throw badRequest(ctx.request, 'a table needs at least one column');
  return columns;
}

async function engineCall<T>(ctx: CommandContext, db: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof KustoEngineError) throw engineErrorToHttp(ctx.request, e, db);
    throw e;
  }
}

/** Runs one management command. Throws HttpError for anything the service would reject. */
export async function runCommand(ctx: CommandContext, commandText: string): Promise<ResultTable[]> {
  const text = commandOf(commandText).replace(/;\s*$/, '');
  const head = text.split(/\s*<\|/)[0] ?? text;
  if (ctx.readonly && changesData(text)) {
    throw forbidden(
      ctx.request,
      `Request is forbidden: the request is read-only (request_readonly / x-ms-readonly) and '${head.split(/\s+/).slice(0, 2).join(' ')}' changes data.`,
    );
  }
  let m: RegExpExecArray | null;

  if (/^\.show\s+version$/i.test(text)) {
    return [
      {
        TableName: 'Table_0',
        Columns: [col('BuildVersion', 'string'), col('BuildTime', 'datetime'), col('ServiceType', 'string'), col('ProductVersion', 'string'), col('ServiceOffering', 'string')],
        Rows: [['1.0.0.0', '2026-01-01T00:00:00.0000000Z', 'Engine', 'KustoLocal_1.0.0', '{"Type":"Local cluster (KQL on DuckDB)"}']],
      },
    ];
  }

  if (/^\.show\s+databases$/i.test(text)) {
    return [
      {
        TableName: 'Table_0',
        Columns: [
          col('DatabaseName', 'string'),
          col('PersistentStorage', 'string'),
          col('Version', 'string'),
          col('IsCurrent', 'bool'),
          col('DatabaseAccessMode', 'string'),
          col('PrettyName', 'string'),
          col('CurrentUserIsUnrestrictedViewer', 'bool'),
          col('DatabaseId', 'guid'),
        ],
        Rows: ctx.engine
          .databases()
          .map((d) => [d.Name, 'local', version(ctx, d.Name), d.Name === ctx.database, 'ReadWrite', '', false, '00000000-0000-0000-0000-000000000000']),
      },
    ];
  }

  if ((m = new RegExp(String.raw`^\.show\s+databases(?:\s*\(([^)]*)\))?\s+schema\s+as\s+json$`, 'i').exec(text))) {
    let dbs = ctx.engine.databases();
    if (m[1] !== undefined) {
      const names = m[1].split(',').map((n) => n.trim().replace(/^\[?\s*['"]?|['"]?\s*\]?$/g, '')).filter(Boolean);
      dbs = names.map((n) => findDatabase(ctx, n));
    }
    return schemaTable(showSchemaDocument(ctx, dbs));
  }

  if ((m = new RegExp(String.raw`^\.show\s+database(?:\s+(${NAME}))?\s+schema\s+as\s+json$`, 'i').exec(text))) {
    const db = findDatabase(ctx, m[1] !== undefined ? unquote(m[1]) : ctx.database);
    return schemaTable(showSchemaDocument(ctx, [db]));
  }

  if (/^\.show\s+tables$/i.test(text)) {
    const db = findDatabase(ctx, ctx.database);
    return [
      {
        TableName: 'Table_0',
        Columns: [col('TableName', 'string'), col('DatabaseName', 'string'), col('Folder', 'string'), col('DocString', 'string')],
        Rows: Object.values(db.Tables).map((t) => [t.Name, db.Name, t.Folder ?? '', t.DocString ?? '']),
      },
    ];
  }

  if ((m = new RegExp(String.raw`^\.show\s+table\s+(${NAME})\s+schema\s+as\s+json$`, 'i').exec(text)) && m[1]) {
    const db = findDatabase(ctx, ctx.database);
    const t = findTable(ctx, db, unquote(m[1]));
    return [{ TableName: 'Table_0', Columns: TABLE_SCHEMA_COLUMNS, Rows: [tableSchemaRow(db, t)] }];
  }

  if (/^\.show\s+functions$/i.test(text)) {
    const db = findDatabase(ctx, ctx.database);
    return [
      {
        TableName: 'Table_0',
        Columns: [col('Name', 'string'), col('Parameters', 'string'), col('Body', 'string'), col('Folder', 'string'), col('DocString', 'string')],
        Rows: Object.values(db.Functions).map((f) => [
          f.Name,
          `(${f.InputParameters.map((p) => `${p.Name}:${p.CslType ?? p.Type ?? 'dynamic'}`).join(', ')})`,
          f.Body,
          f.Folder ?? '',
          f.DocString ?? '',
        ]),
      },
    ];
  }

  if (/^\.show\s+queries$/i.test(text)) {
    const now = Date.now();
    return [
      {
        TableName: 'Table_0',
        Columns: [
          col('ClientActivityId', 'string'),
          col('Text', 'string'),
          col('Database', 'string'),
          col('StartedOn', 'datetime'),
          col('LastUpdatedOn', 'datetime'),
          col('Duration', 'timespan'),
          col('State', 'string'),
          col('RootActivityId', 'guid'),
          col('User', 'string'),
          col('FailureReason', 'string'),
          col('Application', 'string'),
          col('Principal', 'string'),
        ],
        Rows: ctx.running.ofCaller(ctx.caller.id).map((q) => [
          q.clientRequestId,
          q.text,
          q.database,
          kustoDateTime(q.startedOn),
          kustoDateTime(new Date(now)),
          msToKustoTimespan(now - q.startedOn.getTime()),
          'InProgress',
          q.activityId,
          q.caller.username ?? q.caller.name ?? q.caller.id,
          '',
          q.application ?? '',
          q.caller.principal,
        ]),
      },
    ];
  }

  if ((m = /^\.cancel\s+query\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')(?:\s+with\s*\(\s*reason\s*=\s*(?:"([^"]*)"|'([^']*)')\s*\))?$/i.exec(text))) {
    const id = m[1] ?? m[2] ?? '';
    const reason = m[3] ?? m[4] ?? '';
    const matches = ctx.running.byClientRequestId(id);
    if (matches.length === 0) {
      return [cancelResult(id, false, `No running query with client request id '${id}' was found.`)];
    }
    const own = matches.filter((q) => q.caller.id === ctx.caller.id);
    if (own.length === 0) {
      throw forbidden(ctx.request, `Principal '${ctx.caller.principal}' is not authorized to cancel query '${id}': only the principal that started it may cancel it.`);
    }
    for (const q of own) ctx.running.stop(q, 'cancelled');
    return [cancelResult(id, true, reason === '' ? 'Query cancelled' : `Query cancelled: ${reason}`)];
  }

  if ((m = new RegExp(String.raw`^\.create\s+table\s+(${NAME})\s*\(([^)]*)\)(?:\s+with\s*\(.*\))?$`, 'is').exec(text)) && m[1] && m[2] !== undefined) {
    const db = findDatabase(ctx, ctx.database);
    const table = unquote(m[1]);
    const columns = parseColumns(ctx, m[2]);
    await engineCall(ctx, db.Name, () => ctx.engine.createTable(db.Name, table, columns));
    bump(ctx, db.Name);
    const created = findDatabase(ctx, db.Name);
    const t = created.Tables[table];
    return [{ TableName: 'Table_0', Columns: TABLE_SCHEMA_COLUMNS, Rows: t ? [tableSchemaRow(created, t)] : [] }];
  }

  if ((m = new RegExp(String.raw`^\.drop\s+table\s+(${NAME})(\s+ifexists)?$`, 'i').exec(text)) && m[1]) {
    const db = findDatabase(ctx, ctx.database);
    const name = unquote(m[1]);
    const exists = Object.values(db.Tables).some((t) => t.Name.toLowerCase() === name.toLowerCase());
    if (!exists && !m[2]) throw entityNotFound(ctx.request, name, 'Table');
    if (exists) await engineCall(ctx, db.Name, () => ctx.engine.dropTable(db.Name, findTable(ctx, db, name).Name));
    bump(ctx, db.Name);
    const after = findDatabase(ctx, db.Name);
    return [
      {
        TableName: 'Table_0',
        Columns: [col('TableName', 'string'), col('DatabaseName', 'string'), col('Folder', 'string'), col('DocString', 'string')],
        Rows: Object.values(after.Tables).map((t) => [t.Name, after.Name, t.Folder ?? '', t.DocString ?? '']),
      },
    ];
  }

  if ((m = new RegExp(String.raw`^\.ingest\s+inline\s+into\s+table\s+(${NAME})(?:\s+with\s*\([^)]*\))?\s*<\|[ \t]*\r?\n?([\s\S]*)$`, 'i').exec(commandText.trim())) && m[1]) {
    const db = findDatabase(ctx, ctx.database);
    const table = findTable(ctx, db, unquote(m[1]));
    const started = performance.now();
    const rows = await engineCall(ctx, db.Name, () => ctx.engine.ingestInlineCsv(db.Name, table.Name, m?.[2] ?? ''));
    bump(ctx, db.Name);
    return [
      {
        TableName: 'Table_0',
        Columns: [col('ExtentId', 'guid'), col('ItemLoaded', 'string'), col('Duration', 'timespan'), col('HasErrors', 'bool'), col('OperationId', 'guid'), col('RowCount', 'long')],
        Rows: [[randomUUID(), 'inproc:inline', msToKustoTimespan(performance.now() - started), false, randomUUID(), rows]],
      },
    ];
  }

  if ((m = new RegExp(String.raw`^\.set-or-append\s+(?:async\s+)?(${NAME})(?:\s+with\s*\([^)]*\))?\s*<\|([\s\S]*)$`, 'i').exec(text)) && m[1] && m[2] !== undefined) {
    const db = findDatabase(ctx, ctx.database);
    const table = unquote(m[1]);
    const rows = await engineCall(ctx, db.Name, () => ctx.engine.setOrAppend(db.Name, table, m?.[2]?.trim() ?? ''));
    bump(ctx, db.Name);
    return [{ TableName: 'Table_0', Columns: [col('ExtentId', 'guid'), col('RowCount', 'long')], Rows: [[randomUUID(), rows]] }];
  }

  const name = head.trim().split(/\s+/).slice(0, 3).join(' ');
  throw badRequest(ctx.request, `Unknown or unsupported control command '${name}' (the local cluster supports .show databases/tables/functions/version/queries, schema as json, .cancel query, .create table, .drop table, .ingest inline, .set-or-append).`);
}

function cancelResult(id: string, cancelled: boolean, reason: string): ResultTable {
  return {
    TableName: 'Table_0',
    Columns: [col('ClientRequestId', 'string'), col('ReasonPhrase', 'string'), col('RunningQueryCanceled', 'bool')],
    Rows: [[id, reason, cancelled]],
  };
}

export function v1Body(tables: ResultTable[]): Record<string, unknown> {
  return {
    Tables: tables.map((t) => ({
      TableName: t.TableName,
      Columns: t.Columns.map((c) => ({ ColumnName: c.ColumnName, DataType: DOTNET_TYPES[c.ColumnType], ColumnType: c.ColumnType })),
      Rows: t.Rows,
    })),
  };
}
