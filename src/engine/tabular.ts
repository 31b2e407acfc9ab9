/**
 * Tabular KQL → one SQL CTE per pipe operator. Output column names and types always come from
 * the analyzer's result type for the operator, so they are Kusto's exactly (count_, Column1, …).
 */
import { aggregateSql } from './aggregates';
import { unsupportedOperator, unsupportedSyntax } from './errors';
import {
  type KNode,
  type KTableSymbol,
  isTableSymbol,
  listItems,
  node,
  nodeType,
  referencedSymbol,
  resultType,
  syntaxListElements,
  tokenText,
} from './kusto-language';
import { duckType, quoteIdent, quoteString } from './kusto-types';
import { type ScalarScope, ScalarTranslator, expandUserFunction, fromDynamic, simpleName, toKustoString, typeOf } from './scalar';
import { kustoType, type KustoColumn, type KustoType, type Visualization } from './types';

export interface Relation {
  cte: string;
  columns: KustoColumn[];
  /**
   * Datetime columns known to hold whole microseconds (TIMESTAMP, as every stored column); the
   * others may carry 100 ns ticks (TIMESTAMP_NS). Missing = none known.
   */
  micro?: ReadonlySet<string>;
}

export interface TableResolver {
  /** SQL for a base table, or null when the name is not a stored table. */
  table(name: string): string | null;
}

export class QueryBuilder {
  readonly ctes: string[] = [];
  readonly tablesRead = new Set<string>();
  visualization: Visualization | null = null;

  add(sql: string, columns: KustoColumn[], micro?: Iterable<string>): Relation {
    const cte = `q${this.ctes.length}`;
    this.ctes.push(`${cte} AS (${sql})`);
    return { cte, columns, micro: new Set(micro) };
  }

  /**
   * The final statement, casting every column to its Kusto storage type — datetimes to
   * TIMESTAMP_NS, so a value that carries Kusto's last tick (endofday() = …23:59:59.9999999) keeps it.
   */
  select(rel: Relation): string {
    const cols = rel.columns.map(
      (c) => `CAST(${quoteIdent(c.ColumnName)} AS ${c.ColumnType === 'datetime' ? 'TIMESTAMP_NS' : duckType(c.ColumnType)}) AS ${quoteIdent(c.ColumnName)}`,
    );
    return `WITH ${this.ctes.join(',\n')}\nSELECT ${cols.join(', ') || '*'} FROM ${rel.cte}`;
  }
}

export function columnsOf(n: KNode): KustoColumn[] {
  const t = resultType(n);
  if (!isTableSymbol(t)) throw unsupportedSyntax(`a non-tabular expression here`, n);
  return tableColumns(t, n);
}

export function tableColumns(t: KTableSymbol, at: KNode | null): KustoColumn[] {
  return listItems(t.Columns).map((c) => {
    const k = kustoType(c.Type.Name);
    if (!k) throw unsupportedSyntax(`columns of type '${c.Type.Name}'`, at);
    return { ColumnName: c.Name, ColumnType: k };
  });
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

export class TabularTranslator {
  constructor(
    private readonly qb: QueryBuilder,
    private readonly tables: TableResolver,
    private readonly scope: ScalarScope,
    /** Let-bound tabular expressions: name → relation. */
    readonly lets: Map<string, Relation>,
  ) {}

  /** A scalar translator over the columns of `input` (no input: print, range, datatable). */
  private scalar(input?: Relation): ScalarTranslator {
    return new ScalarTranslator({ ...this.scope, microColumns: input?.micro ?? new Set() });
  }

  /** Names of the output columns whose expression (value node, datetime) is whole micros. */
  private microOf(t: ScalarTranslator, named: { name: string; value: KNode }[]): string[] {
    return named.filter(({ value }) => typeOf(value) === 'datetime' && t.micro(value)).map(({ name }) => name);
  }

  translate(n: KNode): Relation {
    const kind = nodeType(n);
    switch (kind) {
      case 'PipeExpression': {
        const input = this.translate(this.req(n, 'Expression'));
        return this.operator(this.req(n, 'Operator'), input);
      }
      case 'ParenthesizedExpression':
        return this.translate(this.req(n, 'Expression'));
      case 'NameReference':
        return this.nameReference(n);
      case 'PrintOperator':
        return this.print(n);
      case 'RangeOperator':
        return this.range(n);
      case 'DataTableExpression':
        return this.datatable(n);
      case 'UnionOperator':
        return this.union(n, null);
      case 'FunctionCallExpression':
        return this.userFunction(n);
      default:
        throw unsupportedSyntax(`the tabular expression ${kind}`, n);
    }
  }

  private req(n: KNode, name: string): KNode {
    const c = node(n, name);
    if (!c) throw unsupportedSyntax(`a ${nodeType(n)} without ${name}`, n);
    return c;
  }

  private nameReference(n: KNode): Relation {
    const name = simpleName(n);
    const bound = this.lets.get(name);
    if (bound && nodeType(referencedSymbol(n)) !== 'TableSymbol') return bound;
    if (bound) return bound;
    const table = this.tables.table(name);
    if (!table) throw unsupportedSyntax(`the table reference '${name}'`, n);
    this.qb.tablesRead.add(name);
    const cols = columnsOf(n);
    // Stored datetime columns are TIMESTAMP (kusto-types duckType).
    return this.qb.add(`SELECT * FROM ${table}`, cols, cols.filter((c) => c.ColumnType === 'datetime').map((c) => c.ColumnName));
  }

  private rejectParameters(op: KNode, name: string): void {
    const params = syntaxListElements(node(op, 'Parameters'));
    if (params.length > 0) throw unsupportedOperator(name, op, `Its parameter '${tokenText(params[0] ?? null).trim()}' is not implemented.`);
  }

  private operator(op: KNode, input: Relation): Relation {
    const kind = nodeType(op);
    const out = () => columnsOf(op);
    const t = this.scalar(input);
    const same = input.micro ?? [];
    switch (kind) {
      case 'FilterOperator':
        this.rejectParameters(op, 'where');
        return this.qb.add(`SELECT * FROM ${input.cte} WHERE ${t.translate(this.req(op, 'Condition'))}`, out(), same);
      case 'TakeOperator':
        this.rejectParameters(op, 'take');
        return this.qb.add(`SELECT * FROM ${input.cte} LIMIT ${t.translate(this.req(op, 'Expression'))}`, out(), same);
      case 'CountOperator': {
        const cols = out();
        return this.qb.add(`SELECT count(*) AS ${quoteIdent(cols[0]?.ColumnName ?? 'Count')} FROM ${input.cte}`, cols);
      }
      case 'ProjectOperator':
        return this.project(op, input);
      case 'ExtendOperator':
        return this.extend(op, input);
      case 'ProjectAwayOperator':
      case 'ProjectKeepOperator':
      case 'ProjectReorderOperator': {
        const cols = out();
        return this.qb.add(`SELECT ${cols.map((c) => quoteIdent(c.ColumnName)).join(', ')} FROM ${input.cte}`, cols, same);
      }
      case 'ProjectRenameOperator':
        return this.rename(op, input);
      case 'SummarizeOperator':
        return this.summarize(op, input);
      case 'SortOperator':
        this.rejectParameters(op, 'sort');
        return this.qb.add(`SELECT * FROM ${input.cte} ORDER BY ${this.ordering(syntaxListElements(node(op, 'Expressions')), t)}`, out(), same);
      case 'TopOperator': {
        this.rejectParameters(op, 'top');
        const by = this.req(op, 'ByExpression');
        return this.qb.add(
          `SELECT * FROM ${input.cte} ORDER BY ${this.ordering([by], t)} LIMIT ${t.translate(this.req(op, 'Expression'))}`,
          out(),
          same,
        );
      }
      case 'DistinctOperator': {
        this.rejectParameters(op, 'distinct');
        const exprs = syntaxListElements(node(op, 'Expressions'));
        const cols = out();
        if (exprs.length === 1 && tokenText(exprs[0] ?? null).trim() === '*') return this.qb.add(`SELECT DISTINCT * FROM ${input.cte}`, cols, same);
        const sel = exprs.map((e, i) => `${t.translate(e)} AS ${quoteIdent(cols[i]?.ColumnName ?? '')}`);
        if (exprs.length !== cols.length) throw unsupportedOperator('distinct', op);
        const value = (e: KNode) => (nodeType(e) === 'SimpleNamedExpression' ? this.req(e, 'Expression') : e);
        return this.qb.add(`SELECT DISTINCT ${sel.join(', ')} FROM ${input.cte}`, cols, this.microOf(t, exprs.map((e, i) => ({ name: cols[i]?.ColumnName ?? '', value: value(e) }))));
      }
      case 'RenderOperator':
        this.qb.visualization = visualizationOf(op, this.scope);
        return input;
      case 'AsOperator':
        return input;
      case 'JoinOperator':
        return this.join(op, input);
      case 'UnionOperator':
        return this.union(op, input);
      case 'MvExpandOperator':
        return this.mvExpand(op, input);
      case 'ParseOperator':
        return this.parse(op, input);
      case 'TopNestedOperator':
        return this.topNested(op, input);
      default:
        throw unsupportedOperator(operatorName(op), op);
    }
  }

  private ordering(items: KNode[], t: ScalarTranslator): string {
    return items
      .map((item) => {
        const expr = nodeType(item) === 'OrderedExpression' ? this.req(item, 'Expression') : item;
        const ordering = node(item, 'Ordering');
        const dir = tokenText(node(ordering, 'AscOrDescKeyword')).toLowerCase() || 'desc';
        const nullsWord = tokenText(node(node(ordering, 'NullsClause'), 'FirstOrLastKeyword')).toLowerCase();
        // Kusto: ascending puts nulls first, descending puts them last, unless told otherwise.
        const nulls = nullsWord || (dir === 'asc' ? 'first' : 'last');
        return `${t.translate(expr)} ${dir.toUpperCase()} NULLS ${nulls.toUpperCase()}`;
      })
      .join(', ');
  }

  private project(op: KNode, input: Relation): Relation {
    const cols = columnsOf(op);
    const exprs = syntaxListElements(node(op, 'Expressions'));
    if (exprs.length !== cols.length) throw unsupportedOperator('project', op, 'Projections that expand to several columns are not implemented.');
    const t = this.scalar(input);
    const named = exprs.map((e, i) => {
      if (nodeType(e) === 'CompoundNamedExpression') throw unsupportedSyntax('tuple assignment', e);
      return { name: cols[i]?.ColumnName ?? '', value: nodeType(e) === 'SimpleNamedExpression' ? this.req(e, 'Expression') : e };
    });
    const sel = named.map(({ name, value }) => `${t.translate(value)} AS ${quoteIdent(name)}`);
    return this.qb.add(`SELECT ${sel.join(', ')} FROM ${input.cte}`, cols, this.microOf(t, named));
  }

  private extend(op: KNode, input: Relation): Relation {
    const finalCols = columnsOf(op);
    const exprs = syntaxListElements(node(op, 'Expressions'));
    const inputNames = new Set(input.columns.map((c) => c.ColumnName));
    const explicit = new Set(exprs.filter((e) => nodeType(e) === 'SimpleNamedExpression').map((e) => simpleName(node(e, 'Name'))));
    const derived = finalCols.map((c) => c.ColumnName).filter((n) => !inputNames.has(n) && !explicit.has(n));
    let rel = input;
    for (const e of exprs) {
      // Later expressions may read earlier ones (`extend a = …, b = a + 1h`): each sees the relation so far.
      const t = this.scalar(rel);
      if (nodeType(e) === 'CompoundNamedExpression') throw unsupportedSyntax('tuple assignment', e);
      const named = nodeType(e) === 'SimpleNamedExpression';
      const name = named ? simpleName(node(e, 'Name')) : derived.shift();
      if (!name) throw unsupportedOperator('extend', e, 'Could not name an unnamed expression.');
      const value = named ? this.req(e, 'Expression') : e;
      const col: KustoColumn = { ColumnName: name, ColumnType: typeOf(value) };
      const sql = t.translate(value);
      const exists = rel.columns.some((c) => c.ColumnName === name);
      const columns = exists ? rel.columns.map((c) => (c.ColumnName === name ? col : c)) : [...rel.columns, col];
      const micro = [...(rel.micro ?? [])].filter((m) => m !== name).concat(this.microOf(t, [{ name, value }]));
      rel = this.qb.add(
        exists
          ? `SELECT * REPLACE (${sql} AS ${quoteIdent(name)}) FROM ${rel.cte}`
          : `SELECT *, ${sql} AS ${quoteIdent(name)} FROM ${rel.cte}`,
        columns,
        micro,
      );
    }
    const names = rel.columns.map((c) => c.ColumnName).join('\u0000');
    if (names !== finalCols.map((c) => c.ColumnName).join('\u0000')) throw unsupportedOperator('extend', op, 'Its column layout is not implemented.');
    return { cte: rel.cte, columns: finalCols, micro: rel.micro ?? new Set() };
  }

  private rename(op: KNode, input: Relation): Relation {
    const cols = columnsOf(op);
    const renames = new Map<string, string>();
    for (const e of syntaxListElements(node(op, 'Expressions'))) {
      renames.set(simpleName(node(e, 'Name')), simpleName(node(e, 'Expression')));
    }
    const source = (c: KustoColumn) => renames.get(c.ColumnName) ?? c.ColumnName;
    const sel = cols.map((c) => `${quoteIdent(source(c))} AS ${quoteIdent(c.ColumnName)}`);
    const micro = cols.filter((c) => input.micro?.has(source(c))).map((c) => c.ColumnName);
    return this.qb.add(`SELECT ${sel.join(', ')} FROM ${input.cte}`, cols, micro);
  }

  private summarize(op: KNode, input: Relation): Relation {
    this.rejectParameters(op, 'summarize');
    const cols = columnsOf(op);
    const t = this.scalar(input);
    const byClause = node(op, 'ByClause');
    if (node(byClause, 'BinClause')) throw unsupportedSyntax("the legacy 'summarize … by … bin=' clause (write bin(column, size) instead)", node(byClause, 'BinClause'));
    const byExprs = syntaxListElements(node(byClause, 'Expressions'));
    const aggs = syntaxListElements(node(op, 'Aggregates'));
    const byNames = cols.slice(0, byExprs.length).map((c) => c.ColumnName);
    const unwrap = (e: KNode) => (nodeType(e) === 'SimpleNamedExpression' ? this.req(e, 'Expression') : e);
    const bySql = byExprs.map((e) => t.translate(unwrap(e)));
    const aggSql: string[] = [];
    for (const a of aggs) {
      if (nodeType(a) === 'CompoundNamedExpression') throw unsupportedSyntax('tuple assignment in summarize', a);
      const call = unwrap(a);
      if (nodeType(call) !== 'FunctionCallExpression') throw unsupportedOperator('summarize', a, 'Only aggregate function calls are implemented.');
      aggSql.push(...aggregateSql(call, { translator: t, inputColumns: input.columns.map((c) => c.ColumnName), byColumns: byNames }));
    }
    const all = [...bySql, ...aggSql];
    if (all.length !== cols.length) throw unsupportedOperator('summarize', op, 'Its column layout is not implemented.');
    const sel = all.map((s, i) => `${s} AS ${quoteIdent(cols[i]?.ColumnName ?? '')}`);
    const group = bySql.length ? ` GROUP BY ${bySql.map((_, i) => String(i + 1)).join(', ')}` : '';
    // Aggregates (min(), arg_max() …) are not tracked: their datetimes count as 100 ns values.
    const micro = this.microOf(t, byExprs.map((e, i) => ({ name: byNames[i] ?? '', value: unwrap(e) })));
    return this.qb.add(`SELECT ${sel.join(', ')} FROM ${input.cte}${group}`, cols, micro);
  }

  private join(op: KNode, left: Relation): Relation {
    let kind = 'innerunique';
    for (const p of syntaxListElements(node(op, 'Parameters'))) {
      const name = simpleName(node(p, 'Name')).toLowerCase() || tokenText(node(p, 'Name')).toLowerCase();
      const value = tokenText(node(p, 'Expression')).trim().toLowerCase();
      if (name === 'kind') kind = value;
      else if (!name.startsWith('hint.')) throw unsupportedOperator('join', p, `The parameter '${name}' is not implemented.`);
    }
    const right = this.translate(this.req(op, 'Expression'));
    const cond = this.req(op, 'ConditionClause');
    if (nodeType(cond) !== 'JoinOnClause') throw unsupportedOperator('join', cond, "Only 'on' conditions are implemented.");
    const pairs: [string, string][] = [];
    for (const e of syntaxListElements(node(cond, 'Expressions'))) {
      if (nodeType(e) === 'NameReference') {
        const n = simpleName(e);
        pairs.push([n, n]);
        continue;
      }
      if (nodeType(e) === 'BinaryExpression' && tokenText(node(e, 'Operator')) === '==') {
        const side = (x: KNode | null): [string, string] => {
          const target = simpleName(node(x, 'Expression'));
          return [target, simpleName(node(x, 'Selector'))];
        };
        const [s1, c1] = side(node(e, 'Left'));
        const [s2, c2] = side(node(e, 'Right'));
        if (s1 === '$left' && s2 === '$right') pairs.push([c1, c2]);
        else if (s1 === '$right' && s2 === '$left') pairs.push([c2, c1]);
        else throw unsupportedOperator('join', e, 'Only $left.x == $right.y conditions are implemented.');
        continue;
      }
      throw unsupportedOperator('join', e, 'This join condition is not implemented.');
    }
    const on = pairs.map(([l, r]) => `l.${quoteIdent(l)} = r.${quoteIdent(r)}`).join(' AND ');
    const cols = columnsOf(op);
    // Output column i comes from left column i, then right column i - left.length (sides()), or one side only.
    const carried = (...rels: Relation[]) => {
      const from = rels.flatMap((r) => r.columns.map((c) => r.micro?.has(c.ColumnName) ?? false));
      return cols.filter((_, i) => from[i]).map((c) => c.ColumnName);
    };
    const sides = (lc: KustoColumn[], rc: KustoColumn[]) => {
      if (lc.length + rc.length !== cols.length) throw unsupportedOperator('join', op, 'Its column layout is not implemented.');
      return [
        ...lc.map((c, i) => `l.${quoteIdent(c.ColumnName)} AS ${quoteIdent(cols[i]?.ColumnName ?? '')}`),
        ...rc.map((c, i) => `r.${quoteIdent(c.ColumnName)} AS ${quoteIdent(cols[lc.length + i]?.ColumnName ?? '')}`),
      ].join(', ');
    };
    const onlyLeft = () => {
      if (left.columns.length !== cols.length) throw unsupportedOperator('join', op, 'Its column layout is not implemented.');
      return left.columns.map((c) => `l.${quoteIdent(c.ColumnName)}`).join(', ');
    };
    const onlyRight = () => {
      if (right.columns.length !== cols.length) throw unsupportedOperator('join', op, 'Its column layout is not implemented.');
      return right.columns.map((c) => `r.${quoteIdent(c.ColumnName)}`).join(', ');
    };
    const from = `${left.cte} AS l`;
    switch (kind) {
      case 'innerunique': {
        // innerunique keeps one (arbitrary) left row per key before joining (Kusto join docs).
        const keys = pairs.map(([l]) => quoteIdent(l)).join(', ');
        const dedup = this.qb.add(`SELECT * FROM ${left.cte} QUALIFY row_number() OVER (PARTITION BY ${keys}) = 1`, left.columns, left.micro);
        return this.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${dedup.cte} AS l JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
      }
      case 'inner':
        return this.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${from} JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
      case 'leftouter':
        return this.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${from} LEFT JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
      case 'rightouter':
        return this.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${from} RIGHT JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
      case 'fullouter':
        return this.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${from} FULL JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
      case 'leftanti':
      case 'anti':
      case 'leftantisemi':
        return this.qb.add(`SELECT ${onlyLeft()} FROM ${from} ANTI JOIN ${right.cte} AS r ON ${on}`, cols, carried(left));
      case 'leftsemi':
        return this.qb.add(`SELECT ${onlyLeft()} FROM ${from} SEMI JOIN ${right.cte} AS r ON ${on}`, cols, carried(left));
      case 'rightanti':
      case 'rightantisemi':
        return this.qb.add(`SELECT ${onlyRight()} FROM ${right.cte} AS r ANTI JOIN ${left.cte} AS l ON ${on}`, cols, carried(right));
      case 'rightsemi':
        return this.qb.add(`SELECT ${onlyRight()} FROM ${right.cte} AS r SEMI JOIN ${left.cte} AS l ON ${on}`, cols, carried(right));
      default:
        throw unsupportedOperator('join', op, `The kind '${kind}' is not implemented.`);
    }
  }

  private union(op: KNode, input: Relation | null): Relation {
    let source: string | null = null;
    for (const p of syntaxListElements(node(op, 'Parameters'))) {
      const name = tokenText(node(p, 'Name')).trim().toLowerCase();
      if (name === 'withsource') source = tokenText(node(p, 'Expression')).trim();
      else throw unsupportedOperator('union', p, `The parameter '${name}' is not implemented.`);
    }
    const cols = columnsOf(op);
    const parts: { rel: Relation; label: string }[] = [];
    if (input) parts.push({ rel: input, label: '' });
    for (const e of syntaxListElements(node(op, 'Expressions'))) {
      parts.push({ rel: this.translate(e), label: nodeType(e) === 'NameReference' ? simpleName(e) : '' });
    }
    if (source !== null && parts.some((p) => p.label === '')) throw unsupportedOperator('union', op, 'withsource over non-table inputs is not implemented.');
    const selects = parts.map(({ rel, label }) => {
      const sel = cols.map((c) => {
        if (source !== null && c.ColumnName === source) return `${quoteString(label)} AS ${quoteIdent(c.ColumnName)}`;
        const match = rel.columns.find((x) => x.ColumnName === c.ColumnName && x.ColumnType === c.ColumnType);
        return match ? quoteIdent(c.ColumnName) : `CAST(NULL AS ${duckType(c.ColumnType)}) AS ${quoteIdent(c.ColumnName)}`;
      });
      return `SELECT ${sel.join(', ')} FROM ${rel.cte}`;
    });
    for (const c of cols) {
      if (c.ColumnName === source) continue;
      if (!parts.some(({ rel }) => rel.columns.some((x) => x.ColumnName === c.ColumnName && x.ColumnType === c.ColumnType))) {
        throw unsupportedOperator('union', op, `Its column '${c.ColumnName}' (columns of mixed types) is not implemented.`);
      }
    }
    // A column is whole micros when every input that has it holds micros (the others give NULL).
    const micro = cols
      .filter((c) => parts.every(({ rel }) => !rel.columns.some((x) => x.ColumnName === c.ColumnName && x.ColumnType === c.ColumnType) || (rel.micro?.has(c.ColumnName) ?? false)))
      .map((c) => c.ColumnName);
    return this.qb.add(selects.join(' UNION ALL '), cols, micro);
  }

  /** A call of a tabular user function: its expansion, with the arguments bound as scalar values. */
  private userFunction(call: KNode): Relation {
    const user = expandUserFunction(call, this.scope);
    if (!user) throw unsupportedSyntax(`the tabular function call '${tokenText(call).trim().slice(0, 40)}'`, call);
    const scope: ScalarScope = { ...this.scope, values: user.values };
    const inner = new TabularTranslator(this.qb, this.tables, scope, new Map(this.lets));
    for (const st of user.statements) {
      if (nodeType(st) !== 'LetStatement') throw unsupportedSyntax('this statement in a function body', st);
      const e = node(st, 'Expression');
      if (!e) throw unsupportedSyntax('this let statement', st);
      const name = simpleName(node(st, 'Name'));
      if (resultType(e)?.IsScalar) user.values.set(name, new ScalarTranslator(scope).translate(e));
      else inner.lets.set(name, inner.translate(e));
    }
    return inner.translate(this.req(user.body, 'Expression'));
  }

  /**
   * mv-expand (Kusto docs "mv-expand operator"): arrays and bags expand in parallel, the row count
   * per input row is the longest; a null value gives one row (null), an empty array or bag none,
   * any other scalar one row. kind=bag gives {key: value} bags, kind=array [key, value] arrays.
   */
  private mvExpand(op: KNode, input: Relation): Relation {
    let kind = 'bag';
    let indexName: string | null = null;
    for (const p of syntaxListElements(node(op, 'Parameters'))) {
      const name = tokenText(node(p, 'Name')).trim().toLowerCase();
      const value = node(p, 'Expression');
      if (name === 'kind' || name === 'bagexpansion') kind = tokenText(value).trim().toLowerCase();
      else if (name === 'with_itemindex') indexName = simpleName(value) || tokenText(value).trim();
      else throw unsupportedOperator('mv-expand', p, `The parameter '${name}' is not implemented.`);
    }
    if (kind !== 'bag' && kind !== 'array') throw unsupportedOperator('mv-expand', op, `kind=${kind} is not implemented.`);
    const cols = columnsOf(op);
    const inputNames = new Set(input.columns.map((c) => c.ColumnName));
    const t = this.scalar(input);
    const exprs = syntaxListElements(node(op, 'Expressions'));
    const explicit = exprs.map((e) => this.req(e, 'Expression')).filter((e) => nodeType(e) === 'SimpleNamedExpression').map((e) => simpleName(node(e, 'Name')));
    const derived = cols.map((c) => c.ColumnName).filter((n) => !inputNames.has(n) && n !== indexName && !explicit.includes(n));
    const expanded = exprs.map((e, i) => {
      const inner = this.req(e, 'Expression');
      let name: string;
      let value: KNode;
      if (nodeType(inner) === 'SimpleNamedExpression') {
        name = simpleName(node(inner, 'Name'));
        value = this.req(inner, 'Expression');
      } else {
        value = inner;
        name = nodeType(inner) === 'NameReference' ? simpleName(inner) : (derived.shift() ?? '');
      }
      if (!name) throw unsupportedOperator('mv-expand', e, 'Could not name an unnamed expression.');
      if (typeOf(value) !== 'dynamic') throw unsupportedOperator('mv-expand', e, 'Only dynamic values can be expanded.');
      const target = cols.find((c) => c.ColumnName === name)?.ColumnType ?? 'dynamic';
      return { name, sql: t.translate(value), v: `__mv${i}`, n: `__mvn${i}`, target };
    });
    const limit = node(node(op, 'RowLimitClause'), 'RowLimit');
    const values = this.qb.add(`SELECT *, ${expanded.map((x) => `${x.sql} AS ${x.v}`).join(', ')} FROM ${input.cte}`, input.columns, input.micro);
    const counted = this.qb.add(
      `SELECT *, ${expanded
        .map(
          (x) =>
            `CASE WHEN ${x.v} IS NULL THEN 1 WHEN json_type(${x.v}) = 'ARRAY' THEN json_array_length(${x.v}) WHEN json_type(${x.v}) = 'OBJECT' THEN len(json_keys(${x.v})) ELSE 1 END AS ${x.n}`,
        )
        .join(', ')} FROM ${values.cte}`,
      input.columns,
    );
    const longest = expanded.length === 1 ? `CAST(${expanded[0]?.n} AS BIGINT)` : `CAST(greatest(${expanded.map((x) => x.n).join(', ')}) AS BIGINT)`;
    const rows = this.qb.add(`SELECT *, unnest(range(${longest})) AS __mvi FROM ${counted.cte}`, input.columns);
    const element = (x: (typeof expanded)[number]) => {
      const key = `json_keys(${x.v})[__mvi + 1]`;
      const bagValue = `json_extract(${x.v}, '$."' || replace(${key}, '"', '\\"') || '"')`;
      const e = `CASE WHEN json_type(${x.v}) = 'ARRAY' THEN json_extract(${x.v}, '$[' || CAST(__mvi AS VARCHAR) || ']')
        WHEN json_type(${x.v}) = 'OBJECT' THEN ${kind === 'bag' ? `json_object(${key}, ${bagValue})` : `json_array(${key}, ${bagValue})`}
        WHEN __mvi = 0 THEN ${x.v} END`;
      return x.target === 'dynamic' ? e : typedElement(`(${e})`, x.target);
    };
    const sel = cols.map((c) => {
      if (c.ColumnName === indexName) return `__mvi AS ${quoteIdent(c.ColumnName)}`;
      const x = expanded.find((y) => y.name === c.ColumnName);
      if (x) return `${element(x)} AS ${quoteIdent(c.ColumnName)}`;
      if (!inputNames.has(c.ColumnName)) throw unsupportedOperator('mv-expand', op, `Its column '${c.ColumnName}' is not implemented.`);
      return quoteIdent(c.ColumnName);
    });
    const where = limit ? ` WHERE __mvi < ${t.translate(limit)}` : '';
    const micro = [...(input.micro ?? [])].filter((m) => !expanded.some((x) => x.name === m) && m !== indexName);
    return this.qb.add(`SELECT ${sel.join(', ')} FROM ${rows.cte}${where}`, cols, micro);
  }

  /**
   * parse, kind=simple (the default): the pattern becomes an anchored regex — string captures and
   * `*` match lazily (greedily when last), long/int/real captures match numbers; all delimiters
   * must be found and every typed capture must convert, otherwise all captured columns are null
   * (Kusto docs "parse operator", "Supported kind values").
   */
  private parse(op: KNode, input: Relation): Relation {
    for (const p of syntaxListElements(node(op, 'Parameters'))) {
      const name = tokenText(node(p, 'Name')).trim().toLowerCase();
      const value = tokenText(node(p, 'Expression')).trim().toLowerCase();
      if (!(name === 'kind' && value === 'simple')) throw unsupportedOperator('parse', p, `${name}=${value} is not implemented (only kind=simple).`);
    }
    const cols = columnsOf(op);
    const t = this.scalar(input);
    const source = this.req(op, 'Expression');
    const text = toKustoString(t.translate(source), typeOf(source));
    const parts = syntaxListElements(node(op, 'Patterns'));
    let regex = '^';
    const captures: { name: string; type: KustoType }[] = [];
    parts.forEach((p, i) => {
      const last = i === parts.length - 1;
      const kind = nodeType(p);
      if (kind === 'LiteralExpression' || kind === 'CompoundStringLiteralExpression') {
        regex += escapeRegex(t.literalString(p, op));
        return;
      }
      if (kind === 'StarExpression' || tokenText(p).trim() === '*') {
        regex += last ? '.*' : '.*?';
        return;
      }
      const decl = kind === 'NameAndTypeDeclaration' ? node(p, 'Name') : p;
      const name = simpleName(decl);
      const type = kind === 'NameAndTypeDeclaration' ? kustoType(tokenText(node(p, 'Type')).trim()) : 'string';
      if (!name || !type) throw unsupportedOperator('parse', p, `The pattern element '${tokenText(p).trim()}' is not implemented.`);
      const sub = PARSE_TYPE_REGEX[type];
      if (!sub) throw unsupportedOperator('parse', p, `Captures of type ${type} are not implemented.`);
      regex += `(${type === 'string' ? (last ? '.*' : '.*?') : sub})`;
      captures.push({ name, type });
    });
    const micro = [...(input.micro ?? [])].filter((m) => !captures.some((x) => x.name === m));
    if (captures.length === 0) return this.qb.add(`SELECT * FROM ${input.cte}`, cols, micro);
    const names = captures.map((_, i) => `'g${i}'`).join(', ');
    const matched = this.qb.add(
      `SELECT *, CASE WHEN regexp_matches(${text}, ${quoteString(regex)}) THEN regexp_extract(${text}, ${quoteString(regex)}, [${names}]) END AS __parse FROM ${input.cte}`,
      input.columns,
    );
    const typed = captures.map((c, i) => (c.type === 'string' ? `__parse.g${i}` : `TRY_CAST(__parse.g${i} AS ${duckType(c.type)})`));
    // Strict: one capture that does not convert fails the whole row.
    const ok = typed.map((x, i) => (captures[i]?.type === 'string' ? 'TRUE' : `${x} IS NOT NULL`)).join(' AND ');
    const sel = cols.map((c) => {
      const i = captures.findIndex((x) => x.name === c.ColumnName);
      if (i >= 0) return `CASE WHEN ${ok} THEN ${typed[i]} END AS ${quoteIdent(c.ColumnName)}`;
      return quoteIdent(c.ColumnName);
    });
    return this.qb.add(`SELECT ${sel.join(', ')} FROM ${matched.cte}`, cols, micro);
  }

  /**
   * top-nested: level k groups by the keys of levels 1..k, keeps the N best groups (by the level's
   * aggregate, desc unless told) within each kept group of level k-1. `with others` is refused.
   */
  private topNested(op: KNode, input: Relation): Relation {
    const cols = columnsOf(op);
    const clauses = syntaxListElements(node(op, 'Clauses'));
    const t = this.scalar(input);
    if (cols.length !== clauses.length * 2) throw unsupportedOperator('top-nested', op, 'Its column layout is not implemented.');
    const keys = clauses.map((c, i) => {
      if (node(c, 'WithOthersClause')) throw unsupportedOperator('top-nested', c, "'with others' is not implemented.");
      const of = this.req(c, 'OfExpression');
      const value = nodeType(of) === 'SimpleNamedExpression' ? this.req(of, 'Expression') : of;
      return { sql: t.translate(value), k: `__k${i}` };
    });
    const base = this.qb.add(`SELECT *, ${keys.map((k) => `${k.sql} AS ${k.k}`).join(', ')} FROM ${input.cte}`, input.columns);
    let previous: Relation | null = null;
    clauses.forEach((c, i) => {
      let by = this.req(c, 'ByExpression');
      let dir = 'DESC';
      if (nodeType(by) === 'OrderedExpression') {
        const word = tokenText(node(node(by, 'Ordering'), 'AscOrDescKeyword')).toLowerCase();
        if (word === 'asc') dir = 'ASC';
        if (node(node(by, 'Ordering'), 'NullsClause')) throw unsupportedOperator('top-nested', by, 'nulls first/last is not implemented.');
        by = this.req(by, 'Expression');
      }
      if (nodeType(by) === 'SimpleNamedExpression') by = this.req(by, 'Expression');
      if (nodeType(by) !== 'FunctionCallExpression') throw unsupportedOperator('top-nested', by, 'Only an aggregate function call is implemented.');
      const [agg, ...more] = aggregateSql(by, { translator: t, inputColumns: input.columns.map((x) => x.ColumnName), byColumns: [] });
      if (!agg || more.length > 0) throw unsupportedOperator('top-nested', by, 'This aggregate is not implemented here.');
      const here = keys.slice(0, i + 1).map((k) => k.k);
      const parent = keys.slice(0, i).map((k) => k.k);
      const joinOn = parent.map((k) => `b.${k} IS NOT DISTINCT FROM p.${k}`).join(' AND ');
      const from = previous ? `${base.cte} AS b SEMI JOIN ${previous.cte} AS p ON ${joinOn}` : `${base.cte} AS b`;
      const grouped = this.qb.add(`SELECT ${here.map((k) => `b.${k}`).join(', ')}, ${agg} AS __a${i} FROM ${from} GROUP BY ALL`, []);
      const n = node(c, 'Expression');
      const limit = n ? ` QUALIFY row_number() OVER (${parent.length ? `PARTITION BY ${parent.map((k) => `g.${k}`).join(', ')} ` : ''}ORDER BY g.__a${i} ${dir} NULLS LAST) <= ${t.translate(n)}` : '';
      const carried = previous ? `, ${keys.slice(0, i).map((_, j) => `p.__a${j}`).join(', ')}` : '';
      const joined = previous ? ` JOIN ${previous.cte} AS p ON ${parent.map((k) => `g.${k} IS NOT DISTINCT FROM p.${k}`).join(' AND ')}` : '';
      previous = this.qb.add(`SELECT g.*${carried} FROM ${grouped.cte} AS g${joined}${limit}`, []);
    });
    const last = previous as Relation | null;
    if (!last) throw unsupportedOperator('top-nested', op);
    const sel = cols.map((c, i) => `${i % 2 === 0 ? `__k${i / 2}` : `__a${(i - 1) / 2}`} AS ${quoteIdent(c.ColumnName)}`);
    return this.qb.add(`SELECT ${sel.join(', ')} FROM ${last.cte}`, cols);
  }

  private print(op: KNode): Relation {
    const cols = columnsOf(op);
    const exprs = syntaxListElements(node(op, 'Expressions'));
    const t = this.scalar();
    const named = exprs.map((e, i) => ({ name: cols[i]?.ColumnName ?? '', value: nodeType(e) === 'SimpleNamedExpression' ? this.req(e, 'Expression') : e }));
    const sel = named.map(({ name, value }) => `${t.translate(value)} AS ${quoteIdent(name)}`);
    if (sel.length !== cols.length) throw unsupportedOperator('print', op);
    return this.qb.add(`SELECT ${sel.join(', ')}`, cols, this.microOf(t, named));
  }

  private range(op: KNode): Relation {
    const cols = columnsOf(op);
    const t = this.scalar();
    const name = quoteIdent(cols[0]?.ColumnName ?? 'value');
    const fromNode = this.req(op, 'From');
    const toNode = this.req(op, 'To');
    const from = t.translate(fromNode);
    const to = t.translate(toNode);
    const step = t.translate(this.req(op, 'Step'));
    if (typeOf(fromNode) === 'datetime') {
      // generate_series takes micros: start on the micro floor and put its sub-micro ticks back on
      // each value; the steps are whole micros, so a value is within `to` iff it is within its
      // micro floor (ascending) or ceiling (descending). Whole-micro bounds need none of that.
      const micro = t.micro(fromNode);
      const start = micro ? from : `kql_floor_us(${from})`;
      const end = t.micro(toNode) ? to : `CASE WHEN epoch_us(${step}) >= 0 THEN kql_floor_us(${to}) ELSE kql_ceil_us(${to}) END`;
      const value = micro ? 'generate_series' : `kql_add_ns(generate_series, epoch_ns(${from}) - epoch_ns(${start}))`;
      return this.qb.add(`SELECT ${value} AS ${name} FROM generate_series(${start}, ${end}, ${step})`, cols, micro ? [cols[0]?.ColumnName ?? 'value'] : []);
    }
    // The table function streams; unnest(generate_series()) would build the whole list in memory.
    return this.qb.add(`SELECT generate_series AS ${name} FROM generate_series(${from}, ${to}, ${step})`, cols);
  }

  private datatable(op: KNode): Relation {
    const cols = columnsOf(op);
    const values = syntaxListElements(node(op, 'Values'));
    const t = this.scalar();
    if (cols.length === 0 || values.length % cols.length !== 0) throw unsupportedOperator('datatable', op);
    const rows: string[] = [];
    for (let i = 0; i < values.length; i += cols.length) {
      rows.push(`(${cols.map((c, j) => `CAST(${t.translate(values[i + j] as KNode)} AS ${duckType(c.ColumnType)})`).join(', ')})`);
    }
    const names = cols.map((c) => quoteIdent(c.ColumnName)).join(', ');
    const micro = cols.filter((c) => c.ColumnType === 'datetime' && duckType(c.ColumnType) === 'TIMESTAMP').map((c) => c.ColumnName);
    if (rows.length === 0) {
      return this.qb.add(`SELECT ${cols.map((c) => `CAST(NULL AS ${duckType(c.ColumnType)}) AS ${quoteIdent(c.ColumnName)}`).join(', ')} WHERE FALSE`, cols, micro);
    }
    return this.qb.add(`SELECT * FROM (VALUES ${rows.join(', ')}) AS v(${names})`, cols, micro);
  }
}

const PARSE_TYPE_REGEX: Partial<Record<KustoType, string>> = {
  string: '.*?',
  int: '-?\\d+',
  long: '-?\\d+',
  real: '-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?',
  bool: '(?i:true|false)',
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `to typeof(T)`: a cast only — elements that are not of T become null (mv-expand docs). */
function typedElement(e: string, t: KustoType): string {
  switch (t) {
    case 'string':
      return `CASE WHEN json_type(${e}) = 'VARCHAR' THEN ${e} ->> '$' END`;
    case 'bool':
      return `CASE WHEN json_type(${e}) = 'BOOLEAN' THEN CAST(${e} ->> '$' AS BOOLEAN) END`;
    case 'int':
    case 'long':
      return `CASE WHEN json_type(${e}) IN ('BIGINT', 'UBIGINT') THEN TRY_CAST(${e} ->> '$' AS ${duckType(t)}) END`;
    case 'real':
      return `CASE WHEN json_type(${e}) IN ('BIGINT', 'UBIGINT', 'DOUBLE') THEN TRY_CAST(${e} ->> '$' AS DOUBLE) END`;
    default:
      return fromDynamic(e, t);
  }
}

function operatorName(op: KNode): string {
  const first = op.GetChild(0);
  const text = first ? tokenText(first).trim() : nodeType(op);
  return text || nodeType(op);
}
