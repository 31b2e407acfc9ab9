/** Dynamic (JSON) values: arrays and property bags (Kusto docs "Dynamic/array functions"). */
import { unsupportedSyntax } from '../errors';
import type { KNode } from '../kusto-language';
import { quoteIdent, quoteString } from '../kusto-types';
import { toJsonValue, typeOf } from '../values';
import { arg, fn, type FunctionSpec, type FunctionTable, type ScalarContext, variadic } from './library';

/** bag_pack/pack(key, value, ...) → JSON object; keys must be string literals or strings. */
function bagPack(t: ScalarContext, a: KNode[], c: KNode): string {
  if (a.length % 2 !== 0) throw unsupportedSyntax('bag_pack with an odd number of arguments', c);
  const parts: string[] = [];
  for (let i = 0; i < a.length; i += 2) {
    const k = arg(a, i, c);
    const v = arg(a, i + 1, c);
    parts.push(`${t.translate(k)}, ${toJsonValue(t.translate(v), typeOf(v))}`);
  }
  return `json_object(${parts.join(', ')})`;
}

const bagPackSpec: FunctionSpec = variadic(0, bagPack);

/**
 * range(start, stop[, step]) (docs "range()"): the array start, start + step, … up to stop
 * inclusive; step defaults to 1 (1h for datetimes and timespans is not a default: Kusto requires it).
 */
function rangeArray(t: ScalarContext, a: KNode[], c: KNode): string {
  const startNode = arg(a, 0, c);
  const type = typeOf(startNode);
  const [start, stop] = [t.translate(startNode), t.translate(arg(a, 1, c))];
  const step = a[2] ? t.translate(a[2]) : '1';
  if (type === 'datetime') return `to_json(list_transform(range(0, (epoch_ns(${stop}) - epoch_ns(${start})) // (epoch_us(${step}) * 1000) + 1), __i -> ${toJsonValue(`make_timestamp_ns(epoch_ns(${start}) + __i * epoch_us(${step}) * 1000)`, 'datetime')}))`;
  if (type === 'timespan') return `to_json(list_transform(range(0, (epoch_us(${stop}) - epoch_us(${start})) // epoch_us(${step}) + 1), __i -> ${toJsonValue(`to_microseconds(epoch_us(${start}) + __i * epoch_us(${step}))`, 'timespan')}))`;
  const real = type === 'real' || type === 'decimal' || (a[2] !== undefined && typeOf(a[2]) === 'real') || typeOf(arg(a, 1, c)) === 'real';
  if (real) return `to_json(list_transform(range(0, CAST(floor((CAST(${stop} AS DOUBLE) - ${start}) / ${step}) AS BIGINT) + 1), __i -> CAST(${start} + __i * CAST(${step} AS DOUBLE) AS DOUBLE)))`;
  return `to_json(range(CAST(${start} AS BIGINT), CAST(${stop} AS BIGINT) + sign(CAST(${step} AS BIGINT)), CAST(${step} AS BIGINT)))`;
}

/** pack_all([ignore_null_empty]) (docs "pack_all()"): the row as a bag, column name → value. */
function packAll(t: ScalarContext, a: KNode[]): string {
  const columns = t.scope.rowColumns ?? [];
  const column = (name: string) => (t.scope.column ? t.scope.column(name, a[0] as KNode) : quoteIdent(name));
  if (a[0] === undefined) return `json_object(${columns.map((c) => `${quoteString(c.ColumnName)}, ${toJsonValue(column(c.ColumnName), c.ColumnType)}`).join(', ')})`;
  // ignore_null_empty: leave out null values and empty strings.
  const ignore = t.translate(a[0]);
  const entries = columns.map((c) => {
    const v = column(c.ColumnName);
    const empty = c.ColumnType === 'string' ? `(${v} IS NULL OR ${v} = '')` : `(${v} IS NULL)`;
    return `CASE WHEN ${ignore} AND ${empty} THEN NULL ELSE {'k': ${quoteString(c.ColumnName)}, 'v': to_json(${toJsonValue(v, c.ColumnType)})} END`;
  });
  return `to_json(map_from_entries(list_filter([${entries.join(', ')}], __e -> __e IS NOT NULL)))`;
}

/** The bag holding `keys` (a VARCHAR[] of keys present in `bag`) with their values from `bag`: a MAP written as JSON. */
export function bagOfKeys(bag: string, keys: string): string {
  return `to_json(map_from_entries(list_transform(${keys}, __key -> {'k': __key, 'v': json_extract(${bag}, '$."' || replace(__key, '"', '\\"') || '"')})))`;
}

/** The elements of a dynamic array as text (key lists, string sets). */
export const textItems = (x: string) => `json_extract_string(${x}, '$[*]')`;

export const DYNAMIC_FUNCTIONS: FunctionTable = {
  pack_all: fn(0, 1, packAll),
  bag_remove_keys: fn(2, 2, (t, a, c) => {
    const bag = t.translate(arg(a, 0, c));
    const keys = t.translate(arg(a, 1, c));
    const kept = `list_filter(json_keys(${bag}), __k -> NOT list_contains(${textItems(keys)}, __k))`;
    return `CASE WHEN json_type(${bag}) = 'OBJECT' THEN ${bagOfKeys(bag, kept)} END`;
  }),  range: fn(2, 3, rangeArray),
  array_length: fn(1, 1, (t, a, c) => {
    const v = t.translate(arg(a, 0, c));
    return `CASE WHEN json_type(${v}) = 'ARRAY' THEN CAST(json_array_length(${v}) AS BIGINT) END`;
  }),
  bag_keys: fn(1, 1, (t, a, c) => {
    const v = t.translate(arg(a, 0, c));
    return `CASE WHEN json_type(${v}) = 'OBJECT' THEN to_json(json_keys(${v})) END`;
  }),
  pack_array: variadic(0, (t, a) => `json_array(${a.map((x) => toJsonValue(t.translate(x), typeOf(x))).join(', ')})`),
  bag_pack: bagPackSpec,
  pack: bagPackSpec,
};
