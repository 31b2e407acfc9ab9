/**
 * Regex string functions (Kusto docs "extract()", "extract_all()", "replace_regex()", "trim()",
 * "trim_start()", "trim_end()"). Kusto's regexes are RE2, as DuckDB's are, so a pattern passes
 * through unchanged; it may be any string expression (DuckDB folds a constant one once).
 */
import { unsupportedFunction, unsupportedSyntax } from '../errors';
import type { KNode } from '../kusto-language';
import { duckType, quoteString } from '../kusto-types';
import { fromDynamic, refusalSql, typeOf } from '../values';
import { arg, fn, type FunctionTable, type ScalarContext } from './library';
import { captureGroups, constantString, stringArg } from './text-args';

/** extract(regex, group, s[, typeof(T)]): the group of the first match as T; "" for a string without a match, else null. */
function extract(t: ScalarContext, a: KNode[], c: KNode): string {
  const re = t.translate(arg(a, 0, c));
  const group = `CAST(${t.translate(arg(a, 1, c))} AS INTEGER)`;
  const s = stringArg(t, arg(a, 2, c));
  const value = `regexp_extract(${s}, ${re}, ${group})`;
  const type = typeOf(c);
  if (type === 'string') return `CASE WHEN regexp_matches(${s}, ${re}) THEN ${value} ELSE '' END`;
  return `CASE WHEN regexp_matches(${s}, ${re}) THEN ${converted(value, type)} END`;
}

/** A captured text as a value of Kusto type `type` (null when it does not convert). */
function converted(text: string, type: ReturnType<typeof typeOf>): string {
  switch (type) {
    case 'datetime':
      return `kql_todatetime(${text})`;
    case 'timespan':
      return `kql_totimespan(${text}, ${refusalSql('extract() of a timespan with a 100 ns tick')})`;
    case 'bool':
      return `CASE lower(trim(${text})) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`;
    case 'dynamic':
      return `CASE WHEN json_valid(${text}) THEN CAST(${text} AS JSON) ELSE to_json(${text}) END`;
    default:
      return `TRY_CAST(trim(${text}) AS ${duckType(type)})`;
  }
}

/**
 * extract_all(regex, [groups,] s): every match's capture groups — one group gives an array of
 * strings, several an array of arrays; null without a match. `groups` picks groups by number or
 * name (docs "extract_all()"); the regex must be known at translation (its groups shape the result).
 */
function extractAll(t: ScalarContext, a: KNode[], c: KNode): string {
  const re = constantString(t, arg(a, 0, c), c, 'extract_all() with a regex');
  const groups = captureGroups(re);
  if (groups.length === 0) throw unsupportedFunction('extract_all', c, 'The regex needs between one and 16 capture groups.');
  let picked = groups.map((_, i) => i + 1);
  if (a.length === 3) picked = pickedGroups(t, arg(a, 1, c), groups, c);
  const s = stringArg(t, arg(a, a.length - 1, c));
  const rq = quoteString(re);
  const lists = picked.map((g) => `regexp_extract_all(${s}, ${rq}, ${g})`);
  const value =
    lists.length === 1 ? `to_json(${lists[0]})` : `to_json(list_transform(list_zip(${lists.join(', ')}), __m -> [${picked.map((_, i) => `__m[${i + 1}]`).join(', ')}]))`;
  return `CASE WHEN regexp_matches(${s}, ${rq}) THEN ${value} END`;
}

function pickedGroups(t: ScalarContext, n: KNode, groups: (string | null)[], c: KNode): number[] {
  let items: unknown;
  try {
    items = JSON.parse(constantString(t, n, c, 'extract_all() capture groups'));
  } catch {
    // A dynamic literal translates to CAST('…' AS JSON): read its text.
    const m = /^CAST\('((?:[^']|'')*)' AS JSON\)$/.exec(t.translate(n));
    if (!m?.[1]) throw unsupportedSyntax('extract_all() capture groups that are not a dynamic literal', n);
    items = JSON.parse(m[1].replace(/''/g, "'"));
  }
  if (!Array.isArray(items) || items.length === 0) throw unsupportedFunction('extract_all', c, 'The capture groups must be a non-empty array.');
  return items.map((g) => {
    const i = typeof g === 'number' ? g : groups.indexOf(String(g)) + 1;
    if (!Number.isInteger(i) || i < 1 || i > groups.length) throw unsupportedFunction('extract_all', c, `There is no capture group ${JSON.stringify(g)} in the regex.`);
    return i;
  });
}

/** trim(regex, s) and its one-sided forms: every leading/trailing run of matches removed. */
function trimSides(start: boolean, end: boolean) {
  return (t: ScalarContext, a: KNode[], c: KNode): string => {
    const re = t.translate(arg(a, 0, c));
    let s = stringArg(t, arg(a, 1, c));
    if (start) s = `regexp_replace(${s}, '^(?:' || ${re} || ')+', '')`;
    if (end) s = `regexp_replace(${s}, '(?:' || ${re} || ')+$', '')`;
    return s;
  };
}

export const REGEX_FUNCTIONS: FunctionTable = {
  extract: fn(3, 4, extract),
  extract_all: fn(2, 3, extractAll),
  extractall: fn(2, 3, extractAll),
  // \0 is the whole match and \1… the groups in both Kusto's and RE2's rewrite syntax.
  replace_regex: fn(3, 3, (t, a, c) => `regexp_replace(${stringArg(t, arg(a, 0, c))}, ${t.translate(arg(a, 1, c))}, ${t.translate(arg(a, 2, c))}, 'g')`),
  trim: fn(2, 2, trimSides(true, true)),
  trim_start: fn(2, 2, trimSides(true, false)),
  trim_end: fn(2, 2, trimSides(false, true)),
  extract_json: fn(2, 3, (t, a, c) => {
    const path = constantString(t, arg(a, 0, c), c, 'extract_json() with a path');
    const json = stringArg(t, arg(a, 1, c));
    const v = `json_extract(CASE WHEN json_valid(${json}) THEN ${json} END, ${quoteString(path)})`;
    const type = typeOf(c);
    return type === 'dynamic' ? v : type === 'string' ? `coalesce(${fromDynamic(v, 'string')}, '')` : fromDynamic(v, type);
  }),
};
