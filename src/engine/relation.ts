/**
 * What the tabular translator and its operator families share: a relation (one CTE and its Kusto
 * columns), the builder of a statement's WITH clause, and the context an operator handler gets.
 */
import { unsupportedSyntax } from './errors';
import { type KNode, type KTableSymbol, isTableSymbol, listItems, node, nodeType, resultType, tokenText } from './kusto-language';
import { duckType, quoteIdent } from './kusto-types';
import type { ScalarScope, ScalarTranslator } from './scalar';
import { kustoType, type KustoColumn, type Visualization } from './types';
import { decimalText, typeOf } from './values';

export interface Relation {
  cte: string;
  columns: KustoColumn[];
  /**
   * Datetime columns known to hold whole microseconds (TIMESTAMP, as every stored column); the
   * others may carry 100 ns ticks (TIMESTAMP_NS). Missing = none known.
   */
  micro?: ReadonlySet<string>;
  /** The name `as` gave it (union's withsource value). */
  label?: string;
  /**
   * A serialized row set (Kusto "window functions"): the SQL carries the hidden BIGINT column
   * ORDER_COLUMN numbering the rows in order. Only set when the query uses window functions.
   */
  ordered?: boolean;
}

/** The hidden column that numbers the rows of a serialized row set. */
export const ORDER_COLUMN = '__ord';

export interface TableResolver {
  /** SQL for a base table, or null when the name is not a stored table. */
  table(name: string): string | null;
}

export class QueryBuilder {
  readonly ctes: string[] = [];
  readonly tablesRead = new Set<string>();
  visualization: Visualization | null = null;

  /**
   * @param serializes whether the statement uses window functions (row_number(), prev(), …): only
   * then do sort, top, range and serialize number their rows (Relation.ordered).
   */
  constructor(readonly serializes = false) {}

  add(sql: string, columns: KustoColumn[], micro?: Iterable<string>, options: { materialized?: boolean; ordered?: boolean } = {}): Relation {
    const cte = `q${this.ctes.length}`;
    this.ctes.push(`${cte} AS ${options.materialized ? 'MATERIALIZED ' : ''}(${sql})`);
    return { cte, columns, micro: new Set(micro), ...(options.ordered ? { ordered: true } : {}) };
  }

  /**
   * The final statement, casting every column to its Kusto storage type — datetimes to
   * TIMESTAMP_NS, so a value that carries Kusto's last tick (endofday() = …23:59:59.9999999) keeps it.
   */
  select(rel: Relation): string {
    const cols = rel.columns.map((c) =>
      // Decimals leave as Kusto's text (no trailing fraction zeros); hosts read decimals as strings.
      c.ColumnType === 'decimal'
        ? `${decimalText(`CAST(${quoteIdent(c.ColumnName)} AS DECIMAL(38,10))`)} AS ${quoteIdent(c.ColumnName)}`
        : `CAST(${quoteIdent(c.ColumnName)} AS ${c.ColumnType === 'datetime' ? 'TIMESTAMP_NS' : duckType(c.ColumnType)}) AS ${quoteIdent(c.ColumnName)}`,
    );
    return `WITH ${this.ctes.join(',\n')}\nSELECT ${cols.join(', ') || '*'} FROM ${rel.cte}${rel.ordered ? ` ORDER BY ${ORDER_COLUMN}` : ''}`;
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


/** What an operator handler may use: the statement's builder and the translator's services. */
export interface OperatorContext {
  readonly qb: QueryBuilder;
  readonly scope: ScalarScope;
  /** Let-bound tabular expressions: name → relation. */
  readonly lets: Map<string, Relation>;
  readonly tables: TableResolver;
  /** A tabular sub-expression (the right side of a join, a union leg, a subquery). */
  translate(n: KNode): Relation;
  /** A scalar translator over the columns of `input` (none: print, range, datatable). */
  scalar(input?: Relation): ScalarTranslator;
  /** The same translator writing into another builder (mv-apply's LATERAL subquery). */
  withBuilder(qb: QueryBuilder): OperatorContext;
  /** A translator over another scope (a user function body, mv-apply's subquery) on the same builder. */
  withScope(scope: ScalarScope, lets?: Map<string, Relation>): OperatorContext;
  /** The tabular expression `n` with `input` as the relation its row scope reads (mv-apply's subquery). */
  translateOver(n: KNode, input: Relation): Relation;
  /** A call of a tabular user function; `invoked` binds its first tabular parameter (`T | invoke f()`). */
  functionCall(call: KNode, invoked?: Relation): Relation;
}

export type OperatorHandler = (c: OperatorContext, op: KNode, input: Relation) => Relation;

/** A child node that must be there. */
export function req(n: KNode, name: string): KNode {
  const c = node(n, name);
  if (!c) throw unsupportedSyntax(`a ${nodeType(n)} without ${name}`, n);
  return c;
}

/** The value of `name = value` or the expression itself. */
export function valueOf(e: KNode): KNode {
  return nodeType(e) === 'SimpleNamedExpression' ? req(e, 'Expression') : e;
}

/** Names of the output columns whose expression (value node, datetime) is whole micros. */
export function microOf(t: ScalarTranslator, named: { name: string; value: KNode }[]): string[] {
  return named.filter(({ value }) => typeOf(value) === 'datetime' && t.micro(value)).map(({ name }) => name);
}

/** The operator's keyword, for refusals that name it. */
export function operatorName(op: KNode): string {
  const first = op.GetChild(0);
  const text = first ? tokenText(first).trim() : nodeType(op);
  return text || nodeType(op);
}

export const columnList = (cols: KustoColumn[]): string => cols.map((c) => quoteIdent(c.ColumnName)).join(', ');

/** `, __ord` for a select list over a serialized input that keeps its order, else nothing. */
export const orderColumnOf = (input: Relation): string => (input.ordered ? `, ${ORDER_COLUMN}` : '');
