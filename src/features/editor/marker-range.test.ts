import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markerRange } from './marker-range';

const lines = ['StormEvents', '| where Stat == 1', ''];

describe('markerRange', () => {
  it('underlines the word at the reported position', () => {
    expect(markerRange({ line: 2, column: 9, message: 'x' }, lines)).toEqual({
      startLineNumber: 2,
      startColumn: 9,
      endLineNumber: 2,
      endColumn: 13,
    });
  });

  it('uses the reported length when there is one, clamped to the line', () => {
    expect(markerRange({ line: 1, column: 1, length: 5, message: 'x' }, lines).endColumn).toBe(6);
    expect(markerRange({ line: 1, column: 8, length: 50, message: 'x' }, lines).endColumn).toBe(12);
  });

  it('underlines one character where no word starts', () => {
    expect(markerRange({ line: 2, column: 1, message: 'x' }, lines)).toMatchObject({ startColumn: 1, endColumn: 2 });
  });

  it('clamps positions from text that has since been edited', () => {
    expect(markerRange({ line: 9, column: 40, message: 'x' }, lines)).toEqual({
      startLineNumber: 3,
      startColumn: 1,
      endLineNumber: 3,
      endColumn: 1,
    });
    expect(markerRange({ line: 0, column: 0, message: 'x' }, lines)).toMatchObject({ startLineNumber: 1, startColumn: 1 });
  });
});

describe('escapeMarkdown', () => {
  it('keeps identifiers with underscores and brackets literal', () => {
    expect(escapeMarkdown("Failed to resolve 'Storm_Events' [line:1]")).toBe("Failed to resolve 'Storm\\_Events' \\[line:1\\]");
  });
});
