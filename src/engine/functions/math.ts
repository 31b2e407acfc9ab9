/** Math functions (Kusto docs "Math functions"). */
import { arg, fn, type FunctionTable, sqlFunction, variadic } from './library';

export const MATH_FUNCTIONS: FunctionTable = {
  round: fn(1, 2, (t, a, c) => `round(${t.translate(arg(a, 0, c))}${a[1] ? `, CAST(${t.translate(a[1])} AS INTEGER)` : ''})`),
  abs: sqlFunction('abs', 1),
  log: sqlFunction('ln', 1),
  log10: sqlFunction('log10', 1),
  log2: sqlFunction('log2', 1),
  exp: sqlFunction('exp', 1),
  pow: fn(2, 2, (t, a, c) => `pow(CAST(${t.translate(arg(a, 0, c))} AS DOUBLE), ${t.translate(arg(a, 1, c))})`),
  sqrt: sqlFunction('sqrt', 1),
  exp2: fn(1, 1, (t, a, c) => `pow(2.0, ${t.translate(arg(a, 0, c))})`),
  exp10: fn(1, 1, (t, a, c) => `pow(10.0, ${t.translate(arg(a, 0, c))})`),
  ceiling: sqlFunction('ceil', 1),
  sign: sqlFunction('sign', 1),
  pi: sqlFunction('pi', 0),
  sin: sqlFunction('sin', 1),
  cos: sqlFunction('cos', 1),
  tan: sqlFunction('tan', 1),
  cot: sqlFunction('cot', 1),
  asin: sqlFunction('asin', 1),
  acos: sqlFunction('acos', 1),
  atan: sqlFunction('atan', 1),
  atan2: sqlFunction('atan2', 2),
  degrees: sqlFunction('degrees', 1),
  radians: sqlFunction('radians', 1),
  isnan: fn(1, 1, (t, a, c) => `isnan(CAST(${t.translate(arg(a, 0, c))} AS DOUBLE))`),
  isinf: fn(1, 1, (t, a, c) => `isinf(CAST(${t.translate(arg(a, 0, c))} AS DOUBLE))`),
  isfinite: fn(1, 1, (t, a, c) => `isfinite(CAST(${t.translate(arg(a, 0, c))} AS DOUBLE))`),
  // DuckDB's greatest/least skip nulls: Kusto docs "max_of()", "non-null values take precedence to null values".
  max_of: variadic(1, (t, a) => `greatest(${a.map((x) => t.translate(x)).join(', ')})`),
  min_of: variadic(1, (t, a) => `least(${a.map((x) => t.translate(x)).join(', ')})`),
};
