/**
 * Window functions over a serialized row set (Kusto docs "Window functions", "serialize
 * operator"): row_number(), prev(), next(), row_cumsum(), row_rank_dense(), row_rank_min().
 *
 * A serialized relation carries the hidden column ORDER_COLUMN (relation.ts) numbering its rows;
 * sort, top, range and serialize set it when the statement uses window functions at all. Before an
 * operator runs, every window call in it is computed into a hidden column of its input, inner
 * calls first (`row_number(1, prev(a) != a)` needs prev() before the restart flags), one SQL stage
 * each, and the scalar translator reads those columns instead (ScalarScope.windows).
 */
import { unsupportedFunction } from './errors';
import { children, isTableSymbol, type KNode, nodeType, resultType } from './kusto-language';
import { duckType, quoteIdent } from './kusto-types';
import { ORDER_COLUMN, type OperatorContext, type Relation } from './relation';
import { symbolName, typeOf } from './values';

const WINDOW_FUNCTIONS = new Set(['row_number', 'prev', 'next', 'row_cumsum', 'row_rank_dense', 'row_rank_min']);

function isWindowCall(n: KNode): boolean {
  return nodeType(n) === 'FunctionCallExpression' && WINDOW_FUNCTIONS.has(symbolName(n).toLowerCase());
}

/** Whether any window function is called anywhere in the query (lets and function bodies too). */
export function usesWindowFunctions(root: KNode): boolean {
  if (isWindowCall(root)) return true;
  return children(root).some((c) => !c.IsToken && usesWindowFunctions(c));
}

/** The window calls of one operator, inner before outer; tabular sub-expressions (a join's right side, toscalar()) are their own operators. */
export function windowCalls(op: KNode): KNode[] {
  const out: KNode[] = [];
  const visit = (n: KNode) => {
    for (const c of children(n)) {
      if (c.IsToken || isTableSymbol(resultType(c))) continue;
      visit(c);
      if (isWindowCall(c)) out.push(c);
    }
  };
  visit(op);
  return out;
}

/**
 * `input` with one hidden column per window call, and the map from call to column the
 * operator's scalar translator reads. Each stage is ordered by ORDER_COLUMN again: a window with
 * PARTITION BY gives its rows back by partition.
 */
export function stageWindows(c: OperatorContext, input: Relation, calls: KNode[]): { rel: Relation; windows: Map<KNode, string> } {
  const windows = new Map<KNode, string>(c.scope.windows ?? []);
  let rel = input;
  const order = `ORDER BY ${ORDER_COLUMN}`;
  const cumulative = (partition: string) => `OVER (${partition}${order} ROWS UNBOUNDED PRECEDING)`;
  const stage = (sql: string, name: string) => {
    rel = c.qb.add(`SELECT *, ${sql} AS ${name} FROM ${rel.cte} ${order}`, rel.columns, rel.micro, { ordered: true });
    return name;
  };
  for (const call of calls) {
    const name = symbolName(call).toLowerCase();
    if (!rel.ordered) {
      throw unsupportedFunction(name, call, `Its input is not a serialized row set (Kusto: "the row set must be serialized"; serialize it with sort, top, range or serialize).`);
    }
    const t = c.withScope({ ...c.scope, windows }).scalar(rel);
    const args = t.args(call);
    const column = `__w${c.qb.ctes.length}`;
    const arg = (i: number) => {
      const a = args[i];
      if (!a) throw unsupportedFunction(name, call, 'This argument count is not implemented.');
      return t.translate(a);
    };
    // A restart predicate numbers runs: the row where it is true starts a new partition.
    const partitionBy = (restart: KNode | undefined) => {
      if (!restart) return '';
      const group = stage(`sum(CASE WHEN ${t.translate(restart)} THEN 1 ELSE 0 END) ${cumulative('')}`, `${column}_run`);
      return `PARTITION BY ${group} `;
    };
    const type = duckType(typeOf(call));
    switch (name) {
      case 'row_number': {
        const start = args[0] ? arg(0) : '1';
        const partition = partitionBy(args[1]);
        stage(`CAST((${start}) - 1 + row_number() OVER (${partition}${order}) AS BIGINT)`, column);
        break;
      }
      case 'prev':
      case 'next': {
        const offset = args[1] ? arg(1) : '1';
        // Kusto strings are never null: with no row there, prev()/next() of a string is "".
        const fallback = args[2] ? `CAST(${arg(2)} AS ${type})` : typeOf(call) === 'string' ? `''` : `CAST(NULL AS ${type})`;
        stage(`${name === 'prev' ? 'lag' : 'lead'}(${arg(0)}, ${offset}, ${fallback}) OVER (${order})`, column);
        break;
      }
      case 'row_cumsum': {
        const term = arg(0);
        const partition = partitionBy(args[1]);
        stage(`CAST(sum(${term}) ${cumulative(partition)} AS ${type})`, column);
        break;
      }
      case 'row_rank_dense':
      case 'row_rank_min': {
        // A run of equal terms shares a rank: dense counts the runs, min is the run's first row number.
        const term = arg(0);
        const partition = partitionBy(args[1]);
        const over = `OVER (${partition}${order})`;
        const first = `row_number() ${over} = 1 OR (${term}) IS DISTINCT FROM lag(${term}) ${over}`;
        const starts = stage(name === 'row_rank_dense' ? `CASE WHEN ${first} THEN 1 ELSE 0 END` : `CASE WHEN ${first} THEN row_number() ${over} END`, `${column}_start`);
        stage(`CAST(${name === 'row_rank_dense' ? 'sum' : 'max'}(${starts}) ${cumulative(partition)} AS BIGINT)`, column);
        break;
      }
      default:
        throw unsupportedFunction(name, call);
    }
    windows.set(call, column);
  }
  return { rel, windows };
}

/** A serialized copy of `input` (the serialize operator): its current order, numbered. */
export function serialized(c: OperatorContext, input: Relation): Relation {
  if (input.ordered || !c.qb.serializes) return input;
  return c.qb.add(`SELECT *, row_number() OVER () AS ${ORDER_COLUMN} FROM ${input.cte}`, input.columns, input.micro, { ordered: true });
}

/** The rows of `rel` without the hidden window columns: its Kusto columns (and its order). */
export function dropWindowColumns(c: OperatorContext, rel: Relation): Relation {
  const cols = rel.columns.map((x) => quoteIdent(x.ColumnName));
  if (rel.ordered) cols.push(ORDER_COLUMN);
  const out = c.qb.add(`SELECT ${cols.join(', ')} FROM ${rel.cte}`, rel.columns, rel.micro, { ordered: rel.ordered === true });
  return { ...rel, cte: out.cte };
}
