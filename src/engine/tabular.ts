/**
 * Tabular KQL → one SQL CTE per pipe operator. Output column names and types always come from
 * the analyzer's result type for the operator, so they are Kusto's exactly (count_, Column1, …).
 * Sources are translated here; each pipe operator goes to its family's handler (operators/)
 * through one dispatch table.
 */
import { unsupportedOperator, unsupportedSyntax } from './errors';
import { requireJsonFor } from './host-capabilities';
import { type KNode, node, nodeType, resultType, tokenText } from './kusto-language';
import { OPERATORS } from './operators';
import { union } from './operators/joins';
import { datatable, print, range } from './operators/sources';
import { columnsOf, type OperatorContext, operatorName, type QueryBuilder, type Relation, req, type TableResolver } from './relation';
import { type ScalarScope, ScalarTranslator, expandUserFunction } from './scalar';
import { simpleName } from './values';
import { dropWindowColumns, serialized, stageWindows, windowCalls } from './windows';

/**
 * Operators whose output keeps a serialized input's order (Kusto docs "serialize operator": all but
 * count, distinct, evaluate, join, make-series, mv-expand, summarize, top-nested, …). Their
 * handlers carry ORDER_COLUMN (SELECT * or orderColumnOf()).
 */
const ORDER_PRESERVING = new Set([
  'FilterOperator',
  'TakeOperator',
  'ExtendOperator',
  'ProjectOperator',
  'ProjectAwayOperator',
  'ProjectKeepOperator',
  'ProjectReorderOperator',
  'ProjectRenameOperator',
  'ParseOperator',
  'ParseWhereOperator',
  'SerializeOperator',
  'AsOperator',
  'RenderOperator',
]);

function keepOrder(kind: string, input: Relation, out: Relation): Relation {
  return input.ordered && ORDER_PRESERVING.has(kind) && !out.ordered ? { ...out, ordered: true } : out;
}

export { QueryBuilder, type Relation, type TableResolver } from './relation';

export class TabularTranslator implements OperatorContext {
  constructor(
    readonly qb: QueryBuilder,
    readonly tables: TableResolver,
    readonly scope: ScalarScope,
    /** Let-bound tabular expressions: name → relation. */
    readonly lets: Map<string, Relation>,
  ) {}

  /** A scalar translator over the columns of `input` (no input: print, range, datatable). */
  scalar(input?: Relation): ScalarTranslator {
    return new ScalarTranslator({ ...this.scalarScope(), microColumns: input?.micro ?? new Set(), rowColumns: input?.columns ?? [] });
  }

  /** The scope scalar expressions see: this translator's, with tabular subqueries (toscalar, in) put in this statement's WITH clause. */
  scalarScope(): ScalarScope {
    return { ...this.scope, subquery: (n) => this.translate(n) };
  }

  withBuilder(qb: QueryBuilder): TabularTranslator {
    return new TabularTranslator(qb, this.tables, this.scope, new Map(this.lets));
  }

  withScope(scope: ScalarScope, lets: Map<string, Relation> = new Map(this.lets)): TabularTranslator {
    return new TabularTranslator(this.qb, this.tables, scope, lets);
  }

  /** `n`, whose implicit source (a pipe with no left side) is `input`: mv-apply's and invoke's subqueries. */
  translateOver(n: KNode, input: Relation): Relation {
    const kind = nodeType(n);
    if (kind === 'PipeExpression') return this.operator(req(n, 'Operator'), this.translateOver(req(n, 'Expression'), input));
    if (kind === 'ParenthesizedExpression') return this.translateOver(req(n, 'Expression'), input);
    if (kind in OPERATORS) return this.operator(n, input);
    return this.translate(n);
  }

  translate(n: KNode): Relation {
    const kind = nodeType(n);
    switch (kind) {
      case 'PipeExpression': {
        const input = this.translate(req(n, 'Expression'));
        return this.operator(req(n, 'Operator'), input);
      }
      case 'ParenthesizedExpression':
        return this.translate(req(n, 'Expression'));
      case 'NameReference':
        return this.nameReference(n);
      case 'PrintOperator':
        return print(this, n);
      case 'RangeOperator':
        return range(this, n);
      case 'DataTableExpression':
        return datatable(this, n);
      case 'UnionOperator':
        return union(this, n, null);
      case 'FunctionCallExpression':
        return this.functionCall(n);
      case 'MaterializeExpression': {
        const inner = this.translate(req(n, 'Expression'));
        return this.qb.add(`SELECT * FROM ${inner.cte}`, inner.columns, inner.micro, { materialized: true });
      }
      default:
        throw unsupportedSyntax(`the tabular expression ${kind}`, n);
    }
  }

  private operator(op: KNode, input: Relation): Relation {
    const before = this.qb.ctes.length;
    const out = this.operatorOf(op, input);
    requireJsonFor(this.scope.host, this.qb.ctes.slice(before).join('\n'), `the '${operatorName(op)}' operator`, op);
    return out;
  }

  private operatorOf(op: KNode, input: Relation): Relation {
    const kind = nodeType(op);
    const handler = OPERATORS[kind];
    if (!handler) throw unsupportedOperator(operatorName(op), op);
    const source = kind === 'SerializeOperator' ? serialized(this, input) : input;
    const calls = this.qb.serializes ? windowCalls(op) : [];
    if (calls.length === 0) return keepOrder(kind, source, handler(this, op, source));
    const staged = stageWindows(this, source, calls);
    // The same lets map: `as` binds names for the rest of the query.
    const inner = this.withScope({ ...this.scope, windows: staged.windows }, this.lets);
    return dropWindowColumns(this, keepOrder(kind, staged.rel, handler(inner, op, staged.rel)));
  }

  private nameReference(n: KNode): Relation {
    const name = simpleName(n);
    const bound = this.lets.get(name);
    if (bound) return bound;
    const table = this.tables.table(name);
    if (!table) throw unsupportedSyntax(`the table reference '${name}'`, n);
    this.qb.tablesRead.add(name);
    const cols = columnsOf(n);
    // Stored datetime columns are TIMESTAMP (kusto-types duckType).
    return this.qb.add(`SELECT * FROM ${table}`, cols, cols.filter((c) => c.ColumnType === 'datetime').map((c) => c.ColumnName));
  }

  /**
   * A call of a tabular user function: its expansion, with scalar arguments bound as values and
   * tabular ones as lets; `invoked` is the source of `T | invoke f(…)`.
   */
  functionCall(call: KNode, invoked?: Relation): Relation {
    const user = expandUserFunction(call, this.scalarScope(), invoked !== undefined);
    if (!user) throw unsupportedSyntax(`the tabular function call '${tokenText(call).trim().slice(0, 40)}'`, call);
    const lets = new Map(this.lets);
    for (const table of user.tables) {
      const bound = table.arg ? this.translate(table.arg) : invoked;
      if (!bound) throw unsupportedSyntax(`the call of '${tokenText(node(call, 'Name'))}' without its tabular argument '${table.name}'`, call);
      lets.set(table.name, bound);
    }
    const inner = this.withScope({ ...this.scope, values: user.values, functions: user.functions }, lets);
    for (const st of user.statements) {
      if (nodeType(st) !== 'LetStatement') throw unsupportedSyntax('this statement in a function body', st);
      const e = node(st, 'Expression');
      if (!e) throw unsupportedSyntax('this let statement', st);
      const name = simpleName(node(st, 'Name'));
      if (resultType(e)?.IsScalar) user.values.set(name, inner.scalar().translate(e));
      else inner.lets.set(name, inner.translate(e));
    }
    return inner.translate(req(user.body, 'Expression'));
  }
}
