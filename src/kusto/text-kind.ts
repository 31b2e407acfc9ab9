/**
 * Is a text a management command (sent to /v1/rest/mgmt, never run from a link) or a query?
 * One classifier for every place that asks: the run path (which endpoint), the link policy (may a
 * link run it), and the local cluster (dev/cluster/server, which endpoint accepts it).
 *
 * The rule is Kusto's: KustoCode.GetKind in microsoft/Kusto-Query-Language
 * (src/Kusto.Language/KustoCode.cs) skips trivia — Kusto's whitespace and `//` comments up to
 * Kusto's next line break (src/kusto/text-facts.ts) — and `#` client-directive lines; the text is
 * a command when the first token is a single `.`. text-kind.test.ts checks this against
 * @kusto/language-service-next on generated texts.
 *
 * A service or tool whose lexer differs by one character could read such a text the other way, so
 * a text is `unsure` when anything before its first token is not plain ASCII (tab, space, CR, LF,
 * form feed, `//` comments ended by LF or CR LF), when it starts with a client directive, or when
 * its first character is not printable ASCII. A link never runs an unsure text; a text the user
 * runs goes to the query endpoint, which refuses every command but `.show`.
 */
import { isKustoWhitespace, kustoNextLineStart } from './text-facts';

export type KustoTextKind = 'query' | 'command' | 'unsure';

export interface KustoTextClass {
  kind: KustoTextKind;
  /** Offset of the first token (for a command, its `.`); the text's length when there is none. */
  start: number;
}

const PLAIN_TRIVIA: ReadonlySet<number> = new Set([0x09, 0x20, 0x0a, 0x0d, 0x0c]);
const SLASH = 0x2f;
const DOT = 0x2e;
const HASH = 0x23;

function isPrintableAscii(code: number): boolean {
  return code >= 0x21 && code <= 0x7e;
}

/** Whether the line break that ended a comment at `end` (the next line's start) is LF or CR LF. */
function endsWithPlainLineBreak(text: string, end: number): boolean {
  return text.charCodeAt(end - 1) === 0x0a;
}

export function classifyKustoText(text: string): KustoTextClass {
  let pos = 0;
  let plain = true;
  for (;;) {
    // Trivia: whitespace and `//` comments (TokenParser.ScanTrivia).
    while (pos < text.length) {
      const code = text.charCodeAt(pos);
      if (isKustoWhitespace(code)) {
        if (!PLAIN_TRIVIA.has(code)) plain = false;
        pos++;
      } else if (code === SLASH && text.charCodeAt(pos + 1) === SLASH) {
        const next = kustoNextLineStart(text, pos);
        if (next < 0) {
          pos = text.length;
        } else {
          if (!endsWithPlainLineBreak(text, next)) plain = false;
          pos = next;
        }
      } else {
        break;
      }
    }
    if (pos >= text.length) return { kind: plain ? 'query' : 'unsure', start: text.length };
    const code = text.charCodeAt(pos);
    if (code === DOT && text.charCodeAt(pos + 1) !== DOT) return { kind: 'command', start: pos };
    if (code === HASH) {
      // A client directive (`#connect …`) takes the rest of its line; GetKind looks on after it.
      plain = false;
      const next = kustoNextLineStart(text, pos);
      if (next < 0) return { kind: 'unsure', start: pos };
      pos = next;
      continue;
    }
    return { kind: plain && isPrintableAscii(code) ? 'query' : 'unsure', start: pos };
  }
}

/** True for a management command: it goes to /v1/rest/mgmt, and never runs from a link. */
export function isManagementCommand(text: string): boolean {
  return classifyKustoText(text).kind === 'command';
}

/**
 * The command as the service reads it, from its `.` on (leading comments, whitespace and
 * directive lines dropped), or null when the text is not a command.
 */
export function managementCommandText(text: string): string | null {
  const { kind, start } = classifyKustoText(text);
  return kind === 'command' ? text.slice(start) : null;
}
