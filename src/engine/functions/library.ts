/**
 * The scalar function library is a declarative table: one `FunctionSpec` per Kusto function name
 * (lower case), grouped by family in this folder and merged in `index.ts`. A spec says how many
 * arguments are implemented, the SQL, and — for datetime results — whether the value is provably
 * whole microseconds (src/engine/README.md "Ticks"). The translator checks the argument count and
 * names the function in its refusal when there is no spec.
 */
import { unsupportedFunction, unsupportedSyntax } from '../errors';
import type { KNode } from '../kusto-language';
import type { HostCapabilities } from '../host-capabilities';
import { call, type SqlExpr } from '../sql';
import type { KustoType } from '../types';

/** Let-bound values, parameters, columns and user functions a scalar expression sees. */
export interface ScalarScope {
  /** Let-bound scalars and query parameters: name → SQL. */
  values: Map<string, string>;
  /** Column reference → SQL (joins qualify columns); defaults to the quoted name. */
  column?: (name: string, at: KNode) => string;
  /** User functions declared with `let f = (a:long) { ... }`: name → FunctionDeclaration node. */
  functions?: Map<string, KNode>;
  /** Datetime columns of the input known to hold whole microseconds (TIMESTAMP): see ScalarContext.micro(). */
  microColumns?: ReadonlySet<string>;
  /** The input row's columns, in order (pack_all, `*` arguments). */
  rowColumns?: readonly { ColumnName: string; ColumnType: KustoType }[];
  /**
   * Tabular subqueries inside a scalar expression (toscalar(), `in (T | …)`): the tabular
   * translator of the statement puts them in its WITH clause and returns the CTE's name.
   */
  subquery?: (n: KNode) => { cte: string; columns: { ColumnName: string; ColumnType: KustoType }[] };
  /** Window function calls (row_number(), prev(), …) already computed into columns of the input (windows.ts). */
  windows?: ReadonlyMap<KNode, string>;
  /** Aggregate calls of a summarize expression, already SQL aggregates (aggregates.ts aggregateExpressionSql). */
  aggregates?: ReadonlyMap<KNode, string>;
  /** What the host's DuckDB can do (host-capabilities.ts); missing: everything (the local cluster). */
  host?: HostCapabilities;
}

/** What a function's SQL builder may ask of the translator. */
export interface ScalarContext {
  readonly scope: ScalarScope;
  /** SQL text of a scalar expression. */
  translate(n: KNode): string;
  /** The expression as a tree (for operators where precedence matters). */
  expr(n: KNode): SqlExpr;
  /** Whether a datetime expression is provably whole microseconds. */
  micro(n: KNode): boolean;
  /** `n` floored to micros for DuckDB functions that only take micros (a no-op for whole-micro values). */
  floorUs(n: KNode, sql?: string): string;
  /** A string literal argument's value (a regex, a format). */
  literalString(n: KNode | undefined, at: KNode): string;
  /** The argument nodes of a call. */
  args(call: KNode): KNode[];
}

export type FunctionSql = (t: ScalarContext, args: KNode[], call: KNode) => string | SqlExpr;
export type MicroRule = (t: ScalarContext, args: KNode[], call: KNode) => boolean;

export interface FunctionSpec {
  /** The argument counts implemented, [min, max]. */
  args: readonly [number, number];
  sql: FunctionSql;
  /** For datetime results: whether the value is whole micros. Missing: never proven. */
  micro?: MicroRule;
}

export type FunctionTable = Record<string, FunctionSpec>;

export const fn = (min: number, max: number, sql: FunctionSql, micro?: MicroRule): FunctionSpec => ({ args: [min, max], sql, ...(micro ? { micro } : {}) });

/** Any number of arguments from `min`. */
export const variadic = (min: number, sql: FunctionSql, micro?: MicroRule): FunctionSpec => fn(min, Number.POSITIVE_INFINITY, sql, micro);

/** A DuckDB function of the same arguments. */
export const sqlFunction = (name: string, count: number): FunctionSpec => fn(count, count, (t, a) => call(name, ...a.map((x) => t.expr(x))));

/** Micro rules: always whole micros; when the given arguments are. */
export const alwaysMicro: MicroRule = () => true;
export const microWhen =
  (...indexes: number[]): MicroRule =>
  (t, a) =>
    indexes.every((i) => a[i] !== undefined && t.micro(a[i] as KNode));

export function arg(args: KNode[], i: number, call: KNode): KNode {
  const a = args[i];
  if (!a) throw unsupportedSyntax(`a call without argument ${i + 1}`, call);
  return a;
}

export function checkArgCount(name: string, spec: FunctionSpec, count: number, at: KNode): void {
  if (count < spec.args[0] || count > spec.args[1]) throw unsupportedFunction(name, at, 'This argument count is not implemented.');
}
