import type { EditorMarker } from './types';

export interface MarkerRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

const WORD = /[\w$]/u;

/**
 * The range to underline for a diagnostic the service reported as a point (line, column), clamped
 * to the text: the service's positions refer to the text it ran, which may have been edited since.
 */
export function markerRange(marker: EditorMarker, lines: readonly string[]): MarkerRange {
  const lineCount = Math.max(lines.length, 1);
  const line = Math.min(Math.max(Math.trunc(marker.line), 1), lineCount);
  const lineText = lines[line - 1] ?? '';
  const column = Math.min(Math.max(Math.trunc(marker.column), 1), lineText.length + 1);
  let endColumn: number;
  if (marker.length !== undefined && marker.length > 0) {
    endColumn = Math.min(column + Math.trunc(marker.length), lineText.length + 1);
  } else {
    let end = column - 1;
    while (end < lineText.length && WORD.test(lineText.charAt(end))) end += 1;
    endColumn = end + 1;
  }
  // Monaco draws nothing for an empty range; underline one character (or the line end) instead.
  if (endColumn <= column) endColumn = Math.min(column + 1, lineText.length + 1);
  if (endColumn <= column) return { startLineNumber: line, startColumn: Math.max(column - 1, 1), endLineNumber: line, endColumn: column };
  return { startLineNumber: line, startColumn: column, endLineNumber: line, endColumn };
}

/** Hover text for a service message: monaco renders hover messages as Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
