/**
 * One module for every text form of a result table — TSV, CSV, HTML and Markdown — used by the
 * results toolbar (grid copy, Export to CSV, Copy results as HTML) and the Share menu alike, so
 * both write the same cell text (what the grid shows, `cellText`) in the same row order (the order
 * the user sees: sorted and filtered). Each format has exactly one escaping function; cell values
 * and column names are the cluster's data, so each format escapes whatever in it could act:
 * formulas in spreadsheets (CSV, TSV), markup in HTML, links, images and HTML in Markdown.
 */

import { cellText } from './columnar';
import type { ColumnarColumn, ColumnarTable, KustoScalarType } from './types';

/** Rows to write, as indices into the table (the user's sort/filter order), or every row in table order. */
export type RowOrder = Uint32Array | null;

/** Rows pasted as an HTML or Markdown table at most: mail and chat clients choke on huge tables. */
export const PASTE_MAX_ROWS = 10_000;

function rowAt(order: RowOrder, i: number): number {
  return order ? order[i]! : i;
}

export function rowTotal(table: ColumnarTable, order: RowOrder): number {
  return order ? order.length : table.rowCount;
}

// ---- spreadsheet formulas (CSV and TSV) ----

/**
 * How CSV and TSV treat a cell a spreadsheet would run as a formula. `neutralize` (the default)
 * puts a `'` before it, as OWASP's CSV injection guidance says
 * (https://owasp.org/www-community/attacks/CSV_Injection); `raw` writes it as it is, when the user
 * asked for raw values.
 */
export type FormulaPolicy = 'neutralize' | 'raw';

/**
 * A leading `=`, `+`, `-`, `@`, tab or CR starts a formula in Excel, LibreOffice and Sheets
 * (OWASP, above); Excel's input folding also reads the full-width forms `＝ ＋ － ＠` (U+FF1D,
 * U+FF0B, U+FF0D, U+FF20) as their ASCII selves.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The text as a spreadsheet cell: a `'` first when it would start a formula. */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Types whose cell text the app writes itself from a typed value (digits, a sign, a date): a
 * leading `-` there is a negative number, which spreadsheets read as a number. Every other type
 * (string, dynamic, guid, timespan, decimal) carries text from the response, so a cluster owner
 * could make it a formula.
 */
const TYPED_TEXT: ReadonlySet<KustoScalarType> = new Set<KustoScalarType>(['bool', 'int', 'long', 'real', 'datetime']);

function spreadsheetText(column: ColumnarColumn, row: number, formulas: FormulaPolicy): string {
  const text = cellText(column, row);
  return formulas === 'raw' || TYPED_TEXT.has(column.type) ? text : neutralizeFormula(text);
}

function spreadsheetHeader(name: string, formulas: FormulaPolicy): string {
  return formulas === 'raw' ? name : neutralizeFormula(name);
}

// ---- the escaping function of each format ----

/**
 * TSV as Excel and Sheets read it back: tabs and newlines would split the cell, so such a field
 * is quoted with doubled quotes (the CSV rule, which both apply to pasted TSV).
 */
export function tsvField(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV per RFC 4180 §2.6–2.7: quote fields holding a comma, quote, CR or LF; double inner quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** HTML text and attribute values: the five characters with a meaning in markup become references. */
export function htmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Markdown characters that start inline syntax (CommonMark 0.31 §2.4 lets any ASCII punctuation be
 * backslash-escaped, https://spec.commonmark.org/0.31.2/#backslash-escapes): `\` itself, code
 * `` ` ``, emphasis `*` `_`, strikethrough `~` and math `$` (GitHub), links and images `[` `]` `!`,
 * raw HTML and autolinks `<` `>`, entity references `&`, and `|`, which ends a GFM table cell.
 */
const MARKDOWN_ACTIVE = /[\\`*_~$[\]!<>&|]/g;

/**
 * Markdown text (a table cell, a link's text): every active character escaped, so a cell never
 * becomes a link, an image (a remote request when the message is read), HTML or formatting. A
 * line break becomes `<br>`, the one piece of HTML the app writes itself (a GFM cell is one line).
 */
export function markdownText(text: string): string {
  return text.replace(MARKDOWN_ACTIVE, '\\$&').replace(/\r\n|[\r\n\u2028\u2029]/g, '<br>');
}

// ---- the formats ----

export interface CellRange {
  /** First column and its count, in table column order. */
  column: number;
  columns: number;
  /** First display row (an index into `order`) and the count. */
  row: number;
  rows: number;
}

/** A rectangle of the grid as TSV, optionally with the column names first. CRLF between rows. */
export function rangeToTsv(table: ColumnarTable, order: RowOrder, range: CellRange, withHeaders = false, formulas: FormulaPolicy = 'neutralize'): string {
  const columns = table.columns.slice(range.column, range.column + range.columns);
  const lines: string[] = [];
  if (withHeaders) lines.push(columns.map((c) => tsvField(spreadsheetHeader(c.name, formulas))).join('\t'));
  const end = Math.min(range.row + range.rows, rowTotal(table, order));
  for (let i = range.row; i < end; i++) {
    const r = rowAt(order, i);
    lines.push(columns.map((c) => tsvField(spreadsheetText(c, r, formulas))).join('\t'));
  }
  return lines.join('\r\n');
}

/** The first `rows` display rows, every column, as TSV with headers. */
export function tableToTsv(table: ColumnarTable, order: RowOrder, rows = rowTotal(table, order), formulas: FormulaPolicy = 'neutralize'): string {
  return rangeToTsv(table, order, { column: 0, columns: table.columns.length, row: 0, rows }, true, formulas);
}

/** About 1 MB of UTF-16 text per Blob part: large results never become one giant string. */
export const CSV_CHUNK_CHARS = 1 << 20;

/** The CSV of a table in chunks of about `chunkChars` characters, header first, CRLF line ends (RFC 4180 §2.1). */
export function* csvChunks(table: ColumnarTable, order: RowOrder = null, formulas: FormulaPolicy = 'neutralize', chunkChars = CSV_CHUNK_CHARS): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  const total = rowTotal(table, order);
  // i = -1 is the header line.
  for (let i = -1; i < total; i++) {
    let line = '';
    if (i < 0) line = table.columns.map((c) => csvField(spreadsheetHeader(c.name, formulas))).join(',');
    else {
      const r = rowAt(order, i);
      for (let c = 0; c < table.columns.length; c++) {
        if (c > 0) line += ',';
        line += csvField(spreadsheetText(table.columns[c]!, r, formulas));
      }
    }
    line += '\r\n';
    parts.push(line);
    size += line.length;
    if (size >= chunkChars) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) yield parts.join('');
}

/**
 * The whole CSV file as a Blob of chunked parts (UTF-8 with a BOM so Excel reads it as UTF-8).
 * `betweenChunks` is awaited after each chunk: the results toolbar yields to the page there, so a
 * large export does not freeze it.
 */
export async function csvBlob(table: ColumnarTable, order: RowOrder = null, formulas: FormulaPolicy = 'neutralize', betweenChunks?: () => Promise<void>): Promise<Blob> {
  const parts: BlobPart[] = ['\uFEFF'];
  for (const chunk of csvChunks(table, order, formulas)) {
    parts.push(chunk);
    if (betweenChunks) await betweenChunks();
  }
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

/** An HTML table (inline styles, which Outlook, Teams and Slack keep) of the first `maxRows` display rows. */
export function htmlTable(table: ColumnarTable, order: RowOrder = null, maxRows = PASTE_MAX_ROWS): string {
  const shown = Math.min(rowTotal(table, order), maxRows);
  const cell = 'style="border:1px solid #ccc;padding:2px 6px"';
  const head = table.columns.map((c) => `<th ${cell}>${htmlText(c.name)}</th>`).join('');
  const rows: string[] = [];
  for (let i = 0; i < shown; i++) {
    const r = rowAt(order, i);
    rows.push(`<tr>${table.columns.map((c) => `<td ${cell}>${htmlText(cellText(c, r))}</td>`).join('')}</tr>`);
  }
  return `<table style="border-collapse:collapse"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const NUMERIC = new Set(['int', 'long', 'real', 'decimal']);

/** A Markdown (GFM) table of the first `maxRows` display rows; numbers right-aligned. */
export function markdownTable(table: ColumnarTable, order: RowOrder = null, maxRows = PASTE_MAX_ROWS): string {
  const shown = Math.min(rowTotal(table, order), maxRows);
  const lines = [
    `| ${table.columns.map((c) => markdownText(c.name)).join(' | ')} |`,
    `| ${table.columns.map((c) => (NUMERIC.has(c.type) ? '--:' : '---')).join(' | ')} |`,
  ];
  for (let i = 0; i < shown; i++) {
    const r = rowAt(order, i);
    lines.push(`| ${table.columns.map((c) => markdownText(cellText(c, r))).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** "First N of M rows." when a pasted table was cut, else null. */
export function rowsCutNote(table: ColumnarTable, order: RowOrder, maxRows: number): string | null {
  const total = rowTotal(table, order);
  return total > maxRows ? `First ${maxRows} of ${total} rows.` : null;
}
