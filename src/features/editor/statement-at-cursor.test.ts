// @vitest-environment node
/// <reference types="node" />
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { selectionOrStatement, statementAtCursor, statementToDocumentPosition } from './statement-at-cursor';

/** Puts the cursor where `‸` is and removes the caret. */
function at(marked: string): [string, number] {
  const offset = marked.indexOf('‸');
  if (offset < 0) throw new Error('no cursor marker');
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

function run(marked: string): string {
  const [text, offset] = at(marked);
  return statementAtCursor(text, offset).text;
}

describe('statementAtCursor', () => {
  it('runs the whole text when there is one statement, wherever the cursor is', () => {
    const text = 'StormEvents\n| where State == "TEXAS"\n| count';
    for (let offset = 0; offset <= text.length; offset += 1) {
      expect(statementAtCursor(text, offset)).toEqual({ text, start: 0, end: text.length });
    }
  });

  it('runs only the statement the cursor is in', () => {
    expect(run('StormEvents | count\n\nStorm‸Events | take 5')).toBe('StormEvents | take 5');
    expect(run('Storm‸Events | count\n\nStormEvents | take 5')).toBe('StormEvents | count');
    expect(run('‸A\n\nB')).toBe('A');
    expect(run('A\n\n‸B')).toBe('B');
    expect(run('A\n\nB‸')).toBe('B');
  });

  it('runs the statement above from the first blank line under it', () => {
    expect(run('A\n| take 1\n‸\nB')).toBe('A\n| take 1');
  });

  it('runs nothing from a second blank line, as Kusto.Language gives it an empty block', () => {
    expect(run('A\n\n‸\nB')).toBe('');
    expect(run('A\n\n\n‸')).toBe('');
  });

  it('counts lines holding only spaces, tabs or NBSP as blank', () => {
    expect(run('A\n \t\u00a0\nB‸')).toBe('B');
    expect(run('A‸\n  \nB')).toBe('A');
  });

  it('does not count a comment line as blank', () => {
    expect(run('A\n// note\nB‸')).toBe('A\n// note\nB');
  });

  it('handles CRLF and lone CR line breaks', () => {
    expect(run('A\r\n\r\nB‸\r\nC')).toBe('B\r\nC');
    expect(run('A\r\rB‸')).toBe('B');
  });

  it('skips leading blank lines: each is an empty block', () => {
    expect(run('‸\n\nA')).toBe('');
    expect(run('\n\n‸A')).toBe('A');
  });

  it('gives offsets that slice the statement out of the document, without trailing whitespace', () => {
    const text = 'A | take 1  \n\nStormEvents\n| count   \n\n\n';
    const statement = statementAtCursor(text, text.indexOf('count'));
    expect(statement.text).toBe('StormEvents\n| count');
    expect(text.slice(statement.start, statement.end)).toBe(statement.text);
    expect(statementAtCursor(text, 1)).toEqual({ text: 'A | take 1', start: 0, end: 10 });
  });

  it('returns an empty statement at the cursor for empty or blank text', () => {
    expect(statementAtCursor('', 0)).toEqual({ text: '', start: 0, end: 0 });
    expect(statementAtCursor('  \n ', 3)).toEqual({ text: '', start: 3, end: 3 });
  });

  it('clamps offsets outside the text', () => {
    expect(statementAtCursor('A\n\nB', 99).text).toBe('B');
    expect(statementAtCursor('A\n\nB', -5).text).toBe('A');
    expect(statementAtCursor('A\n\nB', Number.NaN).text).toBe('A');
  });
});

describe('selectionOrStatement', () => {
  const text = 'StormEvents | count\n\nStormEvents\n| take 5';

  it('runs the selection when there is one', () => {
    const start = text.indexOf('StormEvents\n');
    const end = start + 'StormEvents'.length;
    expect(selectionOrStatement(text, { anchor: start, active: end })).toEqual({ text: 'StormEvents', start, end });
  });

  it('accepts a backwards selection', () => {
    expect(selectionOrStatement(text, { anchor: 11, active: 0 })).toEqual({ text: 'StormEvents', start: 0, end: 11 });
  });

  it('may span statements: the selection is what the user asked for', () => {
    expect(selectionOrStatement(text, { anchor: 12, active: 25 }).text).toBe('| count\n\nStor');
  });

  it('falls back to the statement at the cursor for an empty or whitespace-only selection', () => {
    expect(selectionOrStatement(text, { anchor: 3, active: 3 }).text).toBe('StormEvents | count');
    const blank = text.indexOf('\n\n');
    expect(selectionOrStatement(text, { anchor: blank, active: text.length }).text).not.toBe('');
    expect(selectionOrStatement('A\n\n\n\nB', { anchor: 2, active: 4 }).text).toBe('');
  });
});

describe('statementToDocumentPosition', () => {
  const text = 'A | take 1\n\n  StormEvents\n| where x == 1';
  const start = text.indexOf('StormEvents');

  it('shifts the first line by the statement start column', () => {
    expect(statementToDocumentPosition(text, start, { line: 1, column: 1 })).toEqual({ line: 3, column: 3 });
    expect(statementToDocumentPosition(text, start, { line: 1, column: 6 })).toEqual({ line: 3, column: 8 });
  });

  it('keeps columns of later lines', () => {
    expect(statementToDocumentPosition(text, start, { line: 2, column: 9 })).toEqual({ line: 4, column: 9 });
  });

  it('is the identity for a statement at the top', () => {
    expect(statementToDocumentPosition(text, 0, { line: 1, column: 5 })).toEqual({ line: 1, column: 5 });
  });
});

// The reference: Kusto.Language's own block splitter, which the ADX web UI runs (via monaco-kusto).
interface KustoCodeBlock {
  Start: number;
  End: number;
  Text: string;
}
interface KustoCodeScript {
  GetBlockAtPosition(position: number): KustoCodeBlock | null;
}
interface KustoLanguageGlobal {
  Kusto: {
    Language: {
      GlobalState: { Default: unknown };
      Editor: { CodeScript: { From$1(text: string, globals: unknown): KustoCodeScript } };
    };
  };
}

function loadKustoLanguage(): KustoLanguageGlobal['Kusto']['Language'] {
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  return (globalThis as unknown as KustoLanguageGlobal).Kusto.Language;
}

function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('agreement with Kusto.Language CodeScript.GetBlockAtPosition', () => {
  it('picks the same statement for every cursor position of 300 generated scripts', () => {
    const kusto = loadKustoLanguage();
    const pieces = ['T', '| take 1', ' ', '\t', '\n', '\n', '\n', '\r\n', '\r', '  \n', '\u00a0', '// c'];
    const random = seededRandom(42);
    let compared = 0;
    for (let n = 0; n < 300; n += 1) {
      let text = '';
      const length = Math.floor(random() * 12);
      for (let i = 0; i < length; i += 1) text += pieces[Math.floor(random() * pieces.length)] ?? '';
      const script = kusto.Editor.CodeScript.From$1(text, kusto.GlobalState.Default);
      for (let offset = 0; offset <= text.length; offset += 1) {
        const block = script.GetBlockAtPosition(offset);
        const expected = (block?.Text ?? '').replace(/\s+$/u, '');
        const actual = statementAtCursor(text, offset);
        expect({ text, offset, statement: actual.text }).toEqual({ text, offset, statement: expected });
        if (expected !== '') expect(actual.start).toBe(block?.Start);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
