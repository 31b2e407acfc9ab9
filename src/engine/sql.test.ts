/** The SQL expression tree puts parentheses exactly where DuckDB's (PostgreSQL's) precedence needs them. */
import { describe, expect, it } from 'vitest';
import { atom, between, binary, fromSql, inList, isNull, negate, not, raw, render, type SqlExpr } from './sql';

const a = atom('a');
const b = atom('b');
const c = atom('c');

describe('render', () => {
  it.each<[string, SqlExpr]>([
    ['a - (b - c)', binary('-', a, binary('-', b, c))],
    ['a - b - c', binary('-', binary('-', a, b), c)],
    ['(a + b) * c', binary('*', binary('+', a, b), c)],
    ['a + b * c', binary('+', a, binary('*', b, c))],
    ['(a + b) // c', binary('//', binary('+', a, b), c)],
    ['(a OR b) AND c', binary('AND', binary('OR', a, b), c)],
    ['a AND b OR c', binary('OR', binary('AND', a, b), c)],
    ['NOT (a AND b)', not(binary('AND', a, b))],
    ['NOT a AND b', binary('AND', not(a), b)],
    ['(a = b) = c', binary('=', binary('=', a, b), c)],
    ['a || b = c', binary('=', binary('||', a, b), c)],
    ['a + b IS NULL', isNull(binary('+', a, b))],
    ['(a = b) IS NULL', isNull(binary('=', a, b))],
    ['-(-1)', negate(atom('-1'))],
    ['-(a + b)', negate(binary('+', a, b))],
    ['(x || y) + a', binary('+', raw('x || y'), a)],
    ['a + b BETWEEN c AND a * c', between(binary('+', a, b), c, binary('*', a, c))],
    ["a || b NOT IN (c, 'x')", inList(binary('||', a, b), [c, atom("'x'")], true)],
  ])('%s', (sql, e) => {
    expect(render(e)).toBe(sql);
  });

  it('treats one token or one wrapped call as an operand that needs no parentheses', () => {
    expect(render(binary('+', fromSql('"col"'), fromSql('lower(x)')))).toBe('"col" + lower(x)');
    expect(render(binary('+', fromSql('(a) - (b)'), c))).toBe('((a) - (b)) + c');
    expect(render(binary('+', fromSql("'it''s'"), c))).toBe("'it''s' + c");
    expect(render(binary('*', fromSql('-1'), c))).toBe('(-1) * c');
  });
});
