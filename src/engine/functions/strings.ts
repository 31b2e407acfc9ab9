/** String functions (Kusto docs "String functions"). */
import type { KNode } from '../kusto-language';
import { quoteString } from '../kusto-types';
import { call } from '../sql';
import { toKustoString, typeOf } from '../values';
import { arg, fn, type FunctionTable, type ScalarContext, sqlFunction, variadic } from './library';

function substring(t: ScalarContext, a: KNode[], c: KNode): string {
  const s = t.translate(arg(a, 0, c));
  const start = `greatest(${t.translate(arg(a, 1, c))}, 0) + 1`;
  return a[2] ? `substr(${s}, ${start}, greatest(${t.translate(a[2])}, 0))` : `substr(${s}, ${start})`;
}

export const STRING_FUNCTIONS: FunctionTable = {
  strlen: fn(1, 1, (t, a, c) => `CAST(length(${t.translate(arg(a, 0, c))}) AS BIGINT)`),
  tolower: sqlFunction('lower', 1),
  toupper: sqlFunction('upper', 1),
  substring: fn(2, 3, substring),
  strcat: variadic(1, (t, a) => call('concat', ...a.map((x) => `coalesce(${toKustoString(t.translate(x), typeOf(x))}, '')`))),
  split: fn(2, 2, (t, a, c) => `to_json(string_split(${t.translate(arg(a, 0, c))}, ${t.translate(arg(a, 1, c))}))`),
  replace_string: sqlFunction('replace', 3),
  trim: fn(2, 2, (t, a, c) => {
    const re = t.literalString(a[0], c);
    const s = t.translate(arg(a, 1, c));
    return `regexp_replace(regexp_replace(${s}, ${quoteString(`^(?:${re})+`)}, ''), ${quoteString(`(?:${re})+$`)}, '')`;
  }),
  extract: fn(3, 3, (t, a, c) => {
    const re = t.literalString(a[0], c);
    const group = `CAST(${t.translate(arg(a, 1, c))} AS INTEGER)`;
    const s = t.translate(arg(a, 2, c));
    return `CASE WHEN regexp_matches(${s}, ${quoteString(re)}) THEN regexp_extract(${s}, ${quoteString(re)}, ${group}) ELSE '' END`;
  }),
  indexof: fn(2, 2, (t, a, c) => `CAST(instr(${t.translate(arg(a, 0, c))}, ${t.translate(arg(a, 1, c))}) - 1 AS BIGINT)`),
};
