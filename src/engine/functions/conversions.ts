/** Conversions between Kusto types (Kusto docs "Conversion functions"). */
import { unsupportedFunction } from '../errors';
import type { KNode } from '../kusto-language';
import { duckType } from '../kusto-types';
import type { KustoType } from '../types';
import { EPOCH_TICKS, fromDynamic, refusalSql, symbolName, toJsonValue, toKustoString, typeOf } from '../values';
import { arg, fn, type FunctionSpec, type FunctionTable, type ScalarContext } from './library';

function convert(target: KustoType, t: ScalarContext, args: KNode[], call: KNode): string {
  const a = arg(args, 0, call);
  const at = typeOf(a);
  const v = t.translate(a);
  if (target === 'string') return toKustoString(v, at);
  if (at === 'dynamic') return fromDynamic(v, target);
  if (target === at) return v;
  const name = symbolName(call).toLowerCase() || target;
  // Kusto converts datetimes and timespans to and from longs as 100 ns ticks (datetime: since 0001-01-01).
  if (target === 'long' && at === 'datetime') return `(epoch_ns(${v}) // 100 + ${EPOCH_TICKS})`;
  if (target === 'long' && at === 'timespan') return `(epoch_us(${v}) * 10)`;
  if (target === 'datetime' && (at === 'long' || at === 'int')) return `make_timestamp_ns((CAST(${v} AS BIGINT) - ${EPOCH_TICKS}) * 100)`;
  if ((at === 'datetime' || at === 'timespan') && target !== at) throw unsupportedFunction(name, call, `${name}() of a ${at} is not implemented.`);
  if (target === 'datetime' && at !== 'string' && at !== 'datetime') throw unsupportedFunction(name, call, `${name}() of a ${at} is not implemented.`);
  if ((target === 'int' || target === 'long') && (at === 'real' || at === 'decimal')) return `TRY_CAST(trunc(${v}) AS ${duckType(target)})`;
  if ((target === 'int' || target === 'long' || target === 'real' || target === 'decimal') && at === 'string') return `TRY_CAST(trim(${v}) AS ${duckType(target)})`;
  if (target === 'datetime' && at === 'string') {
    // The formats of datetime-text.ts; 7 fraction digits are ticks, which TIMESTAMP_NS keeps.
    const more = refusalSql(`${name}() of a string with more than 7 fraction digits`);
    return `CASE WHEN regexp_matches(${v}, '\\.\\d{8}') THEN error(${more}) ELSE kql_todatetime(${v}) END`;
  }
  if (target === 'guid' && at === 'string') return `TRY_CAST(trim(${v}) AS UUID)`;
  if (target === 'bool' && at === 'string') return `CASE lower(trim(${v})) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`;
  if (target === 'timespan' && at === 'string') return `kql_totimespan(${v}, ${refusalSql(`${name}() of a string with a 100 ns tick`)})`;
  if (target === 'timespan') throw unsupportedFunction('totimespan', call, `totimespan() of a ${at} is not implemented.`);
  return `TRY_CAST(${v} AS ${duckType(target)})`;
}

const to = (target: KustoType, micro = false): FunctionSpec =>
  fn(1, 1, (t, a, c) => convert(target, t, a, c), micro ? (t, a) => a[0] !== undefined && typeOf(a[0]) === 'datetime' && t.micro(a[0]) : undefined);

function parseJson(t: ScalarContext, a: KNode[], c: KNode): string {
  const x = arg(a, 0, c);
  const v = t.translate(x);
  if (typeOf(x) === 'dynamic') return v;
  // Any other scalar is held as it is (docs "parse_json()": a dynamic is used as-is, a string parsed).
  if (typeOf(x) !== 'string') return `to_json(${toJsonValue(v, typeOf(x))})`;
  return `CASE WHEN json_valid(${v}) THEN CAST(${v} AS JSON) ELSE to_json(${v}) END`;
}

export const CONVERSION_FUNCTIONS: FunctionTable = {
  tostring: to('string'),
  toint: to('int'),
  tolong: to('long'),
  todouble: to('real'),
  toreal: to('real'),
  tobool: to('bool'),
  toboolean: to('bool'),
  todatetime: to('datetime', true),
  totimespan: to('timespan'),
  todecimal: to('decimal'),
  toguid: to('guid'),
  parse_json: fn(1, 1, parseJson),
  todynamic: fn(1, 1, parseJson),
  parsejson: fn(1, 1, parseJson),
  toobject: fn(1, 1, parseJson),
};
