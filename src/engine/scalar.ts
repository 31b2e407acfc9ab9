/**
 * Scalar KQL expressions → DuckDB SQL expressions, typed by the analyzer's ResultType. Operators
 * build an expression tree (sql.ts) that knows DuckDB's precedence; functions come from the
 * declarative library in functions/.
 */
import { unsupportedFunction, unsupportedSyntax } from './errors';
import { SCALAR_FUNCTIONS, TUPLE_FUNCTIONS } from './functions';
import { checkArgCount, type ScalarContext, type ScalarScope } from './functions/library';
import { literalSql, parseStringLiteral } from './literals';
import { type KNode, node, nodeType, referencedSymbol, resultType, syntaxListElements, tokenText } from './kusto-language';
import { duckType, quoteIdent, quoteString } from './kusto-types';
import { allOf, atom, between, binary, type BinaryOp, call, fromSql, inList, anyOf, negate, not, render, type SqlExpr } from './sql';
import type { KustoType } from './types';
import { addTimespan, escapeRegex, fromDynamic, isInteger, isNumeric, refusalSql, simpleName, snippet, symbolName, typeOf } from './values';
import { dynamicLiteralJson } from './dynamic-literal';
import { requireJsonFor } from './host-capabilities';

export type { ScalarScope } from './functions/library';

/** A user function call, bound: scalar arguments as values, tabular ones apart, and the expanded body. */
export interface BoundUserFunction {
  body: KNode;
  values: Map<string, string>;
  functions: Map<string, KNode>;
  /** The body's statements before its result expression (lets). */
  statements: KNode[];
  /** Tabular parameters: the argument node, or null for the source of `invoke`. */
  tables: { name: string; arg: KNode | null }[];
}

/**
 * Binds the arguments of a call to a user function (`let f = (T:(x:long), y:long = 2) {...}`) to
 * its parameter names — by position, by name (`f(12, c=7)`), or by default — and returns the
 * call's expansion (the body as analyzed at the call site, so its result types are the call's).
 * With `invoked`, the first tabular parameter is the source of `T | invoke f(…)`.
 */
export function expandUserFunction(call: KNode, scope: ScalarScope, invoked = false): BoundUserFunction | null {
  const name = simpleName(node(call, 'Name'));
  const decl = scope.functions?.get(name);
  if (!decl) return null;
  const expansion = (call as unknown as { GetExpansion(): KNode | null }).GetExpansion();
  if (!expansion || nodeType(expansion) !== 'FunctionBody') throw unsupportedSyntax(`the call of the user function '${name}'`, call);
  const params = syntaxListElements(node(node(decl, 'Parameters'), 'Parameters'));
  const args = syntaxListElements(node(node(call, 'ArgumentList'), 'Expressions'));
  const positional = args.filter((a) => nodeType(a) !== 'SimpleNamedExpression');
  const named = new Map(args.filter((a) => nodeType(a) === 'SimpleNamedExpression').map((a) => [simpleName(node(a, 'Name')), node(a, 'Expression')]));
  const values = new Map(scope.values);
  const tables: { name: string; arg: KNode | null }[] = [];
  const outer = new ScalarTranslator(scope);
  let next = 0;
  params.forEach((p, i) => {
    const nameAndType = node(p, 'NameAndType');
    const pname = simpleName(node(nameAndType, 'Name'));
    const tabular = nodeType(node(nameAndType, 'Type')) !== 'PrimitiveTypeExpression';
    if (tabular && invoked && i === 0) {
      tables.push({ name: pname, arg: null });
      return;
    }
    const a = named.get(pname) ?? positional[next++] ?? null;
    if (tabular) {
      if (!a) throw unsupportedSyntax(`the call of '${name}' without a value for '${pname}'`, call);
      tables.push({ name: pname, arg: a });
      return;
    }
    const source = a ?? node(node(p, 'DefaultValue'), 'Value');
    if (!source) throw unsupportedSyntax(`the call of '${name}' without a value for '${pname}'`, call);
    values.set(pname, outer.translate(source));
  });
  const functions = new Map(scope.functions);
  const statements: KNode[] = [];
  for (const st of syntaxListElements(node(expansion, 'Statements'))) {
    const e = node(st, 'Expression');
    // A function declared inside the body (`let g = (a:int) {...};`) is only expanded where called.
    if (nodeType(st) === 'LetStatement' && e && nodeType(e) === 'FunctionDeclaration') functions.set(simpleName(node(st, 'Name')), e);
    else statements.push(st);
  }
  return { body: expansion, values, functions, statements, tables };
}

/** How a refusal names an expression: "the 'bag_pack' function", "the member access 'd.a'". */
function constructName(n: KNode): string {
  const kind = nodeType(n);
  if (kind === 'FunctionCallExpression') return `the '${simpleName(node(n, 'Name'))}' function`;
  const text = tokenText(n).trim().replace(/\s+/g, ' ');
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  if (kind === 'PathExpression' || kind === 'ElementExpression') return `the dynamic member access '${shown}'`;
  return `'${shown}'`;
}

const COMPARISON: Record<string, BinaryOp> = {
  Equal: '=',
  NotEqual: '<>',
  LessThan: '<',
  LessThanOrEqual: '<=',
  GreaterThan: '>',
  GreaterThanOrEqual: '>=',
};

/** Kusto string operators: DuckDB function, case-insensitive, negated. */
const STRING_OPERATORS: Record<string, [fn: string, caseless: boolean, negated: boolean]> = {
  Contains: ['contains', true, false],
  NotContains: ['contains', true, true],
  ContainsCs: ['contains', false, false],
  NotContainsCs: ['contains', false, true],
  StartsWith: ['starts_with', true, false],
  NotStartsWith: ['starts_with', true, true],
  StartsWithCs: ['starts_with', false, false],
  NotStartsWithCs: ['starts_with', false, true],
  EndsWith: ['ends_with', true, false],
  NotEndsWith: ['ends_with', true, true],
  EndsWithCs: ['ends_with', false, false],
  NotEndsWithCs: ['ends_with', false, true],
};

export class ScalarTranslator implements ScalarContext {
  constructor(readonly scope: ScalarScope) {}

  translate(n: KNode): string {
    return render(this.expr(n));
  }

  expr(n: KNode): SqlExpr {
    const e = this.exprOf(n);
    // Children were translated (and checked) first, so the innermost construct that needs JSON is named.
    if (this.scope.host && !this.scope.host.json) requireJsonFor(this.scope.host, render(e), constructName(n), n);
    return e;
  }

  private exprOf(n: KNode): SqlExpr {
    const kind = nodeType(n);
    switch (kind) {
      case 'LiteralExpression':
        return fromSql(literalSql(tokenText(node(n, 'Token')), typeOf(n), n));
      case 'CompoundStringLiteralExpression':
        return atom(quoteString(this.literalString(n, n)));
      case 'DynamicExpression':
        return atom(`CAST(${quoteString(dynamicLiteralJson(n))} AS JSON)`);
      case 'NameReference':
        return this.nameReference(n);
      case 'ParenthesizedExpression':
        // KQL's parentheses are in the tree already; SQL gets its own where precedence needs them.
        return this.expr(this.req(n, 'Expression'));
      case 'BinaryExpression':
        return this.binary(n);
      case 'PrefixUnaryExpression': {
        const op = tokenText(node(n, 'Operator'));
        const e = this.expr(this.req(n, 'Expression'));
        if (op === '-') return negate(e);
        if (op === '+') return e;
        throw unsupportedSyntax(`the unary operator '${op}'`, n);
      }
      case 'InExpression':
        return this.inExpression(n);
      case 'HasAnyExpression':
      case 'HasAllExpression':
        return this.hasAnyExpression(n);
      case 'BetweenExpression':
        return this.between(n);
      case 'FunctionCallExpression':
        return this.call(n);
      case 'ToScalarExpression':
        return this.toScalar(n);
      case 'PathExpression': {
        const target = this.req(n, 'Expression');
        const selector = this.req(n, 'Selector');
        const key = nodeType(selector) === 'BracketedName' ? parseStringLiteral(tokenText(node(selector, 'Name')), n) : simpleName(selector);
        this.requireDynamic(target);
        return call('json_extract', this.expr(target), quoteString(`$."${key.replace(/"/g, '\\"')}"`));
      }
      case 'ElementExpression': {
        const target = this.req(n, 'Expression');
        const index = this.req(this.req(n, 'Selector'), 'Expression');
        // A tuple-valued call (array_sort_asc(a, b)[1]) is, as one value, the array of its parts.
        if (resultType(target)?.Name !== 'tuple') this.requireDynamic(target);
        const it = typeOf(index);
        const t = this.translate(target);
        if (it === 'string') return atom(`json_extract(${t}, '$."' || replace(${this.translate(index)}, '"', '\\"') || '"')`);
        if (it === 'int' || it === 'long') {
          const i = this.translate(index);
          return atom(`json_extract(${t}, CASE WHEN ${i} < 0 THEN '$[#' || CAST(${i} AS VARCHAR) || ']' ELSE '$[' || CAST(${i} AS VARCHAR) || ']' END)`);
        }
        throw unsupportedSyntax('this element access', n);
      }
      default:
        throw unsupportedSyntax(`the expression '${tokenText(n).slice(0, 60)}' (${kind})`, n);
    }
  }

  private req(n: KNode, name: string): KNode {
    const c = node(n, name);
    if (!c) throw unsupportedSyntax(`a ${nodeType(n)} without ${name}`, n);
    return c;
  }

  private requireDynamic(target: KNode): void {
    if (typeOf(target) !== 'dynamic') throw unsupportedSyntax('member access on a non-dynamic value', target);
  }

  private nameReference(n: KNode): SqlExpr {
    const sym = referencedSymbol(n);
    const name = simpleName(n);
    const symKind = sym ? nodeType(sym) : '';
    if (symKind === 'ColumnSymbol') return fromSql(this.scope.column ? this.scope.column(name, n) : quoteIdent(name));
    const bound = this.scope.values.get(name);
    if (bound !== undefined && symKind !== 'TableSymbol') return fromSql(bound);
    throw unsupportedSyntax(`the name '${name}' here`, n);
  }

  /** Operand `n` converted to the other side's type when one side of a comparison is dynamic. */
  private operand(n: KNode, other: KNode): SqlExpr {
    const t = typeOf(n);
    const o = typeOf(other);
    if (t === 'dynamic' && o !== 'dynamic') return fromSql(fromDynamic(this.translate(n), o));
    return this.expr(n);
  }

  private binary(n: KNode): SqlExpr {
    const leftNode = this.req(n, 'Left');
    const rightNode = this.req(n, 'Right');
    const op = symbolName(n);
    const l = this.operand(leftNode, rightNode);
    const r = this.operand(rightNode, leftNode);
    const comparison = COMPARISON[op];
    if (comparison) return binary(comparison, l, r);
    const stringOp = STRING_OPERATORS[op];
    if (stringOp) {
      const [f, caseless, negated] = stringOp;
      const test = caseless ? call(f, call('lower', l), call('lower', r)) : call(f, l, r);
      return negated ? not(test) : test;
    }
    switch (op) {
      case 'And':
        return binary('AND', l, r);
      case 'Or':
        return binary('OR', l, r);
      case 'EqualTilde':
        return binary('=', call('lower', l), call('lower', r));
      case 'BangTilde':
        return binary('<>', call('lower', l), call('lower', r));
      case 'Has':
      case 'NotHas':
      case 'HasCs':
      case 'NotHasCs':
        return this.has(n, render(l), rightNode, op);
      case 'MatchRegex':
        return call('regexp_matches', l, r);
      case 'Add':
      case 'Subtract':
      case 'Multiply':
      case 'Divide':
      case 'Modulo':
        return this.arithmetic(n, op, l, typeOf(leftNode), r, typeOf(rightNode), typeOf(n));
      default:
        throw unsupportedSyntax(`the operator '${tokenText(node(n, 'Operator'))}'`, n);
    }
  }

  // Kusto `has` matches whole terms: runs of ASCII letters/digits (docs: "datatypes-string-operators").
  private has(n: KNode, l: string, needleNode: KNode, op: string): SqlExpr {
    if (nodeType(needleNode) !== 'LiteralExpression' || typeOf(needleNode) !== 'string') {
      throw unsupportedSyntax(`'${tokenText(node(n, 'Operator'))}' with a non-literal right side`, n);
    }
    const needle = parseStringLiteral(tokenText(node(needleNode, 'Token')), n);
    const test = hasTerm(l, needle, !op.endsWith('Cs'), n);
    return op.startsWith('Not') ? not(test) : test;
  }

  /** `has_any` / `has_all` with a list of literal terms (or a dynamic array literal of them). */
  private hasAnyExpression(n: KNode): SqlExpr {
    const op = symbolName(n);
    const l = this.translate(this.req(n, 'Left'));
    const terms: string[] = [];
    for (const item of syntaxListElements(node(this.req(n, 'Right'), 'Expressions'))) {
      if (nodeType(item) === 'DynamicExpression') {
        const value = JSON.parse(dynamicLiteralJson(item)) as unknown;
        if (!Array.isArray(value)) throw unsupportedSyntax(`'${tokenText(node(n, 'Operator'))}' with a dynamic value that is not an array`, item);
        for (const v of value) terms.push(String(v));
      } else terms.push(this.literalString(item, n));
    }
    const tests = terms.map((term) => hasTerm(l, term, true, n));
    if (op === 'HasAll' || nodeType(n) === 'HasAllExpression') return allOf(tests);
    return anyOf(tests);
  }

  private arithmetic(n: KNode, op: string, le: SqlExpr, lt: KustoType, re: SqlExpr, rt: KustoType, out: KustoType): SqlExpr {
    const l = render(le);
    const r = render(re);
    const sym = ({ Add: '+', Subtract: '-', Multiply: '*', Divide: '/', Modulo: '%' } as const)[op as 'Add'] ?? '+';
    if (out === 'int' || out === 'long') {
      if (op === 'Divide') return atom(`CAST(${render(binary('//', le, re))} AS ${duckType(out)})`);
      if (op === 'Modulo') return atom(`CAST(${render(binary('%', le, re))} AS ${duckType(out)})`);
      return atom(`CAST(${render(binary(sym, atom(`CAST(${l} AS BIGINT)`), re))} AS ${duckType(out)})`);
    }
    if (out === 'real') {
      if (lt === 'timespan' && rt === 'timespan' && op === 'Divide') return binary('/', call('epoch', le), call('epoch', re));
      return binary(sym, atom(`CAST(${l} AS DOUBLE)`), re);
    }
    if (out === 'datetime' && (op === 'Add' || op === 'Subtract')) {
      if (lt === 'datetime' && rt === 'timespan') return fromSql(addTimespan(l, r, op === 'Subtract' ? '-' : '+', this.micro(this.req(n, 'Left'))));
      if (lt === 'timespan' && rt === 'datetime' && op === 'Add') return fromSql(addTimespan(r, l, '+', this.micro(this.req(n, 'Right'))));
    }
    if (out === 'timespan') {
      // A span between ns-precise datetimes can have a sub-micro part an INTERVAL cannot hold.
      const what = refusalSql(`the timespan ${snippet(n)} when it is not a whole number of microseconds`);
      if (op === 'Subtract' && lt === 'datetime' && rt === 'datetime') {
        if (this.micro(this.req(n, 'Left')) && this.micro(this.req(n, 'Right'))) return atom(`to_microseconds(epoch_us(${l}) - epoch_us(${r}))`);
        return atom(`kql_ns_timespan(epoch_ns(${l}) - epoch_ns(${r}), ${what})`);
      }
      if ((op === 'Add' || op === 'Subtract') && lt === 'timespan' && rt === 'timespan') return binary(sym, le, re);
      // A whole number of micros times an integer stays whole: BIGINT arithmetic, no check. The
      // checked path multiplies in DECIMAL(38) (10.0 is a DECIMAL literal), whose round() took
      // ~9 s of DuckDB time for `x * 1s` over 500k rows (EXPLAIN ANALYZE; bench/cluster).
      if (op === 'Multiply' && isInteger(rt)) return call('to_microseconds', binary('*', call('epoch_us', le), atom(`CAST(${r} AS BIGINT)`)));
      if (op === 'Multiply' && isInteger(lt)) return call('to_microseconds', binary('*', call('epoch_us', re), atom(`CAST(${l} AS BIGINT)`)));
      const ticks = (span: SqlExpr) => binary('*', call('epoch_us', span), atom('10.0'));
      if (op === 'Multiply' && isNumeric(rt)) return call('kql_ticks_timespan', binary('*', ticks(le), re), what);
      if (op === 'Multiply' && isNumeric(lt)) return call('kql_ticks_timespan', binary('*', ticks(re), le), what);
      if (op === 'Divide' && isNumeric(rt)) return call('kql_ticks_timespan', binary('/', ticks(le), re), what);
    }
    if (out === 'decimal') return binary(sym, le, re);
    throw unsupportedSyntax(`'${sym}' between ${lt} and ${rt}`, n);
  }

  private inExpression(n: KNode): SqlExpr {
    const op = symbolName(n);
    const leftNode = this.req(n, 'Left');
    const list = this.req(n, 'Right');
    const items = syntaxListElements(node(list, 'Expressions'));
    const lt = typeOf(leftNode);
    if (lt === 'dynamic') throw unsupportedSyntax(`'${tokenText(node(n, 'Operator'))}' with a dynamic left side`, n);
    const caseless = op === 'InCs' || op === 'NotInCs';
    const fold = (v: SqlExpr) => (caseless ? call('lower', v) : v);
    const l = fold(this.expr(leftNode));
    const tests: SqlExpr[] = [];
    const scalars: SqlExpr[] = [];
    for (const item of items) {
      if (!resultType(item)?.IsScalar) {
        // A subquery or a let-bound table: its first column (Kusto "in operator" docs).
        const sub = this.scope.subquery?.(item);
        if (!sub) throw unsupportedSyntax(`'${tokenText(node(n, 'Operator'))}' with a subquery here`, n);
        const first = sub.columns[0];
        if (!first) throw unsupportedSyntax(`'${tokenText(node(n, 'Operator'))}' with a subquery of no columns`, item);
        const value = first.ColumnType === 'dynamic' ? fromDynamic(quoteIdent(first.ColumnName), lt) : quoteIdent(first.ColumnName);
        const v = caseless ? `lower(${value})` : value;
        tests.push(atom(`coalesce(${render(l)} IN (SELECT ${v} FROM ${sub.cte}), FALSE)`));
        continue;
      }
      if (typeOf(item) !== 'dynamic') {
        scalars.push(fold(this.expr(item)));
        continue;
      }
      // A dynamic array in the list contributes its elements (Kusto "in" docs: "a dynamic array
      // ... is expanded"); each element is cast to the left side's type, as a comparison would.
      tests.push(
        atom(`coalesce(list_contains(list_transform(json_extract(${this.translate(item)}, '$[*]'), e -> ${render(fold(fromSql(fromDynamic('e', lt))))}), ${render(l)}), FALSE)`),
      );
    }
    if (scalars.length > 0) tests.unshift(inList(l, scalars));
    const any = anyOf(tests);
    switch (op) {
      case 'In':
      case 'InCs':
        return any;
      case 'NotIn':
      case 'NotInCs':
        return not(any);
      default:
        throw unsupportedSyntax(`the operator '${tokenText(node(n, 'Operator'))}'`, n);
    }
  }

  private between(n: KNode): SqlExpr {
    const couple = this.req(n, 'Right');
    const leftNode = this.req(n, 'Left');
    const first = this.req(couple, 'First');
    const second = this.req(couple, 'Second');
    const a = this.expr(first);
    let b = this.expr(second);
    if (typeOf(leftNode) === 'datetime' && typeOf(second) === 'timespan') b = fromSql(addTimespan(render(a), render(b), '+', this.micro(first)));
    return between(this.expr(leftNode), a, b, symbolName(n) === 'NotBetween');
  }

  /** toscalar(T): the first column of the first row of a tabular expression, once (Kusto "toscalar()" docs). */
  private toScalar(n: KNode): SqlExpr {
    const inner = this.req(n, 'Expression');
    if (resultType(inner)?.IsScalar) return this.expr(inner);
    const sub = this.scope.subquery?.(inner);
    if (!sub) throw unsupportedFunction('toscalar', n, 'It is not implemented here.');
    const first = sub.columns[0];
    if (!first) throw unsupportedFunction('toscalar', n, 'The expression has no columns.');
    return atom(`(SELECT ${quoteIdent(first.ColumnName)} FROM ${sub.cte} LIMIT 1)`);
  }

  /**
   * Whether the datetime expression `n` statically holds whole microseconds (a DuckDB TIMESTAMP):
   * stored columns, startof*(), bin(), now(), 6-digit literals and whole-micro arithmetic on
   * those. Only such values may skip kql_floor_us() and the TIMESTAMP_NS arithmetic, which cost
   * 1.3–4× on a scan. Anything not proven (endof*(), 7-digit literals, let values, aggregates,
   * user functions) is treated as carrying 100 ns ticks.
   */
  micro(n: KNode): boolean {
    switch (nodeType(n)) {
      case 'LiteralExpression':
        return typeOf(n) === 'datetime' && !this.translate(n).startsWith('TIMESTAMP_NS');
      case 'ParenthesizedExpression':
        return this.micro(this.req(n, 'Expression'));
      case 'NameReference':
        return nodeType(referencedSymbol(n)) === 'ColumnSymbol' && (this.scope.microColumns?.has(simpleName(n)) ?? false);
      case 'BinaryExpression': {
        const op = symbolName(n);
        if (typeOf(n) !== 'datetime' || (op !== 'Add' && op !== 'Subtract')) return false;
        const l = this.req(n, 'Left');
        return this.micro(typeOf(l) === 'datetime' ? l : this.req(n, 'Right'));
      }
      case 'FunctionCallExpression': {
        if (this.scope.functions?.has(simpleName(node(n, 'Name')))) return false;
        const spec = SCALAR_FUNCTIONS[symbolName(n).toLowerCase()];
        return spec?.micro?.(this, this.args(n), n) ?? false;
      }
      default:
        return false;
    }
  }

  /** `n` (translated as `sql`) floored to micros for DuckDB functions that only take micros: a no-op for whole-micro values. */
  floorUs(n: KNode, sql: string = this.translate(n)): string {
    return this.micro(n) ? sql : `kql_floor_us(${sql})`;
  }

  /** The SQL of each column a tuple-valued call (series_stats) gives, or null for a scalar expression. */
  tuple(n: KNode): string[] | null {
    if (nodeType(n) !== 'FunctionCallExpression') return null;
    const name = symbolName(n).toLowerCase();
    const spec = TUPLE_FUNCTIONS[name];
    if (!spec) {
      if (resultType(n)?.Name === 'tuple') throw unsupportedFunction(name || tokenText(node(n, 'Name')), n);
      return null;
    }
    const a = this.args(n);
    if (a.length < spec.args[0] || a.length > spec.args[1]) throw unsupportedFunction(name, n, 'This argument count is not implemented.');
    return spec.parts(this, a, n);
  }

  /** The same translator, with these aggregate calls already SQL (a summarize expression over aggregates). */
  withAggregates(aggregates: ReadonlyMap<KNode, string>): ScalarTranslator {
    return new ScalarTranslator({ ...this.scope, aggregates });
  }

  args(n: KNode): KNode[] {
    return syntaxListElements(node(node(n, 'ArgumentList'), 'Expressions'));
  }

  private call(n: KNode): SqlExpr {
    const window = this.scope.windows?.get(n);
    if (window) return atom(quoteIdent(window));
    const aggregate = this.scope.aggregates?.get(n);
    if (aggregate) return atom(`(${aggregate})`);
    const user = expandUserFunction(n, this.scope);
    if (user) {
      if (user.tables.length > 0) throw unsupportedSyntax(`a call of '${simpleName(node(n, 'Name'))}' with tabular arguments in a scalar expression`, n);
      const inner: ScalarScope = { ...this.scope, values: user.values, functions: user.functions };
      for (const st of user.statements) {
        if (nodeType(st) !== 'LetStatement') throw unsupportedSyntax('this statement in a function body', st);
        const e = node(st, 'Expression');
        if (!e || !resultType(e)?.IsScalar) throw unsupportedSyntax('a tabular let inside a scalar function', st);
        user.values.set(simpleName(node(st, 'Name')), new ScalarTranslator(inner).translate(e));
      }
      const body = node(user.body, 'Expression');
      if (!body) throw unsupportedSyntax('an empty function body', n);
      return fromSql(`(${new ScalarTranslator(inner).translate(body)})`);
    }
    const name = symbolName(n).toLowerCase();
    const argNodes = this.args(n);
    const spec = SCALAR_FUNCTIONS[name];
    if (!spec) throw unsupportedFunction(name || tokenText(node(n, 'Name')), n);
    checkArgCount(name, spec, argNodes.length, n);
    const sql = spec.sql(this, argNodes, n);
    return typeof sql === 'string' ? fromSql(sql) : sql;
  }

  /** Translates a function argument that must be a literal string (a regex, a format). */
  literalString(n: KNode | undefined, at: KNode): string {
    if (!n) throw unsupportedSyntax('a missing argument', at);
    if (nodeType(n) === 'LiteralExpression' && typeOf(n) === 'string') return parseStringLiteral(tokenText(node(n, 'Token')), at);
    if (nodeType(n) === 'CompoundStringLiteralExpression') {
      return syntaxListElements(node(n, 'Tokens'))
        .map((t) => parseStringLiteral(tokenText(t), at))
        .join('');
    }
    if (nodeType(n) === 'ParenthesizedExpression') return this.literalString(node(n, 'Expression') ?? undefined, at);
    throw unsupportedSyntax('a non-literal argument here', n);
  }
}

/**
 * Kusto `has`: whole-term match (terms are runs of ASCII letters and digits; docs
 * "String operators", "Understanding string terms"). A needle with punctuation inside matches as
 * a sequence of terms; one starting or ending with punctuation is refused.
 */
function hasTerm(l: string, needle: string, caseless: boolean, at: KNode): SqlExpr {
  if (needle === '') return atom('TRUE');
  if (!/^[A-Za-z0-9].*[A-Za-z0-9]$|^[A-Za-z0-9]$/.test(needle)) throw unsupportedSyntax(`'has' with a term that starts or ends with punctuation`, at);
  const re = `(^|[^A-Za-z0-9])${escapeRegex(needle)}([^A-Za-z0-9]|$)`;
  return atom(`regexp_matches(${l}, ${quoteString(re)}${caseless ? ", 'i'" : ''})`);
}
