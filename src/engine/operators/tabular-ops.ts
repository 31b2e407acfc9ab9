/** The row-at-a-time and grouping operators: where, take, count, project*, extend, summarize, sort, top, distinct, top-nested, render, as. */
import { aggregateExpressionSql, aggregateSql, isAggregateCall } from '../aggregates';
import { unsupportedOperator, unsupportedSyntax } from '../errors';
import { type KNode, node, nodeType, syntaxListElements, tokenText } from '../kusto-language';
import { quoteIdent, quoteString } from '../kusto-types';
import {
  columnList,
  columnsOf,
  ORDER_COLUMN,
  orderColumnOf,
  microOf,
  type OperatorContext,
  type OperatorHandler,
  type Relation,
  req,
  valueOf,
} from '../relation';
import { type ScalarScope, ScalarTranslator } from '../scalar';
import type { KustoColumn, KustoType, Visualization } from '../types';
import { simpleName, typeOf } from '../values';

/** A parameter (`hint.…=`, `kind=`) an operator does not implement is refused, naming it. */
export function rejectParameters(op: KNode, name: string): void {
  const params = syntaxListElements(node(op, 'Parameters'));
  if (params.length > 0) throw unsupportedOperator(name, op, `Its parameter '${tokenText(params[0] ?? null).trim()}' is not implemented.`);
}

export function ordering(items: KNode[], t: ScalarTranslator): string {
  return items
    .map((item) => {
      const expr = nodeType(item) === 'OrderedExpression' ? req(item, 'Expression') : item;
      const ordering = node(item, 'Ordering');
      const dir = tokenText(node(ordering, 'AscOrDescKeyword')).toLowerCase() || 'desc';
      const nullsWord = tokenText(node(node(ordering, 'NullsClause'), 'FirstOrLastKeyword')).toLowerCase();
      // Kusto: ascending puts nulls first, descending puts them last, unless told otherwise.
      const nulls = nullsWord || (dir === 'asc' ? 'first' : 'last');
      return `${t.translate(expr)} ${dir.toUpperCase()} NULLS ${nulls.toUpperCase()}`;
    })
    .join(', ');
}
const where: OperatorHandler = (c, op, input) => {
  rejectParameters(op, 'where');
  const t = c.scalar(input);
  return c.qb.add(`SELECT * FROM ${input.cte} WHERE ${t.translate(req(op, 'Condition'))}`, columnsOf(op), input.micro);
};

const take: OperatorHandler = (c, op, input) => {
  rejectParameters(op, 'take');
  const t = c.scalar(input);
  return c.qb.add(`SELECT * FROM ${input.cte} LIMIT ${t.translate(req(op, 'Expression'))}`, columnsOf(op), input.micro);
};

const count: OperatorHandler = (c, op, input) => {
  const cols = columnsOf(op);
  return c.qb.add(`SELECT count(*) AS ${quoteIdent(cols[0]?.ColumnName ?? 'Count')} FROM ${input.cte}`, cols);
};

/** project-away, project-keep, project-reorder: the analyzer's column list says it all. */
const reorder: OperatorHandler = (c, op, input) => {
  const cols = columnsOf(op);
  return c.qb.add(`SELECT ${columnList(cols)}${orderColumnOf(input)} FROM ${input.cte}`, cols, input.micro);
};

/**
 * Rows in the order of `keys`; when the statement uses window functions, numbered in that order
 * as a serialized row set (sort and top serialize their output: Kusto docs "serialize operator").
 */
function sorted(c: OperatorContext, op: KNode, input: Relation, keys: string, limit: string): Relation {
  if (!c.qb.serializes) return c.qb.add(`SELECT * FROM ${input.cte} ORDER BY ${keys}${limit}`, columnsOf(op), input.micro);
  const from = input.ordered ? `(SELECT * EXCLUDE (${ORDER_COLUMN}) FROM ${input.cte})` : input.cte;
  return c.qb.add(`SELECT *, row_number() OVER (ORDER BY ${keys}) AS ${ORDER_COLUMN} FROM ${from} ORDER BY ${ORDER_COLUMN}${limit}`, columnsOf(op), input.micro, {
    ordered: true,
  });
}

const sort: OperatorHandler = (c, op, input) => {
  rejectParameters(op, 'sort');
  return sorted(c, op, input, ordering(syntaxListElements(node(op, 'Expressions')), c.scalar(input)), '');
};

const top: OperatorHandler = (c, op, input) => {
  rejectParameters(op, 'top');
  const t = c.scalar(input);
  return sorted(c, op, input, ordering([req(op, 'ByExpression')], t), ` LIMIT ${t.translate(req(op, 'Expression'))}`);
};

/** serialize [Name = Expr, …]: the input is numbered already (tabular.ts); the assignments are extend's. */
const serialize: OperatorHandler = (c, op, input) => (syntaxListElements(node(op, 'Expressions')).length ? extend(c, op, input) : input);

const distinct: OperatorHandler = (c, op, input) => {
  rejectParameters(op, 'distinct');
  const t = c.scalar(input);
  const exprs = syntaxListElements(node(op, 'Expressions'));
  const cols = columnsOf(op);
  if (exprs.length === 1 && tokenText(exprs[0] ?? null).trim() === '*') return c.qb.add(`SELECT DISTINCT ${columnList(cols)} FROM ${input.cte}`, cols, input.micro);
  if (exprs.length !== cols.length) throw unsupportedOperator('distinct', op);
  const named = exprs.map((e, i) => ({ name: cols[i]?.ColumnName ?? '', value: valueOf(e) }));
  const sel = named.map(({ name, value }) => `${t.translate(value)} AS ${quoteIdent(name)}`);
  return c.qb.add(`SELECT DISTINCT ${sel.join(', ')} FROM ${input.cte}`, cols, microOf(t, named));
};

const render: OperatorHandler = (c, op, input) => {
  c.qb.visualization = visualizationOf(op, c.scope);
  return input;
};

/** One assignment of project/extend: the names it gives (none, one, or a tuple's) and its value. */
interface Assignment {
  names: string[];
  value: KNode;
  /** SQL per output column: one, or each part of a tuple-valued call (series_stats). */
  parts: string[];
}

function assignments(t: ScalarTranslator, exprs: KNode[]): Assignment[] {
  return exprs.map((e) => {
    const kind = nodeType(e);
    const value = kind === 'SimpleNamedExpression' || kind === 'CompoundNamedExpression' ? req(e, 'Expression') : e;
    const names =
      kind === 'SimpleNamedExpression'
        ? [simpleName(node(e, 'Name'))]
        : kind === 'CompoundNamedExpression'
          ? syntaxListElements(node(node(e, 'Names'), 'Names')).map((n) => simpleName(n))
          : [];
    return { names, value, parts: t.tuple(value) ?? [t.translate(value)] };
  });
}

export function project(c: OperatorContext, op: KNode, input: Relation): Relation {
  const cols = columnsOf(op);
  const t = c.scalar(input);
  const list = assignments(t, syntaxListElements(node(op, 'Expressions')));
  if (list.reduce((n, a) => n + a.parts.length, 0) !== cols.length) throw unsupportedOperator('project', op, 'Its column layout is not implemented.');
  const sel: string[] = [];
  const named: { name: string; value: KNode }[] = [];
  let i = 0;
  for (const a of list) {
    for (const part of a.parts) {
      const name = cols[i++]?.ColumnName ?? '';
      sel.push(`${part} AS ${quoteIdent(name)}`);
      if (a.parts.length === 1) named.push({ name, value: a.value });
    }
  }
  return c.qb.add(`SELECT ${sel.join(', ')}${orderColumnOf(input)} FROM ${input.cte}`, cols, microOf(t, named));
}

export function extend(c: OperatorContext, op: KNode, input: Relation): Relation {
  const finalCols = columnsOf(op);
  const exprs = syntaxListElements(node(op, 'Expressions'));
  const inputNames = new Set(input.columns.map((x) => x.ColumnName));
  const given = new Set(assignments(c.scalar(input), exprs).flatMap((a) => a.names));
  // Names the analyzer made up (Column1, series_stats_x_min, …), in order, for what is unnamed.
  const derived = finalCols.map((x) => x.ColumnName).filter((n) => !inputNames.has(n) && !given.has(n));
  const typeOfColumn = new Map(finalCols.map((x) => [x.ColumnName, x.ColumnType]));
  let rel = input;
  for (const e of exprs) {
    // Later expressions may read earlier ones (`extend a = …, b = a + 1h`): each sees the relation so far.
    const t = c.scalar(rel);
    const [a] = assignments(t, [e]);
    if (!a) continue;
    const names = a.parts.map((_, i) => a.names[i] ?? derived.shift());
    if (names.some((n) => !n)) throw unsupportedOperator('extend', e, 'Could not name an unnamed expression.');
    let columns = rel.columns;
    let micro = [...(rel.micro ?? [])];
    const replaced: string[] = [];
    const added: string[] = [];
    names.forEach((name, i) => {
      const n = name as string;
      const sql = a.parts[i] ?? 'NULL';
      const col: KustoColumn = { ColumnName: n, ColumnType: a.parts.length === 1 ? typeOf(a.value) : (typeOfColumn.get(n) ?? 'dynamic') };
      const exists = columns.some((x) => x.ColumnName === n);
      columns = exists ? columns.map((x) => (x.ColumnName === n ? col : x)) : [...columns, col];
      (exists ? replaced : added).push(`${sql} AS ${quoteIdent(n)}`);
      micro = micro.filter((m) => m !== n).concat(a.parts.length === 1 ? microOf(t, [{ name: n, value: a.value }]) : []);
    });
    const replace = replaced.length ? ` REPLACE (${replaced.join(', ')})` : '';
    rel = c.qb.add(`SELECT *${replace}${added.length ? `, ${added.join(', ')}` : ''} FROM ${rel.cte}`, columns, micro);
  }
  const names = rel.columns.map((x) => x.ColumnName).join('\u0000');
  if (names !== finalCols.map((x) => x.ColumnName).join('\u0000')) throw unsupportedOperator('extend', op, 'Its column layout is not implemented.');
  return { cte: rel.cte, columns: finalCols, micro: rel.micro ?? new Set() };
}

export function rename(c: OperatorContext, op: KNode, input: Relation): Relation {
  const cols = columnsOf(op);
  const renames = new Map<string, string>();
  for (const e of syntaxListElements(node(op, 'Expressions'))) {
    renames.set(simpleName(node(e, 'Name')), simpleName(node(e, 'Expression')));
  }
  const source = (c: KustoColumn) => renames.get(c.ColumnName) ?? c.ColumnName;
  const sel = cols.map((c) => `${quoteIdent(source(c))} AS ${quoteIdent(c.ColumnName)}`);
  const micro = cols.filter((c) => input.micro?.has(source(c))).map((c) => c.ColumnName);
  return c.qb.add(`SELECT ${sel.join(', ')}${orderColumnOf(input)} FROM ${input.cte}`, cols, micro);
}
export function summarize(c: OperatorContext, op: KNode, input: Relation): Relation {
  rejectParameters(op, 'summarize');
  const cols = columnsOf(op);
  const t = c.scalar(input);
  const byClause = node(op, 'ByClause');
  if (node(byClause, 'BinClause')) throw unsupportedSyntax("the legacy 'summarize … by … bin=' clause (write bin(column, size) instead)", node(byClause, 'BinClause'));
  const byExprs = syntaxListElements(node(byClause, 'Expressions'));
  const aggs = syntaxListElements(node(op, 'Aggregates'));
  const byNames = cols.slice(0, byExprs.length).map((c) => c.ColumnName);
  const unwrap = (e: KNode) => (nodeType(e) === 'SimpleNamedExpression' ? req(e, 'Expression') : e);
  const bySql = byExprs.map((e) => t.translate(unwrap(e)));
  const aggSql: string[] = [];
  for (const a of aggs) {
    if (nodeType(a) === 'CompoundNamedExpression') throw unsupportedSyntax('tuple assignment in summarize', a);
    const call = unwrap(a);
    const ctx = { translator: t, inputColumns: input.columns.map((c) => c.ColumnName), byColumns: byNames };
    if (isAggregateCall(call)) aggSql.push(...aggregateSql(call, ctx));
    else aggSql.push(aggregateExpressionSql(call, ctx));
  }
  const all = [...bySql, ...aggSql];
  if (all.length !== cols.length) throw unsupportedOperator('summarize', op, 'Its column layout is not implemented.');
  const sel = all.map((s, i) => `${s} AS ${quoteIdent(cols[i]?.ColumnName ?? '')}`);
  const group = bySql.length ? ` GROUP BY ${bySql.map((_, i) => String(i + 1)).join(', ')}` : '';
  // Aggregates (min(), arg_max() …) are not tracked: their datetimes count as 100 ns values.
  const micro = microOf(t, byExprs.map((e, i) => ({ name: byNames[i] ?? '', value: unwrap(e) })));
  return c.qb.add(`SELECT ${sel.join(', ')} FROM ${input.cte}${group}`, cols, micro);
}
/**
 * top-nested: level k groups by the keys of levels 1..k, keeps the N best groups (by the level's
 * aggregate, desc unless told) within each kept group of level k-1. `with others = v` adds, per
 * kept parent, one row keyed v whose aggregate covers the values not kept (when there are any);
 * an others row is not split by later levels, whose columns are null on it (Kusto docs
 * "top-nested operator", example "Use the 'with others' option").
 */
export function topNested(c: OperatorContext, op: KNode, input: Relation): Relation {
  const cols = columnsOf(op);
  const clauses = syntaxListElements(node(op, 'Clauses'));
  const t = c.scalar(input);
  if (cols.length !== clauses.length * 2) throw unsupportedOperator('top-nested', op, 'Its column layout is not implemented.');
  const keys = clauses.map((clause, i) => {
    const of = req(clause, 'OfExpression');
    const value = nodeType(of) === 'SimpleNamedExpression' ? req(of, 'Expression') : of;
    const others = node(node(clause, 'WithOthersClause'), 'Expression');
    return { sql: t.translate(value), k: `__k${i}`, others: others ? t.translate(others) : null };
  });
  const base = c.qb.add(`SELECT *, ${keys.map((k) => `${k.sql} AS ${k.k}`).join(', ')} FROM ${input.cte}`, input.columns);
  const anyOthers = keys.some((k) => k.others !== null);
  let previous: Relation | null = null;
  clauses.forEach((clause, i) => {
    let by = req(clause, 'ByExpression');
    let dir = 'DESC';
    if (nodeType(by) === 'OrderedExpression') {
      const word = tokenText(node(node(by, 'Ordering'), 'AscOrDescKeyword')).toLowerCase();
      if (word === 'asc') dir = 'ASC';
      if (node(node(by, 'Ordering'), 'NullsClause')) throw unsupportedOperator('top-nested', by, 'nulls first/last is not implemented.');
      by = req(by, 'Expression');
    }
    if (nodeType(by) === 'SimpleNamedExpression') by = req(by, 'Expression');
    if (nodeType(by) !== 'FunctionCallExpression') throw unsupportedOperator('top-nested', by, 'Only an aggregate function call is implemented.');
    const [agg, ...more] = aggregateSql(by, { translator: t, inputColumns: input.columns.map((x) => x.ColumnName), byColumns: [] });
    if (!agg || more.length > 0) throw unsupportedOperator('top-nested', by, 'This aggregate is not implemented here.');
    const here = keys.slice(0, i + 1).map((k) => k.k);
    const parent = keys.slice(0, i).map((k) => k.k);
    const on = (a: string, b: string, names: string[]) => names.map((k) => `${a}.${k} IS NOT DISTINCT FROM ${b}.${k}`).join(' AND ');
    // The parents this level splits: the kept rows of the level above, not its others rows.
    const live = previous ? `(SELECT * FROM ${previous.cte}${anyOthers ? ' WHERE NOT __other' : ''})` : '';
    const from = previous ? `${base.cte} AS b SEMI JOIN ${live} AS p ON ${on('b', 'p', parent)}` : `${base.cte} AS b`;
    const grouped = c.qb.add(`SELECT ${here.map((k) => `b.${k}`).join(', ')}, ${agg} AS __a${i} FROM ${from} GROUP BY ALL`, []);
    const n = node(clause, 'Expression');
    const limit = n ? ` QUALIFY row_number() OVER (${parent.length ? `PARTITION BY ${parent.map((k) => `g.${k}`).join(', ')} ` : ''}ORDER BY g.__a${i} ${dir} NULLS LAST) <= ${t.translate(n)}` : '';
    const carried = previous ? `, ${keys.slice(0, i).map((_, j) => `p.__a${j}`).join(', ')}` : '';
    const joined = previous ? ` JOIN ${live} AS p ON ${on('g', 'p', parent)}` : '';
    const flag = anyOthers ? ', FALSE AS __other' : '';
    const kept = c.qb.add(`SELECT g.*${carried}${flag} FROM ${grouped.cte} AS g${joined}${limit}`, []);
    if (!anyOthers) {
      previous = kept;
      return;
    }
    const parts = [`SELECT * FROM ${kept.cte}`];
    const others = keys[i]?.others ?? null;
    if (others !== null) {
      // Per live parent: the aggregate of the rows whose value at this level was not kept.
      const rest = c.qb.add(
        `SELECT ${[...parent.map((k) => `b.${k}`), `${agg} AS __a${i}`].join(', ')} FROM ${from} ANTI JOIN ${kept.cte} AS k ON ${on('b', 'k', here)}` +
          `${parent.length ? ' GROUP BY ALL' : ''} HAVING count(*) > 0`,
        [],
      );
      const parentAggs = keys.slice(0, i).map((_, j) => `p.__a${j}`);
      const sel = [...parent.map((k) => `o.${k}`), `${others} AS __k${i}`, `o.__a${i}`, ...parentAggs, 'TRUE AS __other'];
      parts.push(`SELECT ${sel.join(', ')} FROM ${rest.cte} AS o${previous ? ` JOIN ${live} AS p ON ${on('o', 'p', parent)}` : ''}`);
    }
    // Others rows of the levels above go on unsplit.
    if (previous) parts.push(`SELECT * FROM ${previous.cte} WHERE __other`);
    previous = c.qb.add(parts.join(' UNION ALL BY NAME '), []);
  });
  const last = previous as Relation | null;
  if (!last) throw unsupportedOperator('top-nested', op);
  const sel = cols.map((c, i) => `${i % 2 === 0 ? `__k${i / 2}` : `__a${(i - 1) / 2}`} AS ${quoteIdent(c.ColumnName)}`);
  return c.qb.add(`SELECT ${sel.join(', ')} FROM ${last.cte}`, cols);
}
const VISUALIZATION_KEYS = ['Title', 'XColumn', 'Series', 'YColumns', 'AnomalyColumns', 'XTitle', 'YTitle', 'XAxis', 'YAxis', 'Legend', 'YSplit'];

export function visualizationOf(render: KNode, scope: ScalarScope): Visualization {
  const v: Visualization = { Visualization: tokenText(node(render, 'ChartType')) };
  for (const k of VISUALIZATION_KEYS) v[k] = null;
  Object.assign(v, { Accumulate: false, IsQuerySorted: false, Kind: null, Ymin: 'NaN', Ymax: 'NaN', Xmin: null, Xmax: null });
  const props = syntaxListElements(node(node(render, 'WithClause'), 'Properties'));
  const translator = new ScalarTranslator(scope);
  for (const p of props) {
    const key = simpleName(node(p, 'Name')).toLowerCase() || tokenText(node(p, 'Name')).toLowerCase();
    const expr = node(p, 'Expression');
    const text = expr ? tokenText(expr).trim() : '';
    const canonical = [...VISUALIZATION_KEYS, 'Accumulate', 'Kind', 'Ymin', 'Ymax', 'Xmin', 'Xmax'].find((k) => k.toLowerCase() === key);
    if (!canonical) continue;
    if (canonical === 'Title' || canonical === 'XTitle' || canonical === 'YTitle') v[canonical] = expr ? translator.literalString(expr, p) : null;
    else if (canonical === 'YColumns' || canonical === 'Series' || canonical === 'AnomalyColumns') v[canonical] = text.split(',').map((s) => s.trim());
    else if (canonical === 'Accumulate') v[canonical] = text.toLowerCase() === 'true';
    else if (canonical === 'Ymin' || canonical === 'Ymax') v[canonical] = Number(text);
    else v[canonical] = text;
  }
  return v;
}


/** The .NET type getschema's DataType names for each Kusto type (docs "getschema operator"; bool is stored as an sbyte). */
const DOTNET_TYPES: Record<KustoType, string> = {
  bool: 'System.SByte',
  datetime: 'System.DateTime',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
  dynamic: 'System.Object',
  guid: 'System.Guid',
  int: 'System.Int32',
  long: 'System.Int64',
  real: 'System.Double',
  string: 'System.String',
  timespan: 'System.TimeSpan',
};

/** getschema: one row per input column — ColumnName, ColumnOrdinal (from 0), DataType, ColumnType. */
function getschema(c: OperatorContext, op: KNode, input: Relation): Relation {
  const out = columnsOf(op);
  const rows = input.columns.map(
    (col, i) => `(${quoteString(col.ColumnName)}, ${i}, ${quoteString(DOTNET_TYPES[col.ColumnType])}, ${quoteString(col.ColumnType)})`,
  );
  if (rows.length === 0) return c.qb.add(`SELECT ${out.map((x) => `CAST(NULL AS VARCHAR) AS ${quoteIdent(x.ColumnName)}`).join(', ')} WHERE false`, out);
  return c.qb.add(`SELECT * FROM (VALUES ${rows.join(', ')}) AS t(${columnList(out)})`, out);
}

export const TABULAR_OPERATORS: Record<string, OperatorHandler> = {
  GetSchemaOperator: getschema,
  FilterOperator: where,
  TakeOperator: take,
  CountOperator: count,
  ProjectOperator: project,
  ExtendOperator: extend,
  ProjectAwayOperator: reorder,
  ProjectKeepOperator: reorder,
  ProjectReorderOperator: reorder,
  ProjectRenameOperator: rename,
  SummarizeOperator: summarize,
  SortOperator: sort,
  TopOperator: top,
  DistinctOperator: distinct,
  TopNestedOperator: topNested,
  RenderOperator: render,
  SerializeOperator: serialize,
};
