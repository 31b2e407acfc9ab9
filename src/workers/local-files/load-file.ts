/**
 * One file → one DuckDB table with Kusto-typed columns. Each format is read by the reader that
 * needs no network (csv-table: DuckDB's read_csv straight into the table; json-columns and
 * parquet-columns: JavaScript, staged as Arrow), stored in the engine's representation of Kusto
 * types (kusto-columns). A failure drops whatever it staged and leaves every other open table as
 * it was.
 */
import type { LocalDuckDb } from './duckdb-wasm';
import { loadCsvTable } from './csv-table';
import { checkContent, formatFromName, type LocalFileFormat } from './file-format';
import { stageJsColumns, type JsColumn } from './js-columns';
import { decodeUtf8, jsonLinesRows, jsonRows, rowsToColumns } from './json-columns';
import { kustoTypeOfDuckDb, quoteIdentifier, storedExpression, type LocalColumn, type LocalKustoType } from './kusto-columns';
import { formatBytes, LocalFileError } from './load-error';
import { parquetColumns } from './parquet-columns';
import { errorText } from '../../lib/error-text';

export interface LoadedTable {
  name: string;
  fileName: string;
  format: LocalFileFormat;
  sizeBytes: number;
  rowCount: number;
  columns: LocalColumn[];
  loadMs: number;
  /** Where the load's time went: reading and storing the table, then counting its rows. */
  phases: { readMs: number; countMs: number };
}

/**
 * JSON and Parquet are read in JavaScript before DuckDB holds them: their values as JS objects take
 * several times the file's size, so they get a smaller share of DuckDB's memory limit than CSV,
 * which DuckDB reads straight into its own columns.
 */
export const JS_READ_EXPANSION = 8;

let loadNumber = 0;

export function sizeLimitFor(format: LocalFileFormat, memoryLimitBytes: number): number {
  return format === 'csv' || format === 'tsv' ? memoryLimitBytes : Math.floor(memoryLimitBytes / JS_READ_EXPANSION);
}

export async function loadLocalFile(db: LocalDuckDb, file: File, tableName: string): Promise<LoadedTable> {
  const started = performance.now();
  const format = formatFromName(file.name);
  const limit = sizeLimitFor(format, db.memoryLimitBytes);
  if (file.size > limit) throw tooLarge(file, format, limit);
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - 4)).arrayBuffer());
  checkContent(file.name, format, head, tail);
  if (file.size === 0) throw new LocalFileError('unreadable', `${file.name} is empty.`);

  const n = ++loadNumber;
  const staging = `staging_${n}`;
  const path = `local_file_${n}.${format}`;
  try {
    let columns: { name: string; duckType: string; type: LocalKustoType }[];
    const storedSelect = (cols: typeof columns) => cols.map((c) => storedExpression(c.name, c.duckType, c.type)).join(', ');
    if (format === 'csv' || format === 'tsv') {
      await db.registerFile(path, file);
      try {
        const typed = (cols: { name: string; duckType: string }[]) => cols.map((c) => ({ ...c, type: kustoTypeOfDuckDb(c.duckType) }));
        columns = typed(loadCsvTable(db, path, file.name, format === 'csv' ? ',' : '\t', tableName, (cols) => storedSelect(typed(cols))));
      } finally {
        db.dropFile(path);
      }
    } else {
      const jsColumns = await readJsColumns(file, format);
      if (jsColumns.length === 0) throw new LocalFileError('unreadable', `${file.name} has no fields to make columns of.`);
      const staged = stageJsColumns(jsColumns);
      db.insertArrow(staged.table, staging);
      columns = describe(db, staging).map(({ name, duckType }) => ({ name, duckType, type: staged.types.get(name) ?? kustoTypeOfDuckDb(duckType) }));
      db.query(`CREATE TABLE ${quoteIdentifier(tableName)} AS SELECT ${storedSelect(columns)} FROM ${quoteIdentifier(staging)}`);
    }
    const stored = performance.now();
    const rowCount = Number(db.query(`SELECT count(*) AS n FROM ${quoteIdentifier(tableName)}`).getChildAt(0)?.get(0) ?? 0);
    return {
      name: tableName,
      fileName: file.name,
      format,
      sizeBytes: file.size,
      rowCount,
      columns: columns.map(({ name, type }) => ({ name, type })),
      loadMs: performance.now() - started,
      phases: { readMs: stored - started, countMs: performance.now() - stored },
    };
  } catch (error) {
    if (error instanceof LocalFileError) throw error;
    const message = errorText(error);
    if (/out of memory|memory limit|allocation/i.test(message) || error instanceof RangeError) throw tooLarge(file, format, limit);
    throw new LocalFileError('unreadable', `${file.name}: ${message.split('\n')[0]}`);
  } finally {
    db.query(`DROP TABLE IF EXISTS ${quoteIdentifier(staging)}`);
  }
}

async function readJsColumns(file: File, format: 'json' | 'jsonl' | 'parquet'): Promise<JsColumn[]> {
  if (format === 'parquet') return parquetColumns(file.name, await file.arrayBuffer());
  const text = decodeUtf8(file.name, new Uint8Array(await file.arrayBuffer()));
  return rowsToColumns(format === 'json' ? jsonRows(file.name, text) : jsonLinesRows(file.name, text));
}

function describe(db: LocalDuckDb, table: string): { name: string; duckType: string }[] {
  const result = db.query(`DESCRIBE ${quoteIdentifier(table)}`);
  const out: { name: string; duckType: string }[] = [];
  for (let i = 0; i < result.numRows; i++) {
    const row = result.get(i);
    if (row) out.push({ name: String(row['column_name']), duckType: String(row['column_type']) });
  }
  return out;
}

function tooLarge(file: File, format: LocalFileFormat, limit: number): LocalFileError {
  const how = format === 'csv' || format === 'tsv' ? '' : ` (${format === 'parquet' ? 'Parquet' : 'JSON'} is read in JavaScript first, which takes about ${JS_READ_EXPANSION}× the file's size)`;
  return new LocalFileError('too-large', `${file.name} is ${formatBytes(file.size)}; this tab can load files up to ${formatBytes(limit)}${how}.`);
}

export function renameLocalTable(db: LocalDuckDb, from: string, to: string): void {
  db.query(`ALTER TABLE ${quoteIdentifier(from)} RENAME TO ${quoteIdentifier(to)}`);
}

export function dropLocalTable(db: LocalDuckDb, name: string): void {
  db.query(`DROP TABLE IF EXISTS ${quoteIdentifier(name)}`);
}
