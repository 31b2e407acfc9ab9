/**
 * Dynamic array functions (Kusto docs "Dynamic/array functions": array_*, set_*, zip, repeat,
 * jaccard_index). Arrays are DuckDB JSON; their elements a LIST(JSON), compared by their JSON text
 * (so 1 and "1" differ, as in Kusto).
 */
import type { KNode } from '../kusto-language';
import { toJsonValue, typeOf } from '../values';
import { arg, fn, type FunctionTable, type ScalarContext, variadic } from './library';

/** The elements of a dynamic array (NULL when it is not an array). */
export const items = (array: string): string => `CASE WHEN json_type(${array}) = 'ARRAY' THEN json_extract(${array}, '$[*]') END`;

/** A scalar or dynamic argument as one JSON value (an element to look up or to place). */
export function jsonArg(t: ScalarContext, n: KNode): string {
  const type = typeOf(n);
  return type === 'dynamic' ? t.translate(n) : `to_json(${toJsonValue(t.translate(n), type)})`;
}

const arrayItems = (t: ScalarContext, n: KNode): string => items(t.translate(n));

/** Every argument an array, or null (Kusto returns null for a non-array argument). */
function overArrays(t: ScalarContext, a: KNode[], body: (lists: string[]) => string): string {
  const arrays = a.map((x) => t.translate(x));
  return `CASE WHEN ${arrays.map((x) => `json_type(${x}) = 'ARRAY'`).join(' AND ')} THEN ${body(arrays.map((x) => `json_extract(${x}, '$[*]')`))} END`;
}

const concatAll = (lists: string[]): string => lists.reduce((acc, l) => `list_concat(${acc}, ${l})`);

/** array_sort_asc/desc of the first array: the 1-based order of its elements, other arrays following it. */
function sortOrder(t: ScalarContext, a: KNode[], c: KNode, direction: 'asc' | 'desc'): { order: string; arrays: KNode[] } {
  const last = a.at(-1);
  const nullsLast = a.length > 1 && last && typeOf(last) === 'bool' ? t.translate(last) : 'TRUE';
  const arrays = a.length > 1 && last && typeOf(last) === 'bool' ? a.slice(0, -1) : a;
  const first = arrayItems(t, arg(arrays, 0, c));
  return { order: `kql_sort_order_${direction}(${first}, ${nullsLast})`, arrays };
}

/** array_sort_asc(a1[, …, aN][, nulls_last]) as one value: a1 sorted, or the array of every sorted array (so `[1]` picks the second). */
function sortSql(direction: 'asc' | 'desc') {
  return (t: ScalarContext, a: KNode[], c: KNode): string => {
    const parts = sortedArrays(t, a, c, direction);
    return parts.length === 1 ? (parts[0] ?? 'NULL') : `json_array(${parts.join(', ')})`;
  };
}

export function sortedArrays(t: ScalarContext, a: KNode[], c: KNode, direction: 'asc' | 'desc'): string[] {
  const { order, arrays } = sortOrder(t, a, c, direction);
  const first = arrayItems(t, arg(arrays, 0, c));
  return arrays.map((x) => {
    const l = arrayItems(t, x);
    return `CASE WHEN len(${l}) = len(${first}) THEN to_json(list_transform(${order}, __i -> ${l}[__i])) END`;
  });
}

/** array_shift_left(a, n[, fill]): element i is a[i + n], or fill (null) past either end. */
function shiftLeft(sign: 1 | -1) {
  return (t: ScalarContext, a: KNode[], c: KNode): string => {
    const l = arrayItems(t, arg(a, 0, c));
    const n = `(${sign === 1 ? '' : '-'}CAST(${t.translate(arg(a, 1, c))} AS BIGINT))`;
    const fill = a[2] ? jsonArg(t, a[2]) : `'null'::JSON`;
    return `to_json(list_transform(range(len(${l})), __i -> CASE WHEN __i + ${n} >= 0 AND __i + ${n} < len(${l}) THEN ${l}[__i + ${n} + 1] ELSE ${fill} END))`;
  };
}

function rotateLeft(sign: 1 | -1) {
  return (t: ScalarContext, a: KNode[], c: KNode): string => {
    const l = arrayItems(t, arg(a, 0, c));
    return `kql_rotate_left(${l}, ${sign === 1 ? '' : '-'}CAST(${t.translate(arg(a, 1, c))} AS BIGINT))`;
  };
}

/** array_split(a, i | [i1, …]): the parts [0..i1), [i1..i2), … (negative indices from the end). */
function arraySplit(t: ScalarContext, a: KNode[], c: KNode): string {
  const l = arrayItems(t, arg(a, 0, c));
  const at = arg(a, 1, c);
  const indices = typeOf(at) === 'dynamic' ? `list_transform(${arrayItems(t, at)}, __x -> CAST(__x AS BIGINT))` : `[CAST(${t.translate(at)} AS BIGINT)]`;
  return `kql_array_split(${l}, ${indices})`;
}

/** array_iff(conditions, whenTrue, whenFalse): element-wise; a scalar branch is used for every element. */
function arrayIff(t: ScalarContext, a: KNode[], c: KNode): string {
  const conditions = arrayItems(t, arg(a, 0, c));
  const branch = (n: KNode) => (typeOf(n) === 'dynamic' ? `${arrayItems(t, n)}[__i]` : `to_json(${toJsonValue(t.translate(n), typeOf(n))})`);
  const whenTrue = branch(arg(a, 1, c));
  const whenFalse = branch(arg(a, 2, c));
  return `to_json(list_transform(range(1, len(${conditions}) + 1), __i -> CASE TRY_CAST(${conditions}[__i] ->> '$' AS BOOLEAN) WHEN TRUE THEN coalesce(${whenTrue}, 'null'::JSON) WHEN FALSE THEN coalesce(${whenFalse}, 'null'::JSON) ELSE 'null'::JSON END))`;
}

/** array_index_of(a, v[, start[, length[, occurrence]]]): the same search as indexof() (string-macros.ts), over elements. */
function arrayIndexOf(t: ScalarContext, a: KNode[], c: KNode): string {
  const l = arrayItems(t, arg(a, 0, c));
  const v = jsonArg(t, arg(a, 1, c));
  if (a.length === 2) return `CAST(coalesce(list_position(${l}, ${v}), 0) - 1 AS BIGINT)`;
  const start = t.translate(arg(a, 2, c));
  const st = `CASE WHEN ${start} < 0 THEN len(${l}) + ${start} ELSE ${start} END`;
  const length = a[3] ? t.translate(a[3]) : '-1';
  const occurrence = a[4] ? t.translate(a[4]) : '1';
  return `CASE WHEN ${l} IS NULL OR ${st} < 0 OR ${length} < -1 OR ${occurrence} < 1 THEN NULL ELSE CAST(kql_indexof_in(list_filter(range(${st}, len(${l})), __p -> ${l}[__p + 1] = ${v}), 1, ${st}, ${length}, ${occurrence}) AS BIGINT) END`;
}

export const ARRAY_FUNCTIONS: FunctionTable = {
  array_concat: variadic(1, (t, a) => overArrays(t, a, (lists) => `to_json(${concatAll(lists)})`)),
  array_reverse: fn(1, 1, (t, a, c) => overArrays(t, [arg(a, 0, c)], ([l]) => `to_json(list_reverse(${l}))`)),
  array_slice: fn(3, 3, (t, a, c) => `kql_array_slice(${arrayItems(t, arg(a, 0, c))}, CAST(${t.translate(arg(a, 1, c))} AS BIGINT), CAST(${t.translate(arg(a, 2, c))} AS BIGINT))`),
  array_shift_left: fn(2, 3, shiftLeft(1)),
  array_shift_right: fn(2, 3, shiftLeft(-1)),
  array_rotate_left: fn(2, 2, rotateLeft(1)),
  array_rotate_right: fn(2, 2, rotateLeft(-1)),
  array_split: fn(2, 2, arraySplit),
  array_sum: fn(1, 1, (t, a, c) => `list_sum(list_transform(${arrayItems(t, arg(a, 0, c))}, __e -> TRY_CAST(__e ->> '$' AS DOUBLE)))`),
  array_iff: fn(3, 3, arrayIff),
  array_iif: fn(3, 3, arrayIff),
  array_index_of: fn(2, 5, arrayIndexOf),
  array_sort_asc: variadic(1, sortSql('asc')),
  array_sort_desc: variadic(1, sortSql('desc')),
  set_has_element: fn(2, 2, (t, a, c) => `list_contains(${arrayItems(t, arg(a, 0, c))}, ${jsonArg(t, arg(a, 1, c))})`),
  set_union: variadic(1, (t, a) => overArrays(t, a, (lists) => `to_json(kql_distinct(${concatAll(lists)}))`)),
  set_intersect: variadic(2, (t, a) =>
    overArrays(t, a, ([first, ...others]) => `to_json(list_filter(kql_distinct(${first}), __e -> ${others.map((o) => `list_contains(${o}, __e)`).join(' AND ')}))`),
  ),
  set_difference: variadic(2, (t, a) =>
    overArrays(t, a, ([first, ...others]) => `to_json(list_filter(kql_distinct(${first}), __e -> NOT (${others.map((o) => `list_contains(${o}, __e)`).join(' OR ')})))`),
  ),
  jaccard_index: fn(2, 2, (t, a, c) => {
    const [x, y] = [`kql_distinct(${arrayItems(t, arg(a, 0, c))})`, `kql_distinct(${arrayItems(t, arg(a, 1, c))})`];
    return `CAST(len(list_filter(${x}, __e -> list_contains(${y}, __e))) AS DOUBLE) / len(kql_distinct(list_concat(${x}, ${y})))`;
  }),
  zip: variadic(2, (t, a) =>
    overArrays(t, a, (lists) => `to_json(list_transform(range(1, greatest(${lists.map((l) => `len(${l})`).join(', ')}) + 1), __i -> [${lists.map((l) => `coalesce(${l}[__i], 'null'::JSON)`).join(', ')}]))`),
  ),
  repeat: fn(2, 2, (t, a, c) => `to_json(list_transform(range(greatest(CAST(${t.translate(arg(a, 1, c))} AS BIGINT), 0)), __i -> ${jsonArg(t, arg(a, 0, c))}))`),
};

/** Tuple-valued calls: array_sort_asc/desc of several arrays give one column per array. */
export const ARRAY_TUPLE_FUNCTIONS: Record<string, { args: readonly [number, number]; parts: (t: ScalarContext, args: KNode[], call: KNode) => string[] }> = {
  array_sort_asc: { args: [1, Number.POSITIVE_INFINITY], parts: (t, a, c) => sortedArrays(t, a, c, 'asc') },
  array_sort_desc: { args: [1, Number.POSITIVE_INFINITY], parts: (t, a, c) => sortedArrays(t, a, c, 'desc') },
};
