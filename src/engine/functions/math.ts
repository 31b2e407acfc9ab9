/** Math functions (Kusto docs "Math functions"). */
import { arg, fn, type FunctionTable, sqlFunction } from './library';

export const MATH_FUNCTIONS: FunctionTable = {
  round: fn(1, 2, (t, a, c) => `round(${t.translate(arg(a, 0, c))}${a[1] ? `, CAST(${t.translate(a[1])} AS INTEGER)` : ''})`),
  abs: sqlFunction('abs', 1),
  log: sqlFunction('ln', 1),
  log10: sqlFunction('log10', 1),
  log2: sqlFunction('log2', 1),
  exp: sqlFunction('exp', 1),
  pow: fn(2, 2, (t, a, c) => `pow(CAST(${t.translate(arg(a, 0, c))} AS DOUBLE), ${t.translate(arg(a, 1, c))})`),
  sqrt: sqlFunction('sqrt', 1),
};
