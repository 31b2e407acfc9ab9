/** summarize aggregates → DuckDB aggregates. Each returns one SQL expression per output column. */
import { unsupportedFunction } from './errors';
import { requireJsonFor } from './host-capabilities';
import { children, type KNode, nodeType, referencedSymbol } from './kusto-language';
import { quoteIdent } from './kusto-types';
import type { ScalarTranslator } from './scalar';
import { refusalSql, toJsonValue, typeOf } from './values';

export interface AggregateContext {
  translator: ScalarTranslator;
  /** Input columns, for arg_max(x, *). */
  inputColumns: string[];
  /** Columns produced by `by` (excluded from arg_max's `*`, as Kusto does). */
  byColumns: string[];
}

function filter(t: ScalarTranslator, predicate: KNode | undefined): string {
  return predicate ? ` FILTER (WHERE ${t.translate(predicate)})` : '';
}

function need(args: KNode[], i: number, call: KNode, name: string): KNode {
  const a = args[i];
  if (!a) throw unsupportedFunction(name, call, 'This argument count is not implemented.');
  return a;
}

function emptyZero(f: string, x: string): string {
  return `CASE WHEN count(${x}) = 0 THEN 0 ELSE ${f}(${x}) END`;
}

/** The aggregate functions aggregateSql implements (a call of one of them is an aggregate, not a scalar). */
const AGGREGATE_NAMES = new Set(['count', 'countif', 'sum', 'sumif', 'avg', 'avgif', 'min', 'max', 'minif', 'maxif', 'dcount', 'dcountif', 'stdev', 'stdevp', 'variance', 'variancep', 'any', 'take_any', 'take_anyif', 'make_bag', 'make_bag_if', 'percentile', 'percentiles', 'make_list', 'make_set', 'make_list_if', 'make_set_if', 'make_list_with_nulls', 'arg_max', 'arg_min']);

export function isAggregateCall(n: KNode): boolean {
  return nodeType(n) === 'FunctionCallExpression' && AGGREGATE_NAMES.has((referencedSymbol(n)?.Name ?? '').toLowerCase());
}

/**
 * One summarize column that is an expression over aggregates (`sum(x) * 2`, `round(avg(x), 2)`,
 * `100.0 * countif(p) / count()`, `strcat_array(make_list(s), ',')`): each aggregate call inside
 * becomes its SQL aggregate, the rest is translated as a scalar around them.
 */
export function aggregateExpressionSql(e: KNode, ctx: AggregateContext): string {
  const aggregates = new Map<KNode, string>();
  const visit = (n: KNode): void => {
    if (isAggregateCall(n)) {
      const [sql, ...more] = aggregateSql(n, ctx);
      if (!sql || more.length > 0) throw unsupportedFunction(referencedSymbol(n)?.Name ?? 'this aggregate', n, 'Inside an expression it must give one value.');
      aggregates.set(n, sql);
      return;
    }
    for (const child of children(n)) visit(child);
  };
  visit(e);
  return ctx.translator.withAggregates(aggregates).translate(e);
}

/** Returns the SQL for each column the aggregate produces (arg_max/percentiles produce several). */
export function aggregateSql(call: KNode, ctx: AggregateContext): string[] {
  const sql = aggregateSqlOf(call, ctx);
  const name = (referencedSymbol(call)?.Name ?? '').toLowerCase();
  requireJsonFor(ctx.translator.scope.host, sql.join(', '), `the '${name}' aggregate`, call);
  return sql;
}

function aggregateSqlOf(call: KNode, ctx: AggregateContext): string[] {
  const t = ctx.translator;
  const name = (referencedSymbol(call)?.Name ?? '').toLowerCase();
  const args = t.args(call);
  const a0 = () => t.translate(need(args, 0, call, name));
  switch (name) {
    case 'count':
      if (args.length > 0) throw unsupportedFunction('count', call, 'count() with an argument is not implemented.');
      return ['count(*)'];
    case 'countif':
      return [`count(*)${filter(t, need(args, 0, call, name))}`];
    // Kusto's "default values of aggregations" (summarize operator docs): sum, sumif, variance and
    // stdev of no (non-null) values are 0, not null.
    case 'sum':
      return [`coalesce(sum(${a0()}), 0)`];
    case 'sumif':
      return [`coalesce(sum(${a0()})${filter(t, need(args, 1, call, name))}, 0)`];
    case 'avg':
    case 'avgif': {
      const x = need(args, 0, call, name);
      const f = name === 'avgif' ? filter(t, need(args, 1, call, name)) : '';
      const xt = typeOf(x);
      // DuckDB's avg(INTERVAL) rounds to micros; Kusto's mean is in 100 ns ticks.
      if (xt === 'timespan') return [`kql_ticks_timespan(avg(epoch_us(${t.translate(x)}))${f} * 10, ${refusalSql(`${name}() of timespans when the mean is not a whole number of microseconds`)})`];
      if (xt === 'datetime') throw unsupportedFunction(name, call, `${name}() of datetimes is not implemented.`);
      return [`avg(${t.translate(x)})${f}`];
    }
    case 'min':
      return [`min(${a0()})`];
    case 'max':
      return [`max(${a0()})`];
    case 'minif':
      return [`min(${a0()})${filter(t, need(args, 1, call, name))}`];
    case 'maxif':
      return [`max(${a0()})${filter(t, need(args, 1, call, name))}`];
    // Exact distinct counts: Kusto's dcount is an HLL estimate, within ~1% of this.
    case 'dcount':
      return [`count(DISTINCT ${a0()})`];
    case 'dcountif':
      return [`count(DISTINCT ${a0()})${filter(t, need(args, 1, call, name))}`];
    case 'stdev':
      return [emptyZero('stddev_samp', a0())];
    case 'stdevp':
      return [emptyZero('stddev_pop', a0())];
    case 'variance':
      return [emptyZero('var_samp', a0())];
    case 'variancep':
      return [emptyZero('var_pop', a0())];
    case 'any':
    case 'take_any':
    case 'take_anyif':
      return takeAny(name, args, call, ctx);
    // make_bag: one bag of every input bag's keys; for a key in several rows one of its values (Kusto: "an arbitrary value").
    case 'make_bag':
    case 'make_bag_if': {
      const x = t.translate(need(args, 0, call, name));
      const when = name === 'make_bag_if' ? ` AND (${t.translate(need(args, 1, call, name))})` : '';
      const entries = `list(kql_bag_entries(${x})) FILTER (WHERE json_type(${x}) = 'OBJECT'${when})`;
      return [`CASE WHEN count(*) FILTER (WHERE json_type(${x}) = 'OBJECT'${when}) = 0 THEN '{}'::JSON ELSE kql_bag_of_many(flatten(${entries})) END`];
    }
    // Nearest-rank percentiles (an element of the input), as Kusto's are; Kusto estimates with T-Digest.
    case 'percentile':
    case 'percentiles': {
      const x = a0();
      const ps = args.slice(1);
      if (ps.length === 0) throw unsupportedFunction(name, call, 'A percentile is required.');
      return ps.map((p) => `quantile_disc(${x}, ${t.translate(p)} / 100.0)`);
    }
    case 'make_list':
    case 'make_set':
    case 'make_list_if':
    case 'make_set_if':
    case 'make_list_with_nulls': {
      const x = need(args, 0, call, name);
      const v = toJsonValue(t.translate(x), typeOf(x));
      const conditional = name.endsWith('_if');
      const max = conditional ? args[2] : args[1];
      const limit = max ? `[1:${t.translate(max)}]` : '';
      const distinct = name.startsWith('make_set') ? 'DISTINCT ' : '';
      if (name === 'make_list_with_nulls') return [`to_json(coalesce(list(to_json(${v})), []))`];
      const when = conditional ? ` AND (${t.translate(need(args, 1, call, name))})` : '';
      return [`to_json(coalesce(list(${distinct}${v}) FILTER (WHERE ${v} IS NOT NULL${when}), [])${limit})`];
    }
    case 'arg_max':
    case 'arg_min': {
      const by = need(args, 0, call, name);
      const byName = referencedSymbol(by)?.Name;
      const bySql = t.translate(by);
      const f = name === 'arg_max' ? 'arg_max' : 'arg_min';
      const picked: string[] = [];
      for (const a of args.slice(1)) {
        if (a.ToString(0).trim() === '*') {
          for (const c of ctx.inputColumns) {
            if (c === byName || ctx.byColumns.includes(c)) continue;
            picked.push(quoteIdent(c));
          }
        } else picked.push(t.translate(a));
      }
      // One struct per group so every column comes from the same row even when values tie.
      const row = `${f}({${picked.map((p, i) => `'c${i}': ${p}`).join(', ')}}, ${bySql})`;
      const outputs = [`${name === 'arg_max' ? 'max' : 'min'}(${bySql})`, ...picked.map((_, i) => `(${row}).c${i}`)];
      return outputs;
    }
    default:
      throw unsupportedFunction(name, call);
  }
}

/**
 * take_any(x): a non-null value (non-empty for strings, docs "take_any()"); take_any(a, b, …) and
 * take_any(*) take every value from the same row (one struct per group), `*` being the input
 * columns less the `by` columns. take_anyif(x, predicate) picks among the rows where it holds.
 */
function takeAny(name: string, args: KNode[], call: KNode, ctx: AggregateContext): string[] {
  const t = ctx.translator;
  if (name === 'take_anyif') {
    const x = need(args, 0, call, name);
    return [`any_value(${t.translate(x)}) FILTER (WHERE ${t.translate(need(args, 1, call, name))})`];
  }
  const picked: string[] = [];
  for (const a of args) {
    if (a.ToString(0).trim() === '*') picked.push(...ctx.inputColumns.filter((c) => !ctx.byColumns.includes(c)).map(quoteIdent));
    else picked.push(t.translate(a));
  }
  const [only] = picked;
  if (picked.length === 1 && only !== undefined) {
    const x = args[0];
    const nonEmpty = x && x.ToString(0).trim() !== '*' && typeOf(x) === 'string' ? ` FILTER (WHERE ${only} <> '')` : '';
    return nonEmpty ? [`coalesce(any_value(${only})${nonEmpty}, any_value(${only}))`] : [`any_value(${only})`];
  }
  const row = `any_value({${picked.map((p, i) => `'c${i}': ${p}`).join(', ')}})`;
  return picked.map((_, i) => `(${row}).c${i}`);
}
