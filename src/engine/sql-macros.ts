/**
 * DuckDB SQL macros the translated SQL calls, as SQL text: every host runs `ENGINE_MACROS` on its
 * DuckDB (each statement once per database instance, before the first query).
 */

import { DATETIME_TEXT_MACROS } from './datetime-text';
import { DYNAMIC_MACROS } from './functions/dynamic-macros';
import { STRING_MACROS } from './functions/string-macros';

/**
 * Kusto datetimes are 100 ns ticks; DuckDB's TIMESTAMP holds micros, so a value with a sub-micro
 * tick (endofday(), a 7-digit literal, todatetime of ticks) is a TIMESTAMP_NS. These macros keep
 * those ticks through arithmetic. DuckDB casts TIMESTAMP_NS → TIMESTAMP by truncating toward zero
 * (1960-01-01 23:59:59.9999999 → 1960-01-02), so micro-only functions (date_trunc, time_bucket,
 * date parts, strftime) get kql_floor_us() of their argument instead.
 */
export const DATETIME_MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO kql_floor_us(x) AS (CAST(x AS TIMESTAMP) - CASE WHEN CAST(x AS TIMESTAMP) > x THEN INTERVAL 1 microsecond ELSE INTERVAL 0 microsecond END)`,
  `CREATE OR REPLACE MACRO kql_ceil_us(x) AS (kql_floor_us(x) + CASE WHEN kql_floor_us(x) < x THEN INTERVAL 1 microsecond ELSE INTERVAL 0 microsecond END)`,
  `CREATE OR REPLACE MACRO kql_add_ns(x, ns) AS make_timestamp_ns(epoch_ns(x) + ns)`,
  // A span of ns as an INTERVAL (micros), or an error naming the expression when it has a sub-micro part.
  `CREATE OR REPLACE MACRO kql_ns_timespan(ns, what) AS CASE WHEN ns % 1000 <> 0 THEN error(what) ELSE to_microseconds(ns // 1000) END`,
  // ticks as a double (timespan * real): only whole micros are representable.
  `CREATE OR REPLACE MACRO kql_ticks_timespan(ticks, what) AS CASE WHEN ticks <> round(ticks) OR round(ticks) % 10 <> 0 THEN error(what) ELSE to_microseconds(CAST(round(ticks) AS BIGINT) // 10) END`,
];


/**
 * totimespan() of a string: `[-][d.]hh:mm[:ss[.fffffff]]` (docs "The timespan data type"), or
 * NULL. A 7th fraction digit (a 100 ns tick) does not fit an INTERVAL: refused by error().
 */
export const TIMESPAN_TEXT_MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO kql_timespan_of_match(p, what) AS CASE WHEN p.h <> '' THEN
     CASE WHEN right(rpad(p.f, 7, '0'), 1) <> '0' THEN error(what) ELSE
     to_microseconds((CASE WHEN p.sign = '-' THEN -1 ELSE 1 END) * (
       CAST(coalesce(nullif(p.d, ''), '0') AS BIGINT) * 86400000000 + CAST(p.h AS BIGINT) * 3600000000 + CAST(p.m AS BIGINT) * 60000000
       + CAST(coalesce(nullif(p.s, ''), '0') AS BIGINT) * 1000000 + CAST(left(rpad(p.f, 7, '0'), 6) AS BIGINT))) END END`,
  `CREATE OR REPLACE MACRO kql_totimespan(s, what) AS kql_timespan_of_match(regexp_extract(trim(s), '^(-)?(?:(\\d+)\\.)?(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?$', ['sign', 'd', 'h', 'm', 's', 'f']), what)`,
];

/** Everything every host registers, in order. */
export const ENGINE_MACROS: readonly string[] = [...DATETIME_MACROS, ...DATETIME_TEXT_MACROS, ...TIMESPAN_TEXT_MACROS, ...STRING_MACROS];

/**
 * Macros over JSON values, registered after ENGINE_MACROS by hosts with DuckDB's JSON extension
 * only: DuckDB-wasm without it refuses `CREATE MACRO` whose body calls to_json ("Scalar Function
 * with name to_json is not in the catalog"), and host-capabilities.ts refuses queries that call them.
 */
export const JSON_MACROS: readonly string[] = DYNAMIC_MACROS;
