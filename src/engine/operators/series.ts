/** Arrays and series: mv-expand. */
import { unsupportedOperator } from '../errors';
import { node, nodeType, syntaxListElements, tokenText, type KNode } from '../kusto-language';
import { duckType, quoteIdent } from '../kusto-types';
import { columnsOf, type OperatorContext, type OperatorHandler, type Relation, req } from '../relation';
import type { KustoType } from '../types';
import { fromDynamic, simpleName, typeOf } from '../values';

/**
 * mv-expand (Kusto docs "mv-expand operator"): arrays and bags expand in parallel, the row count
 * per input row is the longest; a null value gives one row (null), an empty array or bag none,
 * any other scalar one row. kind=bag gives {key: value} bags, kind=array [key, value] arrays.
 */
export function mvExpand(c: OperatorContext, op: KNode, input: Relation): Relation {
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
  const t = c.scalar(input);
  const exprs = syntaxListElements(node(op, 'Expressions'));
  const explicit = exprs.map((e) => req(e, 'Expression')).filter((e) => nodeType(e) === 'SimpleNamedExpression').map((e) => simpleName(node(e, 'Name')));
  const derived = cols.map((c) => c.ColumnName).filter((n) => !inputNames.has(n) && n !== indexName && !explicit.includes(n));
  const expanded = exprs.map((e, i) => {
    const inner = req(e, 'Expression');
    let name: string;
    let value: KNode;
    if (nodeType(inner) === 'SimpleNamedExpression') {
      name = simpleName(node(inner, 'Name'));
      value = req(inner, 'Expression');
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
  const values = c.qb.add(`SELECT *, ${expanded.map((x) => `${x.sql} AS ${x.v}`).join(', ')} FROM ${input.cte}`, input.columns, input.micro);
  const counted = c.qb.add(
    `SELECT *, ${expanded
      .map(
        (x) =>
          `CASE WHEN ${x.v} IS NULL THEN 1 WHEN json_type(${x.v}) = 'ARRAY' THEN json_array_length(${x.v}) WHEN json_type(${x.v}) = 'OBJECT' THEN len(json_keys(${x.v})) ELSE 1 END AS ${x.n}`,
      )
      .join(', ')} FROM ${values.cte}`,
    input.columns,
  );
  const longest = expanded.length === 1 ? `CAST(${expanded[0]?.n} AS BIGINT)` : `CAST(greatest(${expanded.map((x) => x.n).join(', ')}) AS BIGINT)`;
  const rows = c.qb.add(`SELECT *, unnest(range(${longest})) AS __mvi FROM ${counted.cte}`, input.columns);
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
  return c.qb.add(`SELECT ${sel.join(', ')} FROM ${rows.cte}${where}`, cols, micro);
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

export const SERIES_OPERATORS: Record<string, OperatorHandler> = {
  MvExpandOperator: mvExpand,
};
