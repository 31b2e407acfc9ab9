/**
 * Text forms of a result for the clipboard and files: TSV for range copy (what spreadsheets paste),
 * CSV per RFC 4180 for export, and an HTML table for "Copy results as HTML". Values are the grid's
 * display text; HTML is escaped here because cell values are the cluster's data, not markup.
 */

import { cellText } from '../../kusto/columnar';
import type { ColumnarTable } from '../../kusto/types';

/** Rows to write, as indices into the table (a sort/filter order), or every row in table order. */
export type RowSelection = Uint32Array | null;

function rowAt(rows: RowSelection, i: number): number {
  return rows ? rows[i]! : i;
}

function rowTotal(table: ColumnarTable, rows: RowSelection): number {
  return rows ? rows.length : table.rowCount;
}

/**
 * A TSV field the way Excel and Sheets read it back: tabs and newlines would split the cell, so
 * such a field is quoted with doubled quotes (the CSV rule, which both apply to pasted TSV).
 */
export function tsvField(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 §2.6–2.7: quote fields holding a comma, quote, CR or LF; double inner quotes. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface CellRange {
  /** First column and its count, in table column order. */
  column: number;
  columns: number;
  /** First display row (an index into `rows`) and the count. */
  row: number;
  rows: number;
}

/** A rectangle of the grid as TSV, optionally with the column names first. CRLF between rows. */
export function rangeToTsv(table: ColumnarTable, order: RowSelection, range: CellRange, withHeaders = false): string {
  const columns = table.columns.slice(range.column, range.column + range.columns);
  const lines: string[] = [];
  if (withHeaders) lines.push(columns.map((c) => tsvField(c.name)).join('\t'));
  const end = Math.min(range.row + range.rows, rowTotal(table, order));
  for (let i = range.row; i < end; i++) {
    const r = rowAt(order, i);
    lines.push(columns.map((c) => tsvField(cellText(c, r))).join('\t'));
  }
  return lines.join('\r\n');
}

/** About 1 MB of UTF-16 text per Blob part: large results never become one giant string. */
export const CSV_CHUNK_CHARS = 1 << 20;

/**
 * The CSV of a table in chunks of roughly `chunkChars` characters, header first, CRLF line
 * ends (RFC 4180 §2.1). Each chunk ends on a line boundary.
 */
export function* csvChunks(table: ColumnarTable, rows: RowSelection = null, chunkChars = CSV_CHUNK_CHARS): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  const total = rowTotal(table, rows);
  // i = -1 is the header line.
  for (let i = -1; i < total; i++) {
    let line = '';
    if (i < 0) line = table.columns.map((c) => csvField(c.name)).join(',');
    else {
      const r = rowAt(rows, i);
      for (let c = 0; c < table.columns.length; c++) {
        if (c > 0) line += ',';
        line += csvField(cellText(table.columns[c]!, r));
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

/** The whole CSV file as a Blob built from chunked parts (UTF-8 with a BOM so Excel reads it as UTF-8). */
export function csvBlob(table: ColumnarTable, rows: RowSelection = null): Blob {
  const parts: BlobPart[] = ['\uFEFF'];
  for (const chunk of csvChunks(table, rows)) parts.push(chunk);
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** Rows beyond this stay out of "Copy results as HTML": mail and chat clients choke on huge tables. */
export const HTML_COPY_MAX_ROWS = 10_000;

export interface ResultsClipboard {
  html: string;
  text: string;
  /** Rows copied; fewer than the table's when it exceeded `maxRows`. */
  rows: number;
}

/** The query, then the result as an HTML table, with a plain-text (TSV) fallback of the same. */
export function resultsAsHtml(query: string, table: ColumnarTable, order: RowSelection = null, maxRows = HTML_COPY_MAX_ROWS): ResultsClipboard {
  const rows = Math.min(rowTotal(table, order), maxRows);
  const head = table.columns.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('');
  const body: string[] = [];
  for (let i = 0; i < rows; i++) {
    const r = rowAt(order, i);
    body.push(`<tr>${table.columns.map((c) => `<td>${escapeHtml(cellText(c, r))}</td>`).join('')}</tr>`);
  }
  const html =
    (query.trim() === '' ? '' : `<pre><code>${escapeHtml(query)}</code></pre>`) +
    `<table border="1" cellspacing="0" cellpadding="3"><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`;
  const tsv = rangeToTsv(table, order, { column: 0, columns: table.columns.length, row: 0, rows }, true);
  const text = query.trim() === '' ? tsv : `${query}\r\n\r\n${tsv}`;
  return { html, text, rows };
}
