/**
 * A small SQL expression tree for the places where operator precedence matters (Kusto's binary,
 * unary, `in`, `between` and comparison operators). `render` adds parentheses only where DuckDB's
 * grammar needs them, by the PostgreSQL precedence table DuckDB's parser inherits
 * (https://www.postgresql.org/docs/current/sql-syntax-lexical.html#SQL-PRECEDENCE): OR < AND < NOT
 * < IS < comparisons < BETWEEN/IN/LIKE < other operators (`||`, `->>`) < + - < * / % // < unary
 * minus < `::`. Everything else (function calls, CASE, casts) stays SQL text: an `atom`, which
 * never needs parentheses, or `raw` text of unknown shape, which gets them whenever it is an operand.
 */

export type BinaryOp =
  | 'OR'
  | 'AND'
  | '='
  | '<>'
  | '<'
  | '<='
  | '>'
  | '>='
  | 'IS NOT DISTINCT FROM'
  | 'IS DISTINCT FROM'
  | '||'
  | '->>'
  | '+'
  | '-'
  | '*'
  | '/'
  | '//'
  | '%';

export type SqlExpr =
  | { kind: 'atom'; sql: string }
  | { kind: 'raw'; sql: string }
  | { kind: 'binary'; op: BinaryOp; left: SqlExpr; right: SqlExpr }
  | { kind: 'not'; operand: SqlExpr }
  | { kind: 'negate'; operand: SqlExpr }
  | { kind: 'is-null'; operand: SqlExpr; negated: boolean }
  | { kind: 'between'; operand: SqlExpr; low: SqlExpr; high: SqlExpr; negated: boolean }
  | { kind: 'in'; operand: SqlExpr; items: SqlExpr[]; negated: boolean };

const PREC = {
  or: 1,
  and: 2,
  not: 3,
  is: 4,
  compare: 5,
  between: 6,
  other: 7,
  add: 8,
  multiply: 9,
  negate: 10,
  atom: 100,
} as const;

const BINARY_PREC: Record<BinaryOp, number> = {
  OR: PREC.or,
  AND: PREC.and,
  '=': PREC.compare,
  '<>': PREC.compare,
  '<': PREC.compare,
  '<=': PREC.compare,
  '>': PREC.compare,
  '>=': PREC.compare,
  'IS NOT DISTINCT FROM': PREC.is,
  'IS DISTINCT FROM': PREC.is,
  '||': PREC.other,
  '->>': PREC.other,
  '+': PREC.add,
  '-': PREC.add,
  '*': PREC.multiply,
  '/': PREC.multiply,
  '//': PREC.multiply,
  '%': PREC.multiply,
};

/** Comparisons (and IS) do not chain in PostgreSQL's grammar: `a = b = c` is an error, so both sides of one are parenthesized at equal precedence. */
const NON_ASSOCIATIVE = new Set<number>([PREC.compare, PREC.is, PREC.between]);

export const atom = (sql: string): SqlExpr => ({ kind: 'atom', sql });
export const raw = (sql: string): SqlExpr => ({ kind: 'raw', sql });
export const binary = (op: BinaryOp, left: SqlExpr, right: SqlExpr): SqlExpr => ({ kind: 'binary', op, left, right });
export const not = (operand: SqlExpr): SqlExpr => ({ kind: 'not', operand });
export const negate = (operand: SqlExpr): SqlExpr => ({ kind: 'negate', operand });
export const isNull = (operand: SqlExpr, negated = false): SqlExpr => ({ kind: 'is-null', operand, negated });
export const between = (operand: SqlExpr, low: SqlExpr, high: SqlExpr, negated = false): SqlExpr => ({ kind: 'between', operand, low, high, negated });
export const inList = (operand: SqlExpr, items: SqlExpr[], negated = false): SqlExpr => ({ kind: 'in', operand, items, negated });
/** A function call, CAST, CASE … END: self-delimiting text. */
export const call = (name: string, ...args: (SqlExpr | string)[]): SqlExpr => atom(`${name}(${args.map(sqlOf).join(', ')})`);

/** AND/OR of several terms (TRUE/FALSE for none). */
export function allOf(terms: SqlExpr[]): SqlExpr {
  return terms.reduce<SqlExpr | null>((a, t) => (a ? binary('AND', a, t) : t), null) ?? atom('TRUE');
}
export function anyOf(terms: SqlExpr[]): SqlExpr {
  return terms.reduce<SqlExpr | null>((a, t) => (a ? binary('OR', a, t) : t), null) ?? atom('FALSE');
}

function precedence(e: SqlExpr): number {
  switch (e.kind) {
    case 'atom':
      return PREC.atom;
    case 'raw':
      return 0;
    case 'binary':
      return BINARY_PREC[e.op];
    case 'not':
      return PREC.not;
    case 'negate':
      return PREC.negate;
    case 'is-null':
      return PREC.is;
    case 'between':
    case 'in':
      return PREC.between;
  }
}

/** `e` as an operand of an operator of precedence `parent`; `tight` when equal precedence needs parentheses too (right side, non-associative). */
function operand(e: SqlExpr, parent: number, tight: boolean): string {
  const p = precedence(e);
  const text = render(e);
  if (p > parent || (p === parent && !tight && !NON_ASSOCIATIVE.has(p))) return text;
  return `(${text})`;
}

export function render(e: SqlExpr): string {
  switch (e.kind) {
    case 'atom':
    case 'raw':
      return e.sql;
    case 'binary': {
      const p = BINARY_PREC[e.op];
      return `${operand(e.left, p, false)} ${e.op} ${operand(e.right, p, true)}`;
    }
    case 'not':
      return `NOT ${operand(e.operand, PREC.not, false)}`;
    case 'negate': {
      // `--x` would start a comment: a negative operand always gets parentheses.
      const inner = operand(e.operand, PREC.negate, false);
      return inner.startsWith('-') ? `-(${inner})` : `-${inner}`;
    }
    case 'is-null':
      // Comparisons bind tighter than IS in PostgreSQL's table; parenthesized anyway for the reader.
      return `${operand(e.operand, PREC.compare, true)} IS ${e.negated ? 'NOT ' : ''}NULL`;
    case 'between':
      return `${operand(e.operand, PREC.between, true)} ${e.negated ? 'NOT ' : ''}BETWEEN ${operand(e.low, PREC.between, true)} AND ${operand(e.high, PREC.between, true)}`;
    case 'in':
      return `${operand(e.operand, PREC.between, true)} ${e.negated ? 'NOT ' : ''}IN (${e.items.map(render).join(', ')})`;
  }
}

export function sqlOf(e: SqlExpr | string): string {
  return typeof e === 'string' ? e : render(e);
}

/** Text from elsewhere as a tree node: raw (parenthesized as an operand) unless it is plainly one token or already wrapped. */
export function fromSql(sql: string): SqlExpr {
  const s = sql.trim();
  if (/^("[^"]*"|[A-Za-z_][\w.]*|-?\d+(\.\d+)?|'(?:[^']|'')*')$/.test(s) && !s.startsWith('-')) return atom(s);
  if (s.startsWith('(') && closesAtEnd(s)) return atom(s);
  const name = /^[A-Za-z_][\w.]*(?=\()/.exec(s)?.[0];
  if (name && !/^(NOT|EXISTS)$/i.test(name) && closesAtEnd(s.slice(name.length))) return atom(s);
  return raw(s);
}

/** Whether the parenthesis opening `s` is the one that closes at its end (so `(a) + (b)` is not wrapped). */
function closesAtEnd(s: string): boolean {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quote) {
      if (ch === quote) quote = null;
      continue;
    }
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0 && i < s.length - 1) return false;
    }
  }
  return depth === 0;
}
