/** Conditionals and emptiness tests. */
import { unsupportedSyntax } from '../errors';
import type { KNode } from '../kusto-language';
import { anyOf, atom, binary, isNull, not, type SqlExpr } from '../sql';
import { typeOf } from '../values';
import { arg, fn, type FunctionTable, type MicroRule, type ScalarContext, variadic } from './library';

function iff(t: ScalarContext, a: KNode[], c: KNode): string {
  return `CASE WHEN ${t.translate(arg(a, 0, c))} THEN ${t.translate(arg(a, 1, c))} ELSE ${t.translate(arg(a, 2, c))} END`;
}

/** Kusto's isempty(): null, or the empty string (also a dynamic holding ""): docs "isempty()". */
function empty(t: ScalarContext, x: KNode): SqlExpr {
  const v = t.expr(x);
  const type = typeOf(x);
  if (type === 'string') return anyOf([isNull(v), binary('=', v, atom("''"))]);
  if (type === 'dynamic') return anyOf([isNull(v), atom(`json_type(${t.translate(x)}) = 'NULL'`), binary('=', v, atom(`'""'::JSON`))]);
  return isNull(v);
}

const branchesMicro: MicroRule = (t, a) => a.length === 3 && [a[1], a[2]].every((x) => x !== undefined && t.micro(x));

export const LOGIC_FUNCTIONS: FunctionTable = {
  not: fn(1, 1, (t, a, c) => not(t.expr(arg(a, 0, c)))),
  isempty: fn(1, 1, (t, a, c) => empty(t, arg(a, 0, c))),
  isnotempty: fn(1, 1, (t, a, c) => not(empty(t, arg(a, 0, c)))),
  // A Kusto string is never null: isnull("") is false (docs "isnull()").
  isnull: fn(1, 1, (t, a, c) => (typeOf(arg(a, 0, c)) === 'string' ? atom('FALSE') : isNull(t.expr(arg(a, 0, c))))),
  isnotnull: fn(1, 1, (t, a, c) => (typeOf(arg(a, 0, c)) === 'string' ? atom('TRUE') : isNull(t.expr(arg(a, 0, c)), true))),
  coalesce: variadic(
    1,
    (t, a, c) => {
      const isString = typeOf(c) === 'string';
      const vs = a.map((x) => (isString ? `nullif(${t.translate(x)}, '')` : t.translate(x)));
      return isString ? `coalesce(${vs.join(', ')}, '')` : `coalesce(${vs.join(', ')})`;
    },
    (t, a) => a.length > 0 && a.every((x) => t.micro(x)),
  ),
  iff: fn(3, 3, iff, branchesMicro),
  iif: fn(3, 3, iff, branchesMicro),
  case: variadic(
    3,
    (t, a, c) => {
      if (a.length % 2 === 0) throw unsupportedSyntax('case() without an else value', c);
      const parts: string[] = [];
      for (let i = 0; i + 1 < a.length; i += 2) parts.push(`WHEN ${t.translate(arg(a, i, c))} THEN ${t.translate(arg(a, i + 1, c))}`);
      return `CASE ${parts.join(' ')} ELSE ${t.translate(arg(a, a.length - 1, c))} END`;
    },
    (t, a) => a.filter((_, i) => i % 2 === 1 || i === a.length - 1).every((x) => t.micro(x)),
  ),
};
