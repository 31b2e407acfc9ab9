/** Scalar KQL expressions → DuckDB SQL expressions, typed by the analyzer's ResultType. */
import { RUNTIME_UNSUPPORTED, unsupportedFunction, unsupportedSyntax } from './errors';
import { literalSql, parseStringLiteral } from './literals';
import {
  type KNode,
  member,
  node,
  nodeType,
  referencedSymbol,
  resultType,
  syntaxListElements,
  tokenText,
} from './kusto-language';
import { duckType, quoteIdent, quoteString } from './kusto-types';
import { kustoType, type KustoType } from './types';

export interface ScalarScope {
  /** Let-bound scalars and query parameters: name → SQL. */
  values: Map<string, string>;
  /** Column reference → SQL (joins qualify columns); defaults to the quoted name. */
  column?: (name: string, at: KNode) => string;
  /** User functions declared with `let f = (a:long) { ... }`: name → FunctionDeclaration node. */
  functions?: Map<string, KNode>;
  /** Datetime columns of the input known to hold whole microseconds (TIMESTAMP): see ScalarTranslator.micro(). */
  microColumns?: ReadonlySet<string>;
}

/**
 * Binds the arguments of a call to a user function (`let f = (x:long, y:long = 2) {...}`) to its
 * parameter names, and returns the call's expansion (the body as analyzed at the call site, so
 * its result types are the call's).
 */
export function expandUserFunction(call: KNode, scope: ScalarScope): { body: KNode; values: Map<string, string>; statements: KNode[] } | null {
  const name = simpleName(node(call, 'Name'));
  const decl = scope.functions?.get(name);
  if (!decl) return null;
  const expansion = (call as unknown as { GetExpansion(): KNode | null }).GetExpansion();
  if (!expansion || nodeType(expansion) !== 'FunctionBody') throw unsupportedSyntax(`the call of the user function '${name}'`, call);
  const params = syntaxListElements(node(node(decl, 'Parameters'), 'Parameters'));
  const args = syntaxListElements(node(node(call, 'ArgumentList'), 'Expressions'));
  const values = new Map(scope.values);
  const outer = new ScalarTranslator(scope);
  params.forEach((p, i) => {
    const nameAndType = node(p, 'NameAndType');
    const pname = simpleName(node(nameAndType, 'Name'));
    if (nodeType(node(nameAndType, 'Type')) !== 'PrimitiveTypeExpression') {
      throw unsupportedSyntax(`tabular parameters of user functions ('${pname}' of '${name}')`, p);
    }
    const a = args[i];
    if (a && nodeType(a) === 'SimpleNamedExpression') throw unsupportedSyntax(`named arguments in the call of '${name}'`, a);
    const source = a ?? node(node(p, 'DefaultValue'), 'Value');
    if (!source) throw unsupportedSyntax(`the call of '${name}' without a value for '${pname}'`, call);
    values.set(pname, outer.translate(source));
  });
  return { body: expansion, values, statements: syntaxListElements(node(expansion, 'Statements')) };
}

/** `[-][d.]hh:mm:ss[.fffffff]` of an INTERVAL, as Kusto's tostring()/format of a timespan. */
function timespanText(sql: string): string {
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
const EPOCH_TICKS = 621355968000000000n;

function snippet(n: KNode): string {
  return `'${tokenText(n).replace(/\s+/g, ' ').trim().slice(0, 80)}'`;
}

export function typeOf(n: KNode): KustoType {
  const t = resultType(n);
  const k = t ? kustoType(t.Name) : null;
  if (!k) throw unsupportedSyntax(`expressions of type '${t?.Name ?? 'unknown'}'`, n);
  return k;
}

function symbolName(n: KNode): string {
  return referencedSymbol(n)?.Name ?? '';
}

export function simpleName(n: KNode | null): string {
  return member<string>(n, 'SimpleName') ?? '';
}

function isInteger(t: KustoType): boolean {
  return t === 'int' || t === 'long';
}

function isNumeric(t: KustoType): boolean {
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
      return `(${sql} ->> '$')`;
    case 'bool':
      return `CASE WHEN ${sql} THEN 'true' WHEN NOT ${sql} THEN 'false' END`;
    case 'real':
      return `CAST(${sql} AS VARCHAR)`;
    case 'timespan':
      return timespanText(sql);
    default:
      return `CAST(${sql} AS VARCHAR)`;
  }
}

/** A value placed inside a dynamic (pack, make_list): datetimes become Kusto's ISO strings. */
export function toJsonValue(sql: string, t: KustoType): string {
  if (t === 'datetime') return toKustoString(sql, t);
  if (t === 'timespan') throw unsupportedFunction('pack', null, 'timespans inside dynamic values are not implemented.');
  if (t === 'guid' || t === 'decimal') return `CAST(${sql} AS VARCHAR)`;
  return sql;
}

/** Converts a dynamic (JSON) value for comparison/arithmetic with a scalar of type `t`. */
export function fromDynamic(sql: string, t: KustoType): string {
  switch (t) {
    case 'string':
      return `(${sql} ->> '$')`;
    case 'dynamic':
      return sql;
    default:
      return `TRY_CAST(${sql} ->> '$' AS ${duckType(t)})`;
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class ScalarTranslator {
  constructor(private readonly scope: ScalarScope) {}

  translate(n: KNode): string {
    const kind = nodeType(n);
    switch (kind) {
      case 'LiteralExpression':
        return literalSql(tokenText(node(n, 'Token')), typeOf(n), n);
      case 'CompoundStringLiteralExpression':
        return quoteString(
          syntaxListElements(node(n, 'Tokens'))
            .map((t) => parseStringLiteral(tokenText(t), n))
            .join(''),
        );
      case 'DynamicExpression':
        return this.dynamicLiteral(n);
      case 'NameReference':
        return this.nameReference(n);
      case 'ParenthesizedExpression':
        return `(${this.translate(this.req(n, 'Expression'))})`;
      case 'BinaryExpression':
        return this.binary(n);
      case 'PrefixUnaryExpression': {
        const op = tokenText(node(n, 'Operator'));
        const e = this.translate(this.req(n, 'Expression'));
        if (op === '-') return `(-${e})`;
        if (op === '+') return e;
        throw unsupportedSyntax(`the unary operator '${op}'`, n);
      }
      case 'InExpression':
        return this.inExpression(n);
      case 'BetweenExpression':
        return this.between(n);
      case 'FunctionCallExpression':
        return this.call(n);
      case 'PathExpression': {
        const target = this.req(n, 'Expression');
        const selector = this.req(n, 'Selector');
        const key = nodeType(selector) === 'BracketedName' ? parseStringLiteral(tokenText(node(selector, 'Name')), n) : simpleName(selector);
        this.requireDynamic(target);
        return `json_extract(${this.translate(target)}, ${quoteString(`$."${key.replace(/"/g, '\\"')}"`)})`;
      }
      case 'ElementExpression': {
        const target = this.req(n, 'Expression');
        const index = this.req(this.req(n, 'Selector'), 'Expression');
        this.requireDynamic(target);
        const it = typeOf(index);
        const t = this.translate(target);
        if (it === 'string') return `json_extract(${t}, '$."' || replace(${this.translate(index)}, '"', '\\"') || '"')`;
        if (it === 'int' || it === 'long') {
          const i = this.translate(index);
          return `json_extract(${t}, CASE WHEN ${i} < 0 THEN '$[#' || CAST(${i} AS VARCHAR) || ']' ELSE '$[' || CAST(${i} AS VARCHAR) || ']' END)`;
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

  private dynamicLiteral(n: KNode): string {
    const inner = node(n, 'Expression');
    const text = inner ? tokenText(inner) : 'null';
    try {
      JSON.parse(text);
    } catch {
      throw unsupportedSyntax(`the dynamic literal ${text.slice(0, 60)} (only JSON is implemented)`, n);
    }
    return `CAST(${quoteString(text)} AS JSON)`;
  }

  private nameReference(n: KNode): string {
    const sym = referencedSymbol(n);
    const name = simpleName(n);
    const symKind = sym ? nodeType(sym) : '';
    if (symKind === 'ColumnSymbol') return this.scope.column ? this.scope.column(name, n) : quoteIdent(name);
    const bound = this.scope.values.get(name);
    if (bound !== undefined && symKind !== 'TableSymbol') return `(${bound})`;
    throw unsupportedSyntax(`the name '${name}' here`, n);
  }

  /** Operand `n` converted to `t` when one side of a comparison is dynamic. */
  private operand(n: KNode, other: KNode): string {
    const t = typeOf(n);
    const o = typeOf(other);
    const sql = this.translate(n);
    if (t === 'dynamic' && o !== 'dynamic') return fromDynamic(sql, o);
    return sql;
  }

  private binary(n: KNode): string {
    const leftNode = this.req(n, 'Left');
    const rightNode = this.req(n, 'Right');
    const op = symbolName(n);
    const lt = typeOf(leftNode);
    const rt = typeOf(rightNode);
    const l = this.operand(leftNode, rightNode);
    const r = this.operand(rightNode, leftNode);
    const out = typeOf(n);
    const ci = (f: string, neg: boolean) => `(${neg ? 'NOT ' : ''}${f}(lower(${l}), lower(${r})))`;
    const cs = (f: string, neg: boolean) => `(${neg ? 'NOT ' : ''}${f}(${l}, ${r}))`;
    switch (op) {
      case 'And':
        return `(${l} AND ${r})`;
      case 'Or':
        return `(${l} OR ${r})`;
      case 'Equal':
        return `(${l} = ${r})`;
      case 'NotEqual':
        return `(${l} <> ${r})`;
      case 'LessThan':
        return `(${l} < ${r})`;
      case 'LessThanOrEqual':
        return `(${l} <= ${r})`;
      case 'GreaterThan':
        return `(${l} > ${r})`;
      case 'GreaterThanOrEqual':
        return `(${l} >= ${r})`;
      case 'EqualTilde':
        return `(lower(${l}) = lower(${r}))`;
      case 'BangTilde':
        return `(lower(${l}) <> lower(${r}))`;
      case 'Contains':
        return ci('contains', false);
      case 'NotContains':
        return ci('contains', true);
      case 'ContainsCs':
        return cs('contains', false);
      case 'NotContainsCs':
        return cs('contains', true);
      case 'StartsWith':
        return ci('starts_with', false);
      case 'NotStartsWith':
        return ci('starts_with', true);
      case 'StartsWithCs':
        return cs('starts_with', false);
      case 'NotStartsWithCs':
        return cs('starts_with', true);
      case 'EndsWith':
        return ci('ends_with', false);
      case 'NotEndsWith':
        return ci('ends_with', true);
      case 'EndsWithCs':
        return cs('ends_with', false);
      case 'NotEndsWithCs':
        return cs('ends_with', true);
      case 'Has':
      case 'NotHas':
      case 'HasCs':
      case 'NotHasCs':
        return this.has(n, l, rightNode, op);
      case 'MatchRegex':
        return `regexp_matches(${l}, ${r})`;
      case 'Add':
      case 'Subtract':
      case 'Multiply':
      case 'Divide':
      case 'Modulo':
        return this.arithmetic(n, op, l, lt, r, rt, out);
      default:
        throw unsupportedSyntax(`the operator '${tokenText(node(n, 'Operator'))}'`, n);
    }
  }

  // Kusto `has` matches whole terms: runs of ASCII letters/digits (docs: "datatypes-string-operators").
  private has(n: KNode, l: string, needleNode: KNode, op: string): string {
    if (nodeType(needleNode) !== 'LiteralExpression' || typeOf(needleNode) !== 'string') {
      throw unsupportedSyntax(`'${tokenText(node(n, 'Operator'))}' with a non-literal right side`, n);
    }
    const needle = parseStringLiteral(tokenText(node(needleNode, 'Token')), n);
    if (needle === '') return op.startsWith('Not') ? 'FALSE' : 'TRUE';
    if (!/^[A-Za-z0-9].*[A-Za-z0-9]$|^[A-Za-z0-9]$/.test(needle)) {
      throw unsupportedSyntax(`'has' with a term that starts or ends with punctuation`, n);
    }
    const flags = op.endsWith('Cs') ? '' : 'i';
    const re = `(^|[^A-Za-z0-9])${escapeRegex(needle)}([^A-Za-z0-9]|$)`;
    const test = `regexp_matches(${l}, ${quoteString(re)}${flags ? `, '${flags}'` : ''})`;
    return op.startsWith('Not') ? `(NOT ${test})` : test;
  }

  private arithmetic(n: KNode, op: string, l: string, lt: KustoType, r: string, rt: KustoType, out: KustoType): string {
    const sym = { Add: '+', Subtract: '-', Multiply: '*', Divide: '/', Modulo: '%' }[op] ?? '+';
    if (out === 'int' || out === 'long') {
      if (op === 'Divide') return `CAST((${l} // ${r}) AS ${duckType(out)})`;
      if (op === 'Modulo') return `CAST((${l} % ${r}) AS ${duckType(out)})`;
      return `CAST((CAST(${l} AS BIGINT) ${sym} ${r}) AS ${duckType(out)})`;
    }
    if (out === 'real') {
      if (lt === 'timespan' && rt === 'timespan' && op === 'Divide') return `(epoch(${l}) / epoch(${r}))`;
      return `(CAST(${l} AS DOUBLE) ${sym} ${r})`;
    }
    if (out === 'datetime' && (op === 'Add' || op === 'Subtract')) {
      if (lt === 'datetime' && rt === 'timespan') return addTimespan(l, r, op === 'Subtract' ? '-' : '+', this.micro(this.req(n, 'Left')));
      if (lt === 'timespan' && rt === 'datetime' && op === 'Add') return addTimespan(r, l, '+', this.micro(this.req(n, 'Right')));
    }
    if (out === 'timespan') {
      // A span between ns-precise datetimes can have a sub-micro part an INTERVAL cannot hold.
      const what = refusalSql(`the timespan ${snippet(n)} when it is not a whole number of microseconds`);
      if (op === 'Subtract' && lt === 'datetime' && rt === 'datetime') {
        if (this.micro(this.req(n, 'Left')) && this.micro(this.req(n, 'Right'))) return `to_microseconds(epoch_us(${l}) - epoch_us(${r}))`;
        return `kql_ns_timespan(epoch_ns(${l}) - epoch_ns(${r}), ${what})`;
      }
      if ((op === 'Add' || op === 'Subtract') && lt === 'timespan' && rt === 'timespan') return `(${l} ${sym} ${r})`;
      // A whole number of micros times an integer stays whole: BIGINT arithmetic, no check. The
      // checked path multiplies in DECIMAL(38) (10.0 is a DECIMAL literal), whose round() took
      // ~9 s of DuckDB time for `x * 1s` over 500k rows (EXPLAIN ANALYZE; bench/cluster).
      if (op === 'Multiply' && isInteger(rt)) return `to_microseconds(epoch_us(${l}) * CAST(${r} AS BIGINT))`;
      if (op === 'Multiply' && isInteger(lt)) return `to_microseconds(epoch_us(${r}) * CAST(${l} AS BIGINT))`;
      if (op === 'Multiply' && isNumeric(rt)) return `kql_ticks_timespan(epoch_us(${l}) * 10.0 * ${r}, ${what})`;
      if (op === 'Multiply' && isNumeric(lt)) return `kql_ticks_timespan(epoch_us(${r}) * 10.0 * ${l}, ${what})`;
      if (op === 'Divide' && isNumeric(rt)) return `kql_ticks_timespan(epoch_us(${l}) * 10.0 / ${r}, ${what})`;
    }
    if (out === 'decimal') return `(${l} ${sym} ${r})`;
    throw unsupportedSyntax(`'${sym}' between ${lt} and ${rt}`, n);
  }

  private inExpression(n: KNode): string {
    const op = symbolName(n);
    const leftNode = this.req(n, 'Left');
    const list = this.req(n, 'Right');
    const items = syntaxListElements(node(list, 'Expressions'));
    if (items.some((i) => !resultType(i)?.IsScalar)) {
      throw unsupportedSyntax(`'${tokenText(node(n, 'Operator'))}' with a subquery`, n);
    }
    const lt = typeOf(leftNode);
    if (lt === 'dynamic') throw unsupportedSyntax(`'${tokenText(node(n, 'Operator'))}' with a dynamic left side`, n);
    const caseless = op === 'InCs' || op === 'NotInCs';
    const fold = (v: string) => (caseless ? `lower(${v})` : v);
    const l = fold(this.translate(leftNode));
    const scalars = items.filter((i) => typeOf(i) !== 'dynamic').map((i) => fold(this.translate(i)));
    // A dynamic array in the list contributes its elements (Kusto "in" docs: "a dynamic array
    // ... is expanded"); each element is cast to the left side's type, as a comparison would.
    const arrays = items
      .filter((i) => typeOf(i) === 'dynamic')
      .map((i) => `coalesce(list_contains(list_transform(json_extract(${this.translate(i)}, '$[*]'), e -> ${fold(fromDynamic('e', lt))}), ${l}), FALSE)`);
    const tests = [...(scalars.length > 0 ? [`${l} IN (${scalars.join(', ')})`] : []), ...arrays];
    const any = `(${tests.join(' OR ') || 'FALSE'})`;
    switch (op) {
      case 'In':
      case 'InCs':
        return any;
      case 'NotIn':
      case 'NotInCs':
        return `(NOT ${any})`;
      default:
        throw unsupportedSyntax(`the operator '${tokenText(node(n, 'Operator'))}'`, n);
    }
  }

  private between(n: KNode): string {
    const couple = this.req(n, 'Right');
    const leftNode = this.req(n, 'Left');
    const first = this.req(couple, 'First');
    const second = this.req(couple, 'Second');
    const l = this.translate(leftNode);
    const a = this.translate(first);
    let b = this.translate(second);
    if (typeOf(leftNode) === 'datetime' && typeOf(second) === 'timespan') b = addTimespan(a, b, '+', this.micro(first));
    const neg = symbolName(n) === 'NotBetween';
    return `(${l} ${neg ? 'NOT ' : ''}BETWEEN ${a} AND ${b})`;
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
        const a = this.args(n);
        const all = (xs: (KNode | undefined)[]) => xs.length > 0 && xs.every((x) => x !== undefined && this.micro(x));
        switch (symbolName(n).toLowerCase()) {
          case 'startofday':
          case 'startofweek':
          case 'startofmonth':
          case 'startofyear':
          case 'now':
          case 'ago':
            return true;
          case 'bin':
          case 'floor':
            return typeOf(n) === 'datetime';
          case 'datetime_add':
            return all([a[2]]);
          case 'todatetime':
            return a[0] !== undefined && typeOf(a[0]) === 'datetime' && this.micro(a[0]);
          case 'iff':
          case 'iif':
            return all([a[1], a[2]]);
          case 'case':
            return all(a.filter((_, i) => i % 2 === 1 || i === a.length - 1));
          case 'coalesce':
            return all(a);
          default:
            return false;
        }
      }
      default:
        return false;
    }
  }

  /** `n` (translated as `sql`) floored to micros for DuckDB functions that only take micros: a no-op for whole-micro values. */
  floorUs(n: KNode, sql: string = this.translate(n)): string {
    return this.micro(n) ? sql : `kql_floor_us(${sql})`;
  }

  args(n: KNode): KNode[] {
    return syntaxListElements(node(node(n, 'ArgumentList'), 'Expressions'));
  }

  private call(n: KNode): string {
    const user = expandUserFunction(n, this.scope);
    if (user) {
      const inner: ScalarScope = { ...this.scope, values: user.values };
      for (const st of user.statements) {
        if (nodeType(st) !== 'LetStatement') throw unsupportedSyntax('this statement in a function body', st);
        const e = node(st, 'Expression');
        if (!e || !resultType(e)?.IsScalar) throw unsupportedSyntax('a tabular let inside a scalar function', st);
        user.values.set(simpleName(node(st, 'Name')), new ScalarTranslator(inner).translate(e));
      }
      const body = node(user.body, 'Expression');
      if (!body) throw unsupportedSyntax('an empty function body', n);
      return `(${new ScalarTranslator(inner).translate(body)})`;
    }
    const name = symbolName(n).toLowerCase();
    const argNodes = this.args(n);
    const fn = SCALAR_FUNCTIONS[name];
    if (!fn) throw unsupportedFunction(name || tokenText(node(n, 'Name')), n);
    return fn(this, argNodes, n);
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
    throw unsupportedSyntax('a non-literal argument here', n);
  }
}

type ScalarFunction = (t: ScalarTranslator, args: KNode[], call: KNode) => string;

function arg(args: KNode[], i: number, call: KNode): KNode {
  const a = args[i];
  if (!a) throw unsupportedSyntax(`a call without argument ${i + 1}`, call);
  return a;
}

function nArgs(name: string, min: number, max: number, f: ScalarFunction): ScalarFunction {
  return (t, args, call) => {
    if (args.length < min || args.length > max) throw unsupportedFunction(name, call, `This argument count is not implemented.`);
    return f(t, args, call);
  };
}

const simple =
  (sqlName: string, count: number): ScalarFunction =>
  (t, args, call) =>
    nArgs(sqlName, count, count, () => `${sqlName}(${args.map((a) => t.translate(a)).join(', ')})`)(t, args, call);

const cast =
  (target: KustoType): ScalarFunction =>
  (t, args, call) => {
    const a = arg(args, 0, call);
    const at = typeOf(a);
    const v = t.translate(a);
    if (target === 'string') return toKustoString(v, at);
    if (at === 'dynamic') return fromDynamic(v, target);
    if (target === at) return v;
    const fn = symbolName(call).toLowerCase() || target;
    // Kusto converts datetimes and timespans to and from longs as 100 ns ticks (datetime: since 0001-01-01).
    if (target === 'long' && at === 'datetime') return `(epoch_ns(${v}) // 100 + ${EPOCH_TICKS})`;
    if (target === 'long' && at === 'timespan') return `(epoch_us(${v}) * 10)`;
    if (target === 'datetime' && (at === 'long' || at === 'int')) return `make_timestamp_ns((CAST(${v} AS BIGINT) - ${EPOCH_TICKS}) * 100)`;
    if ((at === 'datetime' || at === 'timespan') && target !== at) throw unsupportedFunction(fn, call, `${fn}() of a ${at} is not implemented.`);
    if (target === 'datetime' && at !== 'string' && at !== 'datetime') throw unsupportedFunction(fn, call, `${fn}() of a ${at} is not implemented.`);
    if ((target === 'int' || target === 'long') && (at === 'real' || at === 'decimal')) return `TRY_CAST(trunc(${v}) AS ${duckType(target)})`;
    if ((target === 'int' || target === 'long' || target === 'real') && at === 'string') return `TRY_CAST(trim(${v}) AS ${duckType(target)})`;
    if (target === 'datetime' && at === 'string') {
      // 7 fraction digits are ticks: TIMESTAMP_NS keeps them (TIMESTAMP would drop the last one).
      const s = `replace(trim(${v}), 'Z', '')`;
      const more = refusalSql(`${fn}() of a string with more than 7 fraction digits`);
      return `CASE WHEN regexp_matches(${v}, '\\.\\d{8}') THEN error(${more}) ELSE coalesce(TRY_CAST(${s} AS TIMESTAMP_NS), TRY_CAST(${s} AS TIMESTAMP)) END`;
    }
    if (target === 'bool' && at === 'string') return `CASE lower(trim(${v})) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END`;
    if (target === 'timespan' && at === 'timespan') return v;
    if (target === 'timespan') throw unsupportedFunction('totimespan', call, 'Only timespan arguments are implemented.');
    return `TRY_CAST(${v} AS ${duckType(target)})`;
  };

const datePart =
  (part: string): ScalarFunction =>
  (t, args, call) =>
    `CAST(${part}(${t.floorUs(arg(args, 0, call))}) AS INTEGER)`;

// .NET custom date/time format specifiers (Kusto format_datetime) → strftime pieces.
const DOTNET_FORMAT: [RegExp, string][] = [
  [/^yyyy/, '%Y'], [/^yy/, '%y'], [/^MM/, '%m'], [/^M/, '%-m'], [/^dd/, '%d'], [/^d/, '%-d'],
  [/^HH/, '%H'], [/^H/, '%-H'], [/^hh/, '%I'], [/^h/, '%-I'], [/^mm/, '%M'], [/^m/, '%-M'],
  [/^ss/, '%S'], [/^s/, '%-S'], [/^tt/, '%p'],
];

function formatDatetime(t: ScalarTranslator, args: KNode[], call: KNode): string {
  const valueNode = arg(args, 0, call);
  const value = t.translate(valueNode);
  const floor = t.floorUs(valueNode, value);
  let fmt = t.literalString(args[1], call);
  const pieces: string[] = [];
  while (fmt.length > 0) {
    const frac = /^f{1,7}/.exec(fmt);
    if (frac) {
      const digits = frac[0].length;
      pieces.push(`substr(strftime(CAST(${value} AS TIMESTAMP_NS), '%n'), 1, ${digits})`);
      fmt = fmt.slice(digits);
      continue;
    }
    const spec = DOTNET_FORMAT.find(([re]) => re.test(fmt));
    if (spec) {
      pieces.push(`strftime(${floor}, '${spec[1]}')`);
      fmt = fmt.replace(spec[0], '');
      continue;
    }
    const ch = fmt[0] ?? '';
    if (/[A-Za-z]/.test(ch)) throw unsupportedFunction('format_datetime', call, `The format specifier '${ch}' is not implemented.`);
    pieces.push(quoteString(ch));
    fmt = fmt.slice(1);
  }
  return `CASE WHEN ${value} IS NULL THEN '' ELSE (${pieces.join(' || ') || "''"}) END`;
}

const DATETIME_PARTS: Record<string, string> = {
  year: 'year', quarter: 'quarter', month: 'month', day: 'day', hour: 'hour', minute: 'minute',
  second: 'second', millisecond: 'millisecond', microsecond: 'microsecond', nanosecond: 'nanosecond',
};

function datetimePart(t: ScalarTranslator, n: KNode | undefined, call: KNode, fn: string): string {
  const part = t.literalString(n, call).toLowerCase();
  const p = DATETIME_PARTS[part];
  if (!p) throw unsupportedFunction(fn, call, `The part '${part}' is not implemented.`);
  return p;
}

const NANOS_PER: Record<string, bigint> = {
  day: 86_400_000_000_000n, hour: 3_600_000_000_000n, minute: 60_000_000_000n, second: 1_000_000_000n,
  millisecond: 1_000_000n, microsecond: 1000n,
};

// Kusto datetime_diff counts period boundaries crossed (docs: datetime_diff('microsecond',
// …00.1009001, …00.1008009) = 100). Boundaries of a micro or longer period are the same for the
// floor to micros, which DuckDB's date_diff takes; nanoseconds are the plain difference.
function datetimeDiff(t: ScalarTranslator, a: KNode[], c: KNode): string {
  const part = datetimePart(t, a[0], c, 'datetime_diff');
  const l = arg(a, 1, c);
  const r = arg(a, 2, c);
  if (part === 'nanosecond') return `(epoch_ns(${t.translate(l)}) - epoch_ns(${t.translate(r)}))`;
  return `CAST(date_diff('${part}', ${t.floorUs(r)}, ${t.floorUs(l)}) AS BIGINT)`;
}

function datetimeAdd(t: ScalarTranslator, a: KNode[], c: KNode): string {
  const part = datetimePart(t, a[0], c, 'datetime_add');
  const amountNode = arg(a, 1, c);
  const at = typeOf(amountNode);
  if (at !== 'int' && at !== 'long') throw unsupportedFunction('datetime_add', c, `An amount of type ${at} is not implemented.`);
  const amount = `CAST(${t.translate(amountNode)} AS BIGINT)`;
  const valueNode = arg(a, 2, c);
  const v = t.translate(valueNode);
  const micro = t.micro(valueNode);
  const fixed = NANOS_PER[part];
  if (fixed !== undefined) return micro ? `(${v} + to_microseconds(${amount} * ${fixed / 1000n}))` : `kql_add_ns(${v}, ${amount} * ${fixed})`;
  if (part === 'nanosecond') throw unsupportedFunction('datetime_add', c, `The part 'nanosecond' is not implemented (Kusto keeps 100 ns ticks).`);
  if (micro) return `(${v} + (${amount} * INTERVAL 1 ${part}))`;
  // Calendar parts on the micro floor, then the sub-micro ticks back on.
  const floor = t.floorUs(valueNode, v);
  return `kql_add_ns(${floor} + (${amount} * INTERVAL 1 ${part}), epoch_ns(${v}) - epoch_ns(${floor}))`;
}

export const SCALAR_FUNCTIONS: Record<string, ScalarFunction> = {
  not: (t, a, c) => `(NOT ${t.translate(arg(a, 0, c))})`,
  strlen: (t, a, c) => `CAST(length(${t.translate(arg(a, 0, c))}) AS BIGINT)`,
  tolower: simple('lower', 1),
  toupper: simple('upper', 1),
  substring: nArgs('substring', 2, 3, (t, a, c) => {
    const s = t.translate(arg(a, 0, c));
    const start = `greatest(${t.translate(arg(a, 1, c))}, 0) + 1`;
    return a[2] ? `substr(${s}, ${start}, greatest(${t.translate(a[2])}, 0))` : `substr(${s}, ${start})`;
  }),
  strcat: (t, a) => `concat(${a.map((x) => `coalesce(${toKustoString(t.translate(x), typeOf(x))}, '')`).join(', ')})`,
  split: nArgs('split', 2, 2, (t, a, c) => `to_json(string_split(${t.translate(arg(a, 0, c))}, ${t.translate(arg(a, 1, c))}))`),
  replace_string: simple('replace', 3),
  trim: nArgs('trim', 2, 2, (t, a, c) => {
    const re = t.literalString(a[0], c);
    const s = t.translate(arg(a, 1, c));
    return `regexp_replace(regexp_replace(${s}, ${quoteString(`^(?:${re})+`)}, ''), ${quoteString(`(?:${re})+$`)}, '')`;
  }),
  extract: nArgs('extract', 3, 3, (t, a, c) => {
    const re = t.literalString(a[0], c);
    const group = `CAST(${t.translate(arg(a, 1, c))} AS INTEGER)`;
    const s = t.translate(arg(a, 2, c));
    return `CASE WHEN regexp_matches(${s}, ${quoteString(re)}) THEN regexp_extract(${s}, ${quoteString(re)}, ${group}) ELSE '' END`;
  }),
  indexof: nArgs('indexof', 2, 2, (t, a, c) => `CAST(instr(${t.translate(arg(a, 0, c))}, ${t.translate(arg(a, 1, c))}) - 1 AS BIGINT)`),
  isempty: (t, a, c) => {
    const x = arg(a, 0, c);
    const v = t.translate(x);
    return typeOf(x) === 'string' ? `(${v} IS NULL OR ${v} = '')` : `(${v} IS NULL)`;
  },
  isnotempty: (t, a, c) => {
    const x = arg(a, 0, c);
    const v = t.translate(x);
    return typeOf(x) === 'string' ? `(${v} IS NOT NULL AND ${v} <> '')` : `(${v} IS NOT NULL)`;
  },
  isnull: (t, a, c) => {
    const x = arg(a, 0, c);
    return typeOf(x) === 'string' ? 'FALSE' : `(${t.translate(x)} IS NULL)`;
  },
  isnotnull: (t, a, c) => {
    const x = arg(a, 0, c);
    return typeOf(x) === 'string' ? 'TRUE' : `(${t.translate(x)} IS NOT NULL)`;
  },
  coalesce: (t, a, c) => {
    const isString = typeOf(c) === 'string';
    const vs = a.map((x) => (isString ? `nullif(${t.translate(x)}, '')` : t.translate(x)));
    return isString ? `coalesce(${vs.join(', ')}, '')` : `coalesce(${vs.join(', ')})`;
  },
  iff: nArgs('iff', 3, 3, (t, a, c) => `CASE WHEN ${t.translate(arg(a, 0, c))} THEN ${t.translate(arg(a, 1, c))} ELSE ${t.translate(arg(a, 2, c))} END`),
  iif: nArgs('iif', 3, 3, (t, a, c) => `CASE WHEN ${t.translate(arg(a, 0, c))} THEN ${t.translate(arg(a, 1, c))} ELSE ${t.translate(arg(a, 2, c))} END`),
  case: (t, a, c) => {
    if (a.length % 2 === 0) throw unsupportedSyntax('case() without an else value', c);
    const parts: string[] = [];
    for (let i = 0; i + 1 < a.length; i += 2) parts.push(`WHEN ${t.translate(arg(a, i, c))} THEN ${t.translate(arg(a, i + 1, c))}`);
    return `CASE ${parts.join(' ')} ELSE ${t.translate(arg(a, a.length - 1, c))} END`;
  },
  tostring: cast('string'),
  toint: cast('int'),
  tolong: cast('long'),
  todouble: cast('real'),
  toreal: cast('real'),
  tobool: cast('bool'),
  toboolean: cast('bool'),
  todatetime: cast('datetime'),
  totimespan: cast('timespan'),
  parse_json: (t, a, c) => {
    const x = arg(a, 0, c);
    const v = t.translate(x);
    if (typeOf(x) === 'dynamic') return v;
    if (typeOf(x) !== 'string') throw unsupportedFunction('parse_json', c, 'Only string arguments are implemented.');
    return `CASE WHEN json_valid(${v}) THEN CAST(${v} AS JSON) ELSE to_json(${v}) END`;
  },
  array_length: (t, a, c) => {
    const v = t.translate(arg(a, 0, c));
    return `CASE WHEN json_type(${v}) = 'ARRAY' THEN CAST(json_array_length(${v}) AS BIGINT) END`;
  },
  bag_keys: (t, a, c) => {
    const v = t.translate(arg(a, 0, c));
    return `CASE WHEN json_type(${v}) = 'OBJECT' THEN to_json(json_keys(${v})) END`;
  },
  pack_array: (t, a) => `json_array(${a.map((x) => toJsonValue(t.translate(x), typeOf(x))).join(', ')})`,
  now: nArgs('now', 0, 0, () => 'CAST(get_current_timestamp() AS TIMESTAMP)'),
  ago: nArgs('ago', 1, 1, (t, a, c) => `(CAST(get_current_timestamp() AS TIMESTAMP) - ${t.translate(arg(a, 0, c))})`),
  startofday: nArgs('startofday', 1, 1, (t, a, c) => `date_trunc('day', ${t.floorUs(arg(a, 0, c))})`),
  startofmonth: nArgs('startofmonth', 1, 1, (t, a, c) => `date_trunc('month', ${t.floorUs(arg(a, 0, c))})`),
  startofyear: nArgs('startofyear', 1, 1, (t, a, c) => `date_trunc('year', ${t.floorUs(arg(a, 0, c))})`),
  // Kusto weeks start on Sunday; DuckDB's date_trunc('week') is ISO (Monday).
  startofweek: nArgs('startofweek', 1, 1, (t, a, c) => {
    const v = t.floorUs(arg(a, 0, c));
    return `(date_trunc('day', ${v}) - to_days(CAST(dayofweek(${v}) AS INTEGER)))`;
  }),
  // Kusto's endof*() is the last tick (100 ns) of the period; DuckDB's TIMESTAMP holds micros,
  // so these return TIMESTAMP_NS and the final SELECT keeps datetimes in nanoseconds.
  endofday: nArgs('endofday', 1, 1, (t, a, c) => lastTick(`date_trunc('day', ${t.floorUs(arg(a, 0, c))}) + INTERVAL 1 day`)),
  endofweek: nArgs('endofweek', 1, 1, (t, a, c) => {
    const v = t.floorUs(arg(a, 0, c));
    return lastTick(`date_trunc('day', ${v}) - to_days(CAST(dayofweek(${v}) AS INTEGER)) + INTERVAL 7 day`);
  }),
  endofmonth: nArgs('endofmonth', 1, 1, (t, a, c) => lastTick(`date_trunc('month', ${t.floorUs(arg(a, 0, c))}) + INTERVAL 1 month`)),
  endofyear: nArgs('endofyear', 1, 1, (t, a, c) => lastTick(`date_trunc('year', ${t.floorUs(arg(a, 0, c))}) + INTERVAL 1 year`)),
  format_timespan: formatTimespan,
  datetime_diff: datetimeDiff,
  datetime_add: datetimeAdd,
  dayofweek: (t, a, c) => `to_days(CAST(dayofweek(${t.floorUs(arg(a, 0, c))}) AS INTEGER))`,
  dayofmonth: datePart('day'),
  dayofyear: datePart('dayofyear'),
  getmonth: datePart('month'),
  monthofyear: datePart('month'),
  getyear: datePart('year'),
  hourofday: datePart('hour'),
  format_datetime: formatDatetime,
  round: nArgs('round', 1, 2, (t, a, c) => `round(${t.translate(arg(a, 0, c))}${a[1] ? `, CAST(${t.translate(a[1])} AS INTEGER)` : ''})`),
  abs: simple('abs', 1),
  log: simple('ln', 1),
  log10: simple('log10', 1),
  log2: simple('log2', 1),
  exp: simple('exp', 1),
  pow: nArgs('pow', 2, 2, (t, a, c) => `pow(CAST(${t.translate(arg(a, 0, c))} AS DOUBLE), ${t.translate(arg(a, 1, c))})`),
  sqrt: simple('sqrt', 1),
  bin: binFunction,
  floor: binFunction,
};

function lastTick(nextPeriodStart: string): string {
  return `make_timestamp_ns(epoch_ns(${nextPeriodStart}) - 100)`;
}

// .NET custom timespan format specifiers (Kusto format_timespan): d…dddddddd, h/hh, m/mm, s/ss,
// f…fffffff, F…FFFFFFF, quoted literals and escaped characters.
function formatTimespan(t: ScalarTranslator, args: KNode[], call: KNode): string {
  const value = t.translate(arg(args, 0, call));
  let fmt = t.literalString(args[1], call);
  const us = `abs(epoch_us(${value}))`;
  const pad = (e: string, n: number) => `lpad(CAST(${e} AS VARCHAR), ${n}, '0')`;
  const pieces: string[] = [];
  while (fmt.length > 0) {
    const m = /^(d{1,8}|h{1,2}|m{1,2}|s{1,2}|f{1,7}|F{1,7})/.exec(fmt);
    if (m) {
      const spec = m[0];
      const n = spec.length;
      const ch = spec[0];
      if (ch === 'd') pieces.push(pad(`${us} // 86400000000`, n));
      else if (ch === 'h') pieces.push(pad(`(${us} // 3600000000) % 24`, n));
      else if (ch === 'm') pieces.push(pad(`(${us} // 60000000) % 60`, n));
      else if (ch === 's') pieces.push(pad(`(${us} // 1000000) % 60`, n));
      else {
        const digits = `substr(${pad(`${us} % 1000000`, 6)} || '0', 1, ${n})`;
        pieces.push(ch === 'f' ? digits : `rtrim(${digits}, '0')`);
      }
      fmt = fmt.slice(n);
      continue;
    }
    const c = fmt[0] ?? '';
    if (c === '\\') {
      pieces.push(quoteString(fmt[1] ?? ''));
      fmt = fmt.slice(2);
      continue;
    }
    if (c === "'" || c === '"') {
      const end = fmt.indexOf(c, 1);
      if (end < 0) throw unsupportedFunction('format_timespan', call, 'An unterminated quoted literal in the format.');
      pieces.push(quoteString(fmt.slice(1, end)));
      fmt = fmt.slice(end + 1);
      continue;
    }
    if (/[A-Za-z]/.test(c)) throw unsupportedFunction('format_timespan', call, `The format specifier '${c}' is not implemented.`);
    pieces.push(quoteString(c));
    fmt = fmt.slice(1);
  }
  // .NET custom timespan formats carry no sign; Kusto prints negative spans with a leading '-'.
  return `CASE WHEN ${value} IS NULL THEN '' ELSE (CASE WHEN epoch_us(${value}) < 0 THEN '-' ELSE '' END || ${pieces.join(' || ') || "''"}) END`;
}

function binFunction(t: ScalarTranslator, a: KNode[], c: KNode): string {
  const valueNode = arg(a, 0, c);
  const sizeNode = arg(a, 1, c);
  const v = t.translate(valueNode);
  const size = t.translate(sizeNode);
  const vt = typeOf(valueNode);
  if (vt === 'datetime' && typeOf(sizeNode) === 'timespan') {
    // Kusto bins datetimes on ticks since 0001-01-01 (a Monday); DuckDB's default origin differs.
    // Bin sizes are whole micros (sub-micro timespan literals are refused), so binning the micro floor is exact.
    return `time_bucket(${size}, ${t.floorUs(valueNode, v)}, TIMESTAMP '0001-01-01 00:00:00')`;
  }
  if (isNumeric(vt)) {
    const out = typeOf(c);
    return `CAST(floor(CAST(${v} AS DOUBLE) / ${size}) * ${size} AS ${duckType(out)})`;
  }
  throw unsupportedFunction('bin', c, `bin() of a ${vt} is not implemented.`);
}

/** bag_pack/pack(key, value, ...) → JSON object; keys must be string literals or strings. */
const bagPack: ScalarFunction = (t, a, c) => {
  if (a.length % 2 !== 0) throw unsupportedSyntax('bag_pack with an odd number of arguments', c);
  const parts: string[] = [];
  for (let i = 0; i < a.length; i += 2) {
    const k = arg(a, i, c);
    const v = arg(a, i + 1, c);
    parts.push(`${t.translate(k)}, ${toJsonValue(t.translate(v), typeOf(v))}`);
  }
  return `json_object(${parts.join(', ')})`;
};
SCALAR_FUNCTIONS.bag_pack = bagPack;
SCALAR_FUNCTIONS.pack = bagPack;
SCALAR_FUNCTIONS.todynamic = SCALAR_FUNCTIONS.parse_json as ScalarFunction;
