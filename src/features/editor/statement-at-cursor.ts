/**
 * "Run the statement at the cursor", the way the ADX web UI decides it (Shift+Enter).
 *
 * The web UI splits the editor text into blocks with Kusto.Language's `CodeScript` and runs
 * `GetBlockAtPosition(cursor)`. Its rule, checked against @kusto/language-service-next:
 * a block runs up to and including the FIRST blank line after it (a line that holds only
 * whitespace); every further blank line is a block of its own, holding nothing to run.
 * So a cursor on the blank line right under a statement still runs that statement, while a
 * cursor two blank lines below runs nothing. monaco-kusto's current-command highlight
 * (`getCurrentCommandRange`) follows the same rule.
 *
 * Pure on purpose: Shift+Enter must work before the language worker and the schema arrive.
 */

import { isKustoWhitespace } from '../../kusto/text-facts';

export interface Statement {
  /** The statement without its trailing blank lines and whitespace; '' when there is nothing to run. */
  text: string;
  /** Offsets into the document: `document.slice(start, end) === text`. */
  start: number;
  end: number;
}

export interface TextSelection {
  /** Offsets into the document; `anchor` may be after `active` for a backwards selection. */
  anchor: number;
  active: number;
}

// Only CR, LF and CRLF end a line, as in Monaco's model. Kusto.Language is not consistent about
// U+2028/U+2029 (a blank-line test counts them, the line splitter does not), and Monaco shows
// them inside a line and offers to remove them, so they are ordinary characters here.
function isLineBreakStart(code: number): boolean {
  return code === 0x0d || code === 0x0a;
}

// Kusto's whitespace (src/kusto/text-facts.ts, shared with the command classifier) minus the
// line breaks this splitter counts.
function isInlineWhitespace(code: number): boolean {
  return isKustoWhitespace(code) && !isLineBreakStart(code);
}

interface Line {
  start: number;
  /** Offset just past the line break (or the end of the text for the last line). */
  next: number;
  blank: boolean;
}

function lineBreakLength(text: string, pos: number): number {
  if (text.charCodeAt(pos) === 0x0d && text.charCodeAt(pos + 1) === 0x0a) return 2;
  return 1;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let blank = true;
  let pos = 0;
  while (pos < text.length) {
    const code = text.charCodeAt(pos);
    if (isLineBreakStart(code)) {
      const next = pos + lineBreakLength(text, pos);
      lines.push({ start, next, blank });
      start = next;
      blank = true;
      pos = next;
      continue;
    }
    if (!isInlineWhitespace(code)) blank = false;
    pos += 1;
  }
  // The text after the last line break is a line too, even when empty: a cursor can sit on it.
  lines.push({ start, next: text.length, blank });
  return lines;
}

interface Block {
  start: number;
  end: number;
}

function blocksOf(lines: readonly Line[]): Block[] {
  const blocks: Block[] = [];
  let blockStart: number | null = null;
  for (const line of lines) {
    blockStart ??= line.start;
    if (line.blank) {
      blocks.push({ start: blockStart, end: line.next });
      blockStart = null;
    }
  }
  if (blockStart !== null) {
    const last = lines[lines.length - 1];
    blocks.push({ start: blockStart, end: last ? last.next : blockStart });
  }
  return blocks;
}

function trimmedEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start) {
    const code = text.charCodeAt(e - 1);
    if (!isLineBreakStart(code) && !isInlineWhitespace(code)) break;
    e -= 1;
  }
  return e;
}

function clamp(offset: number, length: number): number {
  if (!Number.isFinite(offset)) return 0;
  return Math.min(Math.max(Math.trunc(offset), 0), length);
}

/** The statement the ADX web UI would run for a cursor at `offset` (0-based UTF-16 offset). */
export function statementAtCursor(text: string, offset: number): Statement {
  const cursor = clamp(offset, text.length);
  const blocks = blocksOf(splitLines(text));
  // A block owns [start, end); a cursor at the very end of the text belongs to the last block.
  const block =
    blocks.find((b) => cursor >= b.start && cursor < b.end) ?? blocks[blocks.length - 1] ?? { start: 0, end: 0 };
  const end = trimmedEnd(text, block.start, block.end);
  if (end === block.start) return { text: '', start: cursor, end: cursor };
  return { text: text.slice(block.start, end), start: block.start, end };
}

/**
 * What Shift+Enter runs: the selected text when the selection holds anything but whitespace,
 * otherwise the statement at the cursor (the selection's active end).
 */
export function selectionOrStatement(text: string, selection: TextSelection): Statement {
  const anchor = clamp(selection.anchor, text.length);
  const active = clamp(selection.active, text.length);
  const start = Math.min(anchor, active);
  const end = Math.max(anchor, active);
  const selected = text.slice(start, end);
  if (selected.trim() !== '') return { text: selected, start, end };
  return statementAtCursor(text, active);
}

/**
 * Maps a 1-based line/column that the service reported for a statement to the document that
 * holds it: the query sent is only the statement, so its line 1 is the statement's first line.
 */
export function statementToDocumentPosition(
  text: string,
  statementStart: number,
  position: { line: number; column: number },
): { line: number; column: number } {
  const lines = splitLines(text);
  const start = clamp(statementStart, text.length);
  let firstLine = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line && start >= line.start && (start < line.next || i === lines.length - 1)) {
      firstLine = i;
      break;
    }
  }
  const startColumn = start - (lines[firstLine]?.start ?? 0) + 1;
  const line = firstLine + position.line;
  const column = position.line === 1 ? startColumn + position.column - 1 : position.column;
  return { line, column };
}
