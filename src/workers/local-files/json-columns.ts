/**
 * JSON (an array of objects, or one object) and JSON Lines (one object a line) into columns. Read
 * in JavaScript, not by DuckDB: the stock DuckDB-wasm build reads JSON only through the json
 * extension, which it would fetch from the network; and a field whose values differ in shape (an
 * array here, an object there) is exactly Kusto's dynamic, which DuckDB's own importer refuses.
 */
import type { JsColumn } from './js-columns';
import { LocalFileError } from './load-error';
import { errorText } from '../../lib/error-text';

/** UTF-8 text of the file, or an encoding error naming the first line that is not UTF-8. */
export function decodeUtf8(fileName: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const line = lineAt(lenient, lenient.indexOf('\uFFFD'));
    throw new LocalFileError('encoding', `${fileName}: line ${line} is not UTF-8 text; save the file as UTF-8 and open it again.`, line);
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Rows of a JSON document: an array of objects, or a single object as one row. */
export function jsonRows(fileName: string, text: string): Record<string, unknown>[] {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) {
    throw new LocalFileError('wrong-content', `${fileName} is not JSON: it starts with neither [ nor { (is it CSV?).`, 1);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw parseError(fileName, text, error, 0);
  }
  const rows = Array.isArray(parsed) ? parsed : [parsed];
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new LocalFileError('unreadable', `${fileName}: item ${i + 1} of the array is not an object, so it cannot be a row.`);
    }
  });
  return rows as Record<string, unknown>[];
}

/** Rows of JSON Lines: one object a line, blank lines skipped. */
export function jsonLinesRows(fileName: string, text: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    const source = text.slice(start, end).trim();
    start = end + 1;
    if (source === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(source);
    } catch {
      const hint = line === 1 && !source.startsWith('{') ? ' (is it CSV?)' : '';
      throw new LocalFileError(line === 1 ? 'wrong-content' : 'unreadable', `${fileName}: line ${line} is not a JSON object${hint}.`, line);
    }
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      throw new LocalFileError('unreadable', `${fileName}: line ${line} is not a JSON object, so it cannot be a row.`, line);
    }
    rows.push(row as Record<string, unknown>);
  }
  return rows;
}

function parseError(fileName: string, text: string, error: unknown, base: number): LocalFileError {
  const message = errorText(error);
  const position = /position (\d+)/.exec(message)?.[1];
  const lineMatch = /line (\d+)/.exec(message)?.[1];
  const line = lineMatch ? Number(lineMatch) : position !== undefined ? lineAt(text, base + Number(position)) : null;
  return new LocalFileError('unreadable', `${fileName} is not valid JSON${line ? ` (line ${line})` : ''}: ${message}`, line);
}

/** Columns in order of first appearance; a row without a field has null there. */
export function rowsToColumns(rows: readonly Record<string, unknown>[]): JsColumn[] {
  const columns = new Map<string, unknown[]>();
  rows.forEach((row, r) => {
    for (const key of Object.keys(row)) {
      let values = columns.get(key);
      if (!values) {
        values = new Array<unknown>(rows.length).fill(null);
        columns.set(key, values);
      }
      values[r] = row[key];
    }
  });
  return [...columns].map(([name, values]) => ({ name, values }));
}
