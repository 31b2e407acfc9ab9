/**
 * Series (dynamic numeric arrays, as make-series writes them): element-wise arithmetic and
 * comparisons, fills, statistics, FIR/IIR filters (Kusto docs "Series processing functions").
 * Arrays are DuckDB JSON; each element is read as a JSON value so integers stay integers where
 * Kusto keeps the element type (fills, + − × of two integers). Missing elements of arrays of
 * different lengths are null. The SQL uses DuckDB list lambdas over the array bound once in a
 * scalar subquery, so an element is never re-extracted from the JSON per position.
 */
import { unsupportedFunction } from '../errors';
import type { KNode } from '../kusto-language';
import { typeOf } from '../values';
import { arg, fn, type FunctionTable, type ScalarContext } from './library';

/** JSON array → JSON[] of its elements (null when not an array). */
const items = (x: string) => `CASE WHEN json_type(${x}) = 'ARRAY' THEN CAST(json_extract(${x}, '$[*]') AS JSON[]) END`;
const num = (e: string) => `TRY_CAST(${e} AS DOUBLE)`;
const isInt = (e: string) => `(json_type(${e}) IN ('BIGINT', 'UBIGINT'))`;
/** A JSON element that is null (or absent), or equal to the placeholder when one is given. */
const missing = (e: string, placeholder: string) =>
  `(CASE WHEN ${placeholder} IS NULL THEN (${e} IS NULL OR json_type(${e}) = 'NULL') ELSE coalesce(${num(e)} = ${placeholder}, FALSE) END)`;

/** `expr` over the row's array bound as __a (JSON[]); null when the argument is not an array. */
function overArray(x: string, expr: string, extra = ''): string {
  return `(SELECT CASE WHEN __a IS NULL THEN NULL ELSE ${expr} END FROM (SELECT ${items(x)} AS __a${extra}))`;
}

/** One side of an element-wise operation: an array's elements, or a scalar repeated. */
function side(t: ScalarContext, n: KNode): { list: string | null; scalar: string | null } {
  if (typeOf(n) === 'dynamic') return { list: items(t.translate(n)), scalar: null };
  return { list: null, scalar: `to_json(${t.translate(n)})` };
}

function elementwise(op: string, kind: 'arithmetic' | 'divide' | 'compare') {
  return fn(2, 2, (t, a, c) => {
    const l = side(t, arg(a, 0, c));
    const r = side(t, arg(a, 1, c));
    const value = (x: string, y: string) => {
      if (kind === 'compare') return `to_json(${num(x)} ${op} ${num(y)})`;
      if (kind === 'divide') return `to_json(${num(x)} / ${num(y)})`;
      return `CASE WHEN ${isInt(x)} AND ${isInt(y)} THEN to_json(CAST(${x} AS BIGINT) ${op} CAST(${y} AS BIGINT)) ELSE to_json(${num(x)} ${op} ${num(y)}) END`;
    };
    if (l.list && r.list) return `to_json(list_transform(list_zip(${l.list}, ${r.list}), __p -> ${value('__p[1]', '__p[2]')}))`;
    if (l.list && r.scalar) return `to_json(list_transform(${l.list}, __e -> ${value('__e', r.scalar)}))`;
    if (r.list && l.scalar) return `to_json(list_transform(${r.list}, __e -> ${value(l.scalar, '__e')}))`;
    throw unsupportedFunction(String(op), c, 'At least one argument must be a dynamic array.');
  });
}

const placeholderOf = (t: ScalarContext, n: KNode | undefined) => (n ? `CAST(${t.translate(n)} AS DOUBLE)` : 'CAST(NULL AS DOUBLE)');

/** Forward fill: each missing element takes the last present one before it (leading ones stay). */
function forwardFilled(list: string, placeholder: string): string {
  return `CASE WHEN len(${list}) = 0 THEN ${list} ELSE list_reduce(list_transform(${list}, __e -> [__e]), (__acc, __w) -> list_append(__acc, CASE WHEN ${missing('__w[1]', placeholder)} AND NOT ${missing('__acc[-1]', placeholder)} THEN __acc[-1] ELSE __w[1] END)) END`;
}

/**
 * series_fill_linear (docs "series_fill_linear()"): a missing element between present ones is
 * interpolated, v[p] + (v[q] − v[p]) × (i − p) / (q − p), truncated when every present element
 * is an integer; edges take the nearest present value unless fill_edges is false; an array with
 * no present element is filled with constant_value (default 0).
 */
function fillLinear(t: ScalarContext, a: KNode[], c: KNode): string {
  const x = t.translate(arg(a, 0, c));
  const ph = placeholderOf(t, a[1]);
  const edges = a[2] ? t.translate(a[2]) : 'TRUE';
  const constant = a[3] ? `to_json(${t.translate(a[3])})` : `to_json(0.0)`;
  const v = `(${num('__a[__pq[1]]')} + (${num('__a[__pq[2]]')} - ${num('__a[__pq[1]]')}) * (__i - __pq[1]) / (__pq[2] - __pq[1]))`;
  const element = `CASE WHEN list_contains(__g, __i) THEN __a[__i]
    WHEN __pq[1] IS NOT NULL AND __pq[2] IS NOT NULL THEN CASE WHEN __ints THEN to_json(CAST(trunc(${v}) AS BIGINT)) ELSE to_json(${v}) END
    WHEN ${edges} AND __pq[1] IS NOT NULL THEN __a[__pq[1]]
    WHEN ${edges} AND __pq[2] IS NOT NULL THEN __a[__pq[2]]
    ELSE __a[__i] END`;
  const each = `list_transform(range(1, len(__a) + 1), __i -> list_transform([[list_last(list_filter(__g, __j -> __j < __i)), list_first(list_filter(__g, __j -> __j > __i))]], __pq -> ${element})[1])`;
  const body = `CASE WHEN len(__g) = 0 THEN to_json(list_transform(__a, __e -> ${constant})) ELSE to_json(${each}) END`;
  return `(SELECT CASE WHEN __a IS NULL THEN NULL ELSE ${body} END FROM (SELECT __a, list_filter(range(1, len(__a) + 1), __j -> NOT ${missing('__a[__j]', ph)}) AS __g, len(list_filter(__a, __e -> NOT ${missing('__e', ph)} AND NOT ${isInt('__e')})) = 0 AS __ints FROM (SELECT ${items(x)} AS __a)))`;
}

/**
 * series_fir(series, filter[, normalize[, center]]) (docs "series_fir()"): y[i] = Σ f[k]·x[i − k]
 * (or centered on i), divided by Σ f when normalized; values outside the array read as 0.
 * normalize defaults to true unless a coefficient is negative; normalizing such a filter gives null.
 */
function fir(t: ScalarContext, a: KNode[], c: KNode): string {
  const x = t.translate(arg(a, 0, c));
  const filter = t.translate(arg(a, 1, c));
  const negative = 'list_bool_or(list_transform(__f, __v -> __v < 0))';
  const normalize = a[2] ? t.translate(a[2]) : `NOT ${negative}`;
  const center = a[3] ? t.translate(a[3]) : 'FALSE';
  // Centered: the peak of a k-point filter stays put, i.e. a shift of (k − 1) / 2 (docs example: 5 points, 2h).
  const shift = `CASE WHEN ${center} THEN (len(__f) - 1) // 2 ELSE 0 END`;
  const element = `CASE WHEN ${normalize} THEN ${firSum(shift)} / list_sum(__f) ELSE ${firSum(shift)} END`;
  return `(SELECT CASE WHEN __x IS NULL OR __f IS NULL THEN NULL WHEN ${normalize} AND ${negative} THEN NULL ELSE to_json(list_transform(range(1, len(__x) + 1), __i -> ${element})) END FROM (SELECT list_transform(${items(x)}, __e -> ${num('__e')}) AS __x, list_transform(${items(filter)}, __e -> ${num('__e')}) AS __f))`;
}

/** Σ f[k] · x[i + shift − k] over the coefficients, with x outside the array read as 0. */
function firSum(shift: string): string {
  const j = `(__i + ${shift} - __k + 1)`;
  return `list_sum(list_transform(range(1, len(__f) + 1), __k -> __f[__k] * CASE WHEN ${j} BETWEEN 1 AND len(__x) THEN coalesce(__x[${j}], 0.0) ELSE 0.0 END))`;
}

/**
 * series_iir(series, numerators, denominators) (docs "series_iir()"):
 * y[i] = (Σ b[k]·x[i−k] − Σ_{k≥1} a[k]·y[i−k]) / a[0], values before the start read as 0.
 * The recursion runs in list_reduce, the accumulator holding the outputs so far.
 */
function iir(t: ScalarContext, a: KNode[], c: KNode): string {
  const x = t.translate(arg(a, 0, c));
  const b = t.translate(arg(a, 1, c));
  const den = t.translate(arg(a, 2, c));
  // __acc = [y0, y1, …]; step __w = [i] (1-based position of the next output).
  const xAt = (k: string) => `CASE WHEN __w[1] - ${k} BETWEEN 1 AND len(__x) THEN coalesce(__x[CAST(__w[1] - ${k} AS BIGINT)], 0.0) ELSE 0.0 END`;
  const yAt = (k: string) => `CASE WHEN __w[1] - ${k} BETWEEN 1 AND len(__acc) - 1 THEN __acc[CAST(__w[1] - ${k} + 1 AS BIGINT)] ELSE 0.0 END`;
  const forward = `list_sum(list_transform(range(0, len(__b)), __k -> __b[__k + 1] * ${xAt('__k')}))`;
  const feedback = `coalesce(list_sum(list_transform(range(1, len(__den)), __k -> __den[__k + 1] * ${yAt('__k')})), 0.0)`;
  const step = `list_append(__acc, (${forward} - ${feedback}) / __den[1])`;
  // The first element of list_reduce's input is its initial accumulator: a dummy [0.0] dropped after.
  const outputs = `list_reduce(list_prepend([0.0], list_transform(range(1, len(__x) + 1), __i -> [CAST(__i AS DOUBLE)])), (__acc, __w) -> ${step})[2:]`;
  return `(SELECT CASE WHEN __x IS NULL OR __b IS NULL OR __den IS NULL THEN NULL WHEN len(__x) = 0 THEN '[]'::JSON ELSE to_json(${outputs}) END FROM (SELECT list_transform(${items(x)}, __e -> ${num('__e')}) AS __x, list_transform(${items(b)}, __e -> ${num('__e')}) AS __b, list_transform(${items(den)}, __e -> ${num('__e')}) AS __den))`;
}

/**
 * series_stats(series[, ignore_nonfinite]) (docs "series_stats()"): min, min_idx, max, max_idx,
 * avg, stdev, variance (sample), positions 0-based and first; a null or non-finite element makes
 * every statistic null unless ignore_nonfinite.
 */
function seriesStats(t: ScalarContext, a: KNode[], c: KNode): string[] {
  const x = t.translate(arg(a, 0, c));
  const ignore = a[1] ? t.translate(a[1]) : 'FALSE';
  const finite = (v: string) => `(${v} IS NOT NULL AND NOT isnan(${v}) AND NOT isinf(${v}))`;
  const over = (expr: string) =>
    `(SELECT CASE WHEN __d IS NULL OR (NOT ${ignore} AND NOT list_bool_and(list_transform(__d, __v -> ${finite('__v')}))) THEN NULL ELSE ${expr} END FROM (SELECT __d, list_filter(__d, __v -> ${finite('__v')}) AS __f FROM (SELECT list_transform(${items(x)}, __e -> ${num('__e')}) AS __d)))`;
  return [
    over('list_min(__f)'),
    over('CAST(list_position(__d, list_min(__f)) - 1 AS BIGINT)'),
    over('list_max(__f)'),
    over('CAST(list_position(__d, list_max(__f)) - 1 AS BIGINT)'),
    over('list_avg(__f)'),
    over(`list_aggregate(__f, 'stddev_samp')`),
    over(`list_aggregate(__f, 'var_samp')`),
  ];
}

const STATS_NAMES = ['min', 'min_idx', 'max', 'max_idx', 'avg', 'stdev', 'variance'];

/** Functions whose value is several columns (`extend series_stats(x)`, `extend (a, b) = …`). */
export const TUPLE_FUNCTIONS: Record<string, { args: readonly [number, number]; parts: (t: ScalarContext, args: KNode[], call: KNode) => string[] }> = {
  series_stats: { args: [1, 2], parts: seriesStats },
};

export const SERIES_FUNCTIONS: FunctionTable = {
  series_stats_dynamic: fn(1, 2, (t, a, c) => {
    const parts = seriesStats(t, a, c);
    return `json_object(${STATS_NAMES.map((name, i) => `'${name}', ${parts[i]}`).join(', ')})`;
  }),
  series_add: elementwise('+', 'arithmetic'),
  series_subtract: elementwise('-', 'arithmetic'),
  series_multiply: elementwise('*', 'arithmetic'),
  series_divide: elementwise('/', 'divide'),
  series_greater: elementwise('>', 'compare'),
  series_greater_equals: elementwise('>=', 'compare'),
  series_less: elementwise('<', 'compare'),
  series_less_equals: elementwise('<=', 'compare'),
  series_equals: elementwise('=', 'compare'),
  series_not_equals: elementwise('<>', 'compare'),
  series_fill_forward: fn(1, 2, (t, a, c) => overArray(t.translate(arg(a, 0, c)), `to_json(${forwardFilled('__a', placeholderOf(t, a[1]))})`)),
  series_fill_backward: fn(1, 2, (t, a, c) =>
    overArray(t.translate(arg(a, 0, c)), `to_json(list_reverse(${forwardFilled('list_reverse(__a)', placeholderOf(t, a[1]))}))`),
  ),
  series_fill_const: fn(2, 3, (t, a, c) => {
    const value = `to_json(${t.translate(arg(a, 1, c))})`;
    return overArray(t.translate(arg(a, 0, c)), `to_json(list_transform(__a, __e -> CASE WHEN ${missing('__e', placeholderOf(t, a[2]))} THEN ${value} ELSE __e END))`);
  }),
  series_fill_linear: fn(1, 4, fillLinear),
  series_fir: fn(2, 4, fir),
  series_iir: fn(3, 3, iir),
};
