/**
 * Helpers the string, regex and dynamic families share: an argument as Kusto's tostring() of it
 * (functions that "forcibly cast" their input), and arguments whose value must be known when the
 * query is translated (a regex whose capture groups decide the result's shape, a kind).
 */
import { unsupportedSyntax } from '../errors';
import type { KNode } from '../kusto-language';
import { toKustoString, typeOf } from '../values';
import type { ScalarContext } from './library';

/** The argument as a string, as tostring() writes it. */
export function stringArg(t: ScalarContext, n: KNode): string {
  return toKustoString(t.translate(n), typeOf(n));
}

/** SQL of a single-quoted string literal → its value; null for any other SQL. */
export function sqlStringValue(sql: string): string | null {
  const s = sql.trim();
  return /^'(?:[^']|'')*'$/.test(s) ? s.slice(1, -1).replace(/''/g, "'") : null;
}

/**
 * The value of a string argument known at translation: a literal, or a let-bound or parameter
 * value that translated to a literal (`let re = @"\d+"; … extract_all(re, s)`).
 */
export function constantString(t: ScalarContext, n: KNode, at: KNode, what: string): string {
  try {
    return t.literalString(n, at);
  } catch {
    const v = sqlStringValue(t.translate(n));
    if (v === null) throw unsupportedSyntax(`${what} that is not a constant`, n);
    return v;
  }
}

/** Capture groups of an RE2 regex, in order: their names (null when unnamed). */
export function captureGroups(re: string): (string | null)[] {
  const groups: (string | null)[] = [];
  let inClass = false;
  for (let i = 0; i < re.length; i++) {
    const ch = re[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      // `[]…]` and `[^]…]`: a leading ']' is a member, not the end.
      if (re[i + 1] === '^') i++;
      if (re[i + 1] === ']') i++;
      continue;
    }
    if (ch !== '(') continue;
    if (re[i + 1] !== '?') {
      groups.push(null);
      continue;
    }
    const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(re.slice(i));
    if (named) groups.push(named[1] ?? null);
  }
  return groups;
}
