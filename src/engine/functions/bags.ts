/**
 * Property-bag functions (Kusto docs "bag_has_key()", "bag_merge()", "bag_set_key()",
 * "bag_zip()", "bag_pack_columns()"). Bags are DuckDB JSON objects, rebuilt from their entries
 * (dynamic-macros.ts) so keys keep their order.
 */
import type { KNode } from '../kusto-language';
import { quoteString } from '../kusto-types';
import { simpleName, toJsonValue, typeOf } from '../values';
import { items, jsonArg } from './arrays';
import { arg, fn, type FunctionTable, type ScalarContext, variadic } from './library';
import { stringArg } from './text-args';

/** A key as a JSONPath: `$…` stays (Kusto accepts a path for nested keys), a plain key is quoted. */
const keyPath = (key: string): string => `CASE WHEN starts_with(${key}, '$') THEN ${key} ELSE '$."' || replace(${key}, '"', '\\"') || '"' END`;

function bagSetKey(t: ScalarContext, a: KNode[], c: KNode): string {
  const bag = t.translate(arg(a, 0, c));
  const key = stringArg(t, arg(a, 1, c));
  const value = jsonArg(t, arg(a, 2, c));
  const entries = `kql_bag_entries(${bag})`;
  // An existing key keeps its place; a new one goes last.
  return `CASE WHEN json_type(${bag}) = 'OBJECT' THEN kql_bag_of(list_concat(list_transform(${entries}, __x -> CASE WHEN __x.k = ${key} THEN {'k': __x.k, 'v': ${value}} ELSE __x END), [{'k': ${key}, 'v': ${value}}])) END`;
}

export const BAG_FUNCTIONS: FunctionTable = {
  bag_has_key: fn(2, 2, (t, a, c) => `coalesce(json_type(${t.translate(arg(a, 0, c))}) = 'OBJECT' AND json_exists(${t.translate(arg(a, 0, c))}, ${keyPath(stringArg(t, arg(a, 1, c)))}), FALSE)`),
  // The first bag that has a key gives its value (the docs' example keeps A1 of the first bag).
  bag_merge: variadic(2, (t, a) => `kql_bag_of(${a.map((x) => `kql_bag_entries(${t.translate(x)})`).reduce((acc, e) => `list_concat(${acc}, ${e})`)})`),
  bag_set_key: fn(3, 3, bagSetKey),
  bag_zip: fn(2, 2, (t, a, c) => {
    const keys = items(t.translate(arg(a, 0, c)));
    const values = items(t.translate(arg(a, 1, c)));
    return `kql_bag_of(list_transform(list_filter(range(1, len(${keys}) + 1), __i -> json_type(${keys}[__i]) = 'VARCHAR'), __i -> {'k': ${keys}[__i] ->> '$', 'v': coalesce(${values}[__i], 'null'::JSON)}))`;
  }),
  bag_pack_columns: variadic(1, (t, a) => `json_object(${a.map((x) => `${quoteString(simpleName(x))}, ${toJsonValue(t.translate(x), typeOf(x))}`).join(', ')})`),
};
