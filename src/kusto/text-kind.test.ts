import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyKustoText, isManagementCommand, managementCommandText } from './text-kind';

describe('classifyKustoText', () => {
  it.each([
    ['.show tables', 'command'],
    ['   \n\t.drop table T', 'command'],
    ['// comment\n.show databases', 'command'],
    ['// comment\r\n.show databases', 'command'],
    ['// one\n   // two . dot in a comment\n\n  .create table T (a:int)', 'command'],
    ['StormEvents | take 10', 'query'],
    ['// .drop table T\nStormEvents', 'query'],
    ['print x = ".show"', 'query'],
    ['', 'query'],
    ['// only a comment', 'query'],
    ['/ .show', 'query'],
    ['..', 'query'],
  ] as const)('%j is a %s', (text, kind) => {
    expect(classifyKustoText(text).kind).toBe(kind);
  });

  // Texts that hid a command from a check using JavaScript's \s and "\n ends a comment".
  it.each([
    ['a comment ended by CR alone', '// hi\r.drop table T'],
    ['a comment ended by U+2028', '// hi\u2028.drop table T'],
    ['a comment ended by U+2029', '// hi\u2029.drop table T'],
    ['zero-width space before the dot', '\u200B.drop table T'],
    ['Mongolian vowel separator before the dot', '\u180E.show tables'],
    ['byte order mark before the dot', '\uFEFF.drop table T'],
    ['a client directive line before the dot', '#connect cluster("help")\n.drop table T'],
  ])('sees the command behind %s', (_, text) => {
    expect(classifyKustoText(text).kind).toBe('command');
    expect(isManagementCommand(text)).toBe(true);
  });

  it.each([
    ['a line separator (not Kusto whitespace) before the dot', '\u2028.drop table T'],
    ['a next-line character (whitespace to .NET, not to Kusto.Language)', '\u0085.drop table T'],
    ['a vertical tab', '\u000B.drop table T'],
    ['a zero-width non-joiner', '\u200CStormEvents'],
    ['a right-to-left override', '\u202EStormEvents'],
    ['non-ASCII whitespace before a query', '\u00A0StormEvents'],
    ['a client directive before a query', '#connect cluster("help")\nStormEvents'],
    ['a directive alone', '#crp x=1'],
  ])('is unsure about %s', (_, text) => {
    expect(classifyKustoText(text).kind).toBe('unsure');
    expect(isManagementCommand(text)).toBe(false);
  });

  it('gives the command from its dot on', () => {
    expect(managementCommandText('// why\r\n  .show tables')).toBe('.show tables');
    expect(managementCommandText('\u200B.drop table T')).toBe('.drop table T');
    expect(managementCommandText('StormEvents')).toBeNull();
  });
});

// The reference: Kusto.Language's own KustoCode.GetKind, which the ADX web UI runs (via monaco-kusto).
interface KustoLanguageGlobal {
  Kusto: { Language: { KustoCode: { GetKind(text: string): string } } };
}

function loadKustoLanguage(): KustoLanguageGlobal['Kusto']['Language'] {
  const require = createRequire(import.meta.url);
  require('@kusto/language-service-next/bridge.min.js');
  require('@kusto/language-service-next/Kusto.Language.Bridge.min.js');
  return (globalThis as unknown as KustoLanguageGlobal).Kusto.Language;
}

describe('agreement with Kusto.Language KustoCode.GetKind', () => {
  // Pieces chosen around every rule: comment starts and ends, each kind of line break, Kusto's
  // whitespace and characters that only look like it, directives, dots and ordinary tokens.
  const pieces = [
    '.', '..', '/', '//', '#', '#connect x', ' ', '\t', '\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C',
    '\u00A0', '\u1680', '\u180E', '\u200B', '\u200C', '\u2060', '\u3000', '\uFEFF', 'x', 'show', 'drop table T', '|', '"', "'", '1', 'ä',
  ];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 10 }).map((parts) => parts.join(''));

  it('never calls a Kusto query a command, nor a Kusto command a query', () => {
    const kusto = loadKustoLanguage();
    let sure = 0;
    fc.assert(
      fc.property(texts, (text) => {
        const ours = classifyKustoText(text).kind;
        const theirs = kusto.KustoCode.GetKind(text);
        if (ours !== 'unsure') sure++;
        expect({ text, kind: ours === 'unsure' ? theirs.toLowerCase() : ours }).toEqual({ text, kind: theirs.toLowerCase() });
      }),
      { numRuns: 3000, seed: 7 },
    );
    // Unsure is for the odd text, not a way to agree with everything.
    expect(sure).toBeGreaterThan(1000);
  });
});
