/**
 * Kusto's own character rules, as Kusto.Language (Microsoft's parser, the one behind the ADX web
 * UI and monaco-kusto) applies them: src/Kusto.Language/Parser/TextFacts.cs (IsWhitespace,
 * IsLineBreakStart, GetLineBreakLength) in microsoft/Kusto-Query-Language, checked against
 * @kusto/language-service-next by src/kusto/text-kind.test.ts. JavaScript's `\s` is not the
 * same set: it lacks U+180E and U+200B, which Kusto skips as whitespace, and has U+2028/U+2029
 * and U+000B, which Kusto does not.
 */

/** TextFacts.IsWhitespace: what the lexer skips between tokens (line breaks included). */
const WHITESPACE: ReadonlySet<number> = new Set([
  0x09, 0x20, 0x0d, 0x0a, 0x0c, 0xa0, 0x1680, 0x180e, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x200b, 0x202f, 0x205f, 0x3000, 0xfeff,
]);

export function isKustoWhitespace(code: number): boolean {
  return WHITESPACE.has(code);
}

/** TextFacts.IsLineBreakStart: what ends a `//` comment and a directive line. */
export function isKustoLineBreakStart(code: number): boolean {
  return code === 0x0d || code === 0x0a || code === 0x2028 || code === 0x2029;
}

/** TextFacts.GetLineBreakLength: 2 for CR LF, 1 for any other line break, 0 when `pos` holds none. */
export function kustoLineBreakLength(text: string, pos: number): number {
  const code = text.charCodeAt(pos);
  if (code === 0x0d && text.charCodeAt(pos + 1) === 0x0a) return 2;
  return isKustoLineBreakStart(code) ? 1 : 0;
}

/** TextFacts.GetNextLineStart: the offset after the next line break at or after `pos`, or -1. */
export function kustoNextLineStart(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    const length = kustoLineBreakLength(text, i);
    if (length > 0) return i + length;
  }
  return -1;
}
