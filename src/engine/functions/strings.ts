/** String functions (Kusto docs "String functions"; regexes in regex.ts, encodings in encoding.ts). */
import type { KNode } from '../kusto-language';
import { call } from '../sql';
import { arg, fn, type FunctionTable, type ScalarContext, variadic } from './library';
import { constantString, stringArg } from './text-args';

/** substring(s, start[, length]): a negative start counts from the end (docs "substring()"). */
function substring(t: ScalarContext, a: KNode[], c: KNode): string {
  const s = stringArg(t, arg(a, 0, c));
  const start = t.translate(arg(a, 1, c));
  const from = `CASE WHEN ${start} < 0 THEN greatest(length(${s}) + ${start}, 0) ELSE ${start} END + 1`;
  return a[2] ? `substr(${s}, ${from}, greatest(${t.translate(a[2])}, 0))` : `substr(${s}, ${from})`;
}

/**
 * indexof(s, match[, start[, length[, occurrence]]]) (docs "indexof()"): both strings forcibly
 * cast; a negative start counts from the end; -1 when not found; null for a start still below 0,
 * a length below -1 or an occurrence below 1. Each further occurrence is searched from one past
 * the previous one within `length` characters, as the docs' examples answer (idx8, idx9).
 */
function indexOf(t: ScalarContext, a: KNode[], c: KNode): string {
  const s = stringArg(t, arg(a, 0, c));
  const m = stringArg(t, arg(a, 1, c));
  if (a.length === 2) return `CAST(instr(${s}, ${m}) - 1 AS BIGINT)`;
  const start = t.translate(arg(a, 2, c));
  const length = a[3] ? t.translate(a[3]) : '-1';
  const occurrence = a[4] ? t.translate(a[4]) : '1';
  return `kql_indexof(${s}, ${m}, ${start}, ${length}, ${occurrence})`;
}

/** countof(s, search[, kind]): plain matches may overlap, regex matches don't (docs "countof()"). */
function countOf(t: ScalarContext, a: KNode[], c: KNode): string {
  const s = stringArg(t, arg(a, 0, c));
  const search = t.translate(arg(a, 1, c));
  const kind = a[2] ? constantString(t, a[2], c, 'countof() with a kind').toLowerCase() : 'normal';
  if (kind === 'regex') return `CAST(len(regexp_extract_all(${s}, ${search})) AS BIGINT)`;
  return `kql_countof(${s}, ${search})`;
}

/** translate(searchList, replacementList, s): characters past the replacement list's end take its last one; an empty list deletes (docs "translate()"). */
function translateChars(t: ScalarContext, a: KNode[], c: KNode): string {
  const search = t.translate(arg(a, 0, c));
  const replacement = t.translate(arg(a, 1, c));
  const s = stringArg(t, arg(a, 2, c));
  return `translate(${s}, ${search}, CASE WHEN ${replacement} = '' THEN '' ELSE rpad(${replacement}, CAST(length(${search}) AS INTEGER), right(${replacement}, 1)) END)`;
}

/** split(s, delimiter[, index]): a string array; with an index, the array of that one part, or [] (docs "split()"). */
function split(t: ScalarContext, a: KNode[], c: KNode): string {
  const parts = `string_split(${stringArg(t, arg(a, 0, c))}, ${t.translate(arg(a, 1, c))})`;
  if (!a[2]) return `to_json(${parts})`;
  const i = t.translate(a[2]);
  return `to_json(CASE WHEN ${i} < 0 THEN []::VARCHAR[] ELSE list_slice(${parts}, ${i} + 1, ${i} + 1) END)`;
}

/** A dynamic array's elements as text (tostring() of each; a null element as ""). */
export const textElements = (array: string): string => `list_transform(json_extract(${array}, '$[*]'), __e -> coalesce(__e ->> '$', ''))`;

export const STRING_FUNCTIONS: FunctionTable = {
  strlen: fn(1, 1, (t, a, c) => `CAST(length(${stringArg(t, arg(a, 0, c))}) AS BIGINT)`),
  tolower: fn(1, 1, (t, a, c) => call('lower', stringArg(t, arg(a, 0, c)))),
  toupper: fn(1, 1, (t, a, c) => call('upper', stringArg(t, arg(a, 0, c)))),
  reverse: fn(1, 1, (t, a, c) => call('reverse', stringArg(t, arg(a, 0, c)))),
  substring: fn(2, 3, substring),
  strcat: variadic(1, (t, a) => call('concat', ...a.map((x) => `coalesce(${stringArg(t, x)}, '')`))),
  strcat_delim: variadic(3, (t, a, c) => call('concat_ws', t.translate(arg(a, 0, c)), ...a.slice(1).map((x) => `coalesce(${stringArg(t, x)}, '')`))),
  strcat_array: fn(2, 2, (t, a, c) => `array_to_string(${textElements(t.translate(arg(a, 0, c)))}, ${t.translate(arg(a, 1, c))})`),
  strcmp: fn(2, 2, (t, a, c) => {
    const [l, r] = [stringArg(t, arg(a, 0, c)), stringArg(t, arg(a, 1, c))];
    return `CASE WHEN ${l} < ${r} THEN -1 WHEN ${l} > ${r} THEN 1 WHEN ${l} = ${r} THEN 0 END`;
  }),
  strrep: fn(2, 3, (t, a, c) => {
    const s = stringArg(t, arg(a, 0, c));
    const n = t.translate(arg(a, 1, c));
    if (!a[2]) return `repeat(${s}, CAST(${n} AS BIGINT))`;
    return `array_to_string(list_transform(range(CAST(${n} AS BIGINT)), __i -> ${s}), ${stringArg(t, a[2])})`;
  }),
  split: fn(2, 3, split),
  replace_string: fn(3, 3, (t, a, c) => call('replace', stringArg(t, arg(a, 0, c)), t.translate(arg(a, 1, c)), t.translate(arg(a, 2, c)))),
  translate: fn(3, 3, translateChars),
  indexof: fn(2, 5, indexOf),
  countof: fn(2, 3, countOf),
};
