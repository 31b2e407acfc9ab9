/**
 * What every part of the translator needs to know about a KQL value: its Kusto type (from the
 * analyzer), its SQL text as Kusto would print it or put it in a dynamic, and how a dynamic
 * converts to a scalar type.
 */
import { RUNTIME_UNSUPPORTED, unsupportedSyntax } from './errors';
import { type KNode, member, referencedSymbol, resultType, tokenText } from './kusto-language';
import { duckType, quoteString } from './kusto-types';
import { kustoType, type KustoType } from './types';

/** `[-][d.]hh:mm:ss[.fffffff]` of an INTERVAL, as Kusto's tostring()/format of a timespan. */
export function timespanText(sql: string): string {
  const us = `epoch_us(${sql})`;
  const abs = `abs(${us})`;
  const two = (e: string) => `lpad(CAST(${e} AS VARCHAR), 2, '0')`;
  return `CASE WHEN ${sql} IS NULL THEN NULL ELSE (CASE WHEN ${us} < 0 THEN '-' ELSE '' END || CASE WHEN ${abs} >= 86400000000 THEN CAST(${abs} // 86400000000 AS VARCHAR) || '.' ELSE '' END || ${two(`(${abs} // 3600000000) % 24`)} || ':' || ${two(`(${abs} // 60000000) % 60`)} || ':' || ${two(`(${abs} // 1000000) % 60`)} || CASE WHEN ${abs} % 1000000 <> 0 THEN '.' || lpad(CAST(${abs} % 1000000 AS VARCHAR), 6, '0') || '0' ELSE '' END) END`;
}

/** A SQL string literal for error(): the refusal of `what` (Kusto text of the expression). */
export function refusalSql(what: string): string {
  return quoteString(`${RUNTIME_UNSUPPORTED} ${what} yet: DuckDB intervals hold microseconds, Kusto timespans 100 ns ticks.`);
}

/**
 * datetime ± timespan. A whole-micro datetime stays a TIMESTAMP (timespans are whole micros);
 * otherwise the sub-micro ticks are kept in a TIMESTAMP_NS. Both add epoch_us() of the span, so
 * they agree on every INTERVAL.
 */
export function addTimespan(datetime: string, timespan: string, sign: '+' | '-', micro: boolean): string {
  if (micro) return `(${datetime} ${sign} to_microseconds(epoch_us(${timespan})))`;
  return `kql_add_ns(${datetime}, ${sign === '-' ? '-' : ''}(epoch_us(${timespan}) * 1000))`;
}

/** Kusto ticks since 0001-01-01 of a datetime (tolong(datetime)). */
export const EPOCH_TICKS = 621355968000000000n;

export function snippet(n: KNode): string {
  return `'${tokenText(n).replace(/\s+/g, ' ').trim().slice(0, 80)}'`;
}

export function typeOf(n: KNode): KustoType {
  const t = resultType(n);
  const k = t ? kustoType(t.Name) : null;
  if (!k) throw unsupportedSyntax(`expressions of type '${t?.Name ?? 'unknown'}'`, n);
  return k;
}

export function symbolName(n: KNode): string {
  return referencedSymbol(n)?.Name ?? '';
}

export function simpleName(n: KNode | null): string {
  return member<string>(n, 'SimpleName') ?? '';
}

export function isInteger(t: KustoType): boolean {
  return t === 'int' || t === 'long';
}

export function isNumeric(t: KustoType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/** Kusto's tostring(): datetimes in ISO with 7 digits, dynamic strings unquoted, bools as "true". */
export function toKustoString(sql: string, t: KustoType): string {
  switch (t) {
    case 'string':
      return sql;
    case 'datetime':
      // Through TIMESTAMP_NS so endofday()'s last tick (.9999999) survives; Kusto writes 7 digits.
      return `(strftime(CAST(${sql} AS TIMESTAMP_NS), '%Y-%m-%dT%H:%M:%S.') || substr(strftime(CAST(${sql} AS TIMESTAMP_NS), '%n'), 1, 7) || 'Z')`;
    case 'dynamic':
      // A Kusto string is never null: tostring() of a null dynamic is "".
      return `coalesce(${sql} ->> '$', '')`;
    case 'bool':
      return `CASE WHEN ${sql} THEN 'true' WHEN NOT ${sql} THEN 'false' END`;
    case 'real':
      return `CAST(${sql} AS VARCHAR)`;
    case 'timespan':
      return timespanText(sql);
    case 'decimal':
      return decimalText(sql);
    default:
      return `CAST(${sql} AS VARCHAR)`;
  }
}

/**
 * A decimal as Kusto writes it: its digits without trailing fraction zeros (`decimal(1.50)` is
 * "1.5"); DuckDB's DECIMAL(38,10) prints all ten.
 */
export function decimalText(sql: string): string {
  const text = `CAST(${sql} AS VARCHAR)`;
  return `CASE WHEN contains(${text}, '.') THEN rtrim(rtrim(${text}, '0'), '.') ELSE ${text} END`;
}

/** A value placed inside a dynamic (pack, make_list): datetimes become Kusto's ISO strings. */
export function toJsonValue(sql: string, t: KustoType): string {
  if (t === 'datetime') return toKustoString(sql, t);
  // Kusto writes a timespan inside a dynamic value as its text, `[-][d.]hh:mm:ss[.fffffff]`.
  if (t === 'timespan') return timespanText(sql);
  if (t === 'decimal') return decimalText(sql);
  if (t === 'guid') return `CAST(${sql} AS VARCHAR)`;
  return sql;
}

/** Converts a dynamic (JSON) value for comparison/arithmetic with a scalar of type `t`. */
export function fromDynamic(sql: string, t: KustoType): string {
  switch (t) {
    case 'string':
      // As a string, a null dynamic is "" (Kusto strings are never null).
      return `coalesce(${sql} ->> '$', '')`;
    case 'dynamic':
      return sql;
    default:
      return `TRY_CAST(${sql} ->> '$' AS ${duckType(t)})`;
  }
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
