/**
 * CSV and TSV become tables through DuckDB's own reader (read_csv: native speed, types sniffed from
 * the data). The delimiter comes from the extension and quoting is RFC 4180, so a ragged file is
 * reported as ragged rather than sniffed as a one-column file of some other delimiter. Rows DuckDB
 * cannot read are collected (`store_rejects`, duckdb.org/docs/stable/data/csv/reading_faulty_csv_files)
 * instead of failing at the first one, so the error names the line and what is wrong with it.
 */
import type { LocalDuckDb } from './duckdb-wasm';
import { LocalFileError } from './load-error';
import { quoteIdentifier, quoteLiteral } from './kusto-columns';
import { errorText } from '../../lib/error-text';

interface Reject {
  line: number;
  columnName: string;
  errorType: string;
  message: string;
  csvLine: string;
}

let scanNumber = 0;

export interface CsvColumn {
  name: string;
  duckType: string;
}

/**
 * Creates `target` from `path` (a registered file) in one pass: DuckDB sniffs the column types
 * (`DESCRIBE` reads only the sniffer's sample), `select` turns them into the stored columns, and the
 * table is written straight from read_csv — no staging copy. A column whose late values do not fit
 * the sniffed type is read again as text (the sniffer samples the start of the file only).
 */
export function loadCsvTable(
  db: LocalDuckDb,
  path: string,
  fileName: string,
  delimiter: ',' | '\t',
  target: string,
  select: (columns: CsvColumn[]) => string,
): CsvColumn[] {
  const textColumns = new Set<string>();
  for (let attempt = 0; attempt < 3; attempt++) {
    const n = ++scanNumber;
    const rejectsTable = `csv_rejects_${n}`;
    const scansTable = `csv_scans_${n}`;
    const types = textColumns.size === 0 ? '' : `, types = {${[...textColumns].map((c) => `${quoteLiteral(c)}: 'VARCHAR'`).join(', ')}}`;
    // store_rejects also relaxes the sniffer, so a ragged file is sniffed as CSV and its bad rows
    // land in the rejects table with their line, instead of failing to sniff at all.
    const source =
      `read_csv(${quoteLiteral(path)}, delim = ${quoteLiteral(delimiter)}, quote = '"', escape = '"'${types}, ` +
      `store_rejects = true, rejects_table = ${quoteLiteral(rejectsTable)}, rejects_scan = ${quoteLiteral(scansTable)})`;
    let columns: CsvColumn[];
    try {
      columns = describeCsv(db, source);
      db.query(`CREATE TABLE ${quoteIdentifier(target)} AS SELECT ${select(columns)} FROM ${source}`);
    } catch (error) {
      throw csvReadError(fileName, error);
    }
    const rejects = readRejects(db, rejectsTable);
    db.query(`DROP TABLE IF EXISTS ${quoteIdentifier(rejectsTable)}`);
    db.query(`DROP TABLE IF EXISTS ${quoteIdentifier(scansTable)}`);
    if (rejects.length === 0) return columns;
    db.query(`DROP TABLE IF EXISTS ${quoteIdentifier(target)}`);
    const structural = rejects.find((r) => r.errorType !== 'CAST');
    if (structural) throw rejectError(fileName, structural);
    for (const r of rejects) textColumns.add(r.columnName);
  }
  throw new LocalFileError('unreadable', `${fileName}: DuckDB could not settle the column types.`);
}

function describeCsv(db: LocalDuckDb, source: string): CsvColumn[] {
  const result = db.query(`DESCRIBE SELECT * FROM ${source}`);
  const out: CsvColumn[] = [];
  for (let i = 0; i < result.numRows; i++) {
    const row = result.get(i);
    if (row) out.push({ name: String(row['column_name']), duckType: String(row['column_type']) });
  }
  return out;
}

function readRejects(db: LocalDuckDb, rejectsTable: string): Reject[] {
  const table = db.query(
    `SELECT line, column_name, error_type, error_message, csv_line FROM ${quoteIdentifier(rejectsTable)} ORDER BY line LIMIT 100`,
  );
  const out: Reject[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row = table.get(i);
    if (!row) continue;
    out.push({
      line: Number(row['line']),
      columnName: String(row['column_name'] ?? ''),
      errorType: String(row['error_type'] ?? ''),
      message: String(row['error_message'] ?? ''),
      csvLine: String(row['csv_line'] ?? ''),
    });
  }
  return out;
}

function rejectError(fileName: string, r: Reject): LocalFileError {
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(r.message);
  if ((r.errorType === 'MISSING COLUMNS' || r.errorType === 'TOO MANY COLUMNS') && counts) {
    return new LocalFileError('ragged', `${fileName}: line ${r.line} has ${counts[2]} fields where the header has ${counts[1]}.`, r.line);
  }
  if (r.errorType === 'INVALID UNICODE' || /unicode|utf-8/i.test(r.message)) {
    return new LocalFileError('encoding', `${fileName}: line ${r.line} is not UTF-8 text; save the file as UTF-8 and open it again.`, r.line);
  }
  if (r.errorType === 'UNQUOTED VALUE') {
    return new LocalFileError('ragged', `${fileName}: line ${r.line} has a quote inside an unquoted field.`, r.line);
  }
  return new LocalFileError('unreadable', `${fileName}: line ${r.line} cannot be read (${r.errorType.toLowerCase()}: ${r.message}).`, r.line);
}

/** DuckDB's own errors while reading a CSV, turned into the file's error. */
function csvReadError(fileName: string, error: unknown): LocalFileError {
  const message = errorText(error);
  const line = Number(/Line: (\d+)/.exec(message)?.[1] ?? Number.NaN);
  const at = Number.isFinite(line) ? line : null;
  // Checked first: DuckDB's sniffing message also lists the encoding it tried ("Encoding: utf-8").
  if (/sniffing file/i.test(message)) {
    return new LocalFileError('ragged', `${fileName} does not read as a table of delimited fields (a quote that never closes, or rows of different widths).`);
  }
  if (/unicode|utf-8/i.test(message)) {
    return new LocalFileError('encoding', `${fileName}${at ? `: line ${at}` : ''} is not UTF-8 text; save the file as UTF-8 and open it again.`, at);
  }
  if (/out of memory/i.test(message)) {
    return new LocalFileError('too-large', `${fileName} does not fit in the memory DuckDB may use in this tab: ${firstLine(message)}`);
  }
  return new LocalFileError('unreadable', `${fileName}: ${firstLine(message)}`, at);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
