/** Joins and unions: join, lookup, union. */
import { unsupportedOperator } from '../errors';
import { type KNode, node, nodeType, syntaxListElements, tokenText } from '../kusto-language';
import { duckType, quoteIdent, quoteString } from '../kusto-types';
import { columnsOf, type OperatorContext, type OperatorHandler, type Relation, req } from '../relation';
import type { KustoColumn } from '../types';
import { simpleName } from '../values';

/** The key pairs [left column, right column] of a join's or lookup's `on` clause. */
function joinKeys(operator: string, cond: KNode): [string, string][] {
  if (nodeType(cond) !== 'JoinOnClause') throw unsupportedOperator(operator, cond, "Only 'on' conditions are implemented.");
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
      else throw unsupportedOperator(operator, e, 'Only $left.x == $right.y conditions are implemented.');
      continue;
    }
    throw unsupportedOperator(operator, e, `This ${operator} condition is not implemented.`);
  }
  return pairs;
}

/**
 * lookup (Kusto docs "lookup operator"): a join of the left (fact) table with the right
 * (dimension) table, kind=leftouter (default) or inner, whose output has the left's columns and
 * then the right's without the key columns (named by the analyzer where names clash).
 */
export function lookup(c: OperatorContext, op: KNode, left: Relation): Relation {
  let kind = 'leftouter';
  for (const p of syntaxListElements(node(op, 'Parameters'))) {
    const name = tokenText(node(p, 'Name')).trim().toLowerCase();
    const value = tokenText(node(p, 'Expression')).trim().toLowerCase();
    if (name === 'kind' && (value === 'leftouter' || value === 'inner')) kind = value;
    else if (!name.startsWith('hint.')) throw unsupportedOperator('lookup', p, `The parameter '${name}=${value}' is not implemented.`);
  }
  const right = c.translate(req(op, 'Expression'));
  const pairs = joinKeys('lookup', req(op, 'LookupClause'));
  const cols = columnsOf(op);
  const rightKeys = new Set(pairs.map(([, r]) => r));
  const kept = right.columns.filter((x) => !rightKeys.has(x.ColumnName));
  if (left.columns.length + kept.length !== cols.length) throw unsupportedOperator('lookup', op, 'Its column layout is not implemented.');
  const sel = [
    ...left.columns.map((x, i) => `l.${quoteIdent(x.ColumnName)} AS ${quoteIdent(cols[i]?.ColumnName ?? '')}`),
    ...kept.map((x, i) => `r.${quoteIdent(x.ColumnName)} AS ${quoteIdent(cols[left.columns.length + i]?.ColumnName ?? '')}`),
  ];
  const on = pairs.map(([l, r]) => `l.${quoteIdent(l)} = r.${quoteIdent(r)}`).join(' AND ');
  const micro = [
    ...left.columns.flatMap((x, i) => (left.micro?.has(x.ColumnName) ? [cols[i]?.ColumnName ?? ''] : [])),
    ...kept.flatMap((x, i) => (right.micro?.has(x.ColumnName) ? [cols[left.columns.length + i]?.ColumnName ?? ''] : [])),
  ];
  return c.qb.add(`SELECT ${sel.join(', ')} FROM ${left.cte} AS l ${kind === 'inner' ? 'JOIN' : 'LEFT JOIN'} ${right.cte} AS r ON ${on}`, cols, micro);
}

export function join(c: OperatorContext, op: KNode, left: Relation): Relation {
  let kind = 'innerunique';
  for (const p of syntaxListElements(node(op, 'Parameters'))) {
    const name = simpleName(node(p, 'Name')).toLowerCase() || tokenText(node(p, 'Name')).toLowerCase();
    const value = tokenText(node(p, 'Expression')).trim().toLowerCase();
    if (name === 'kind') kind = value;
    else if (!name.startsWith('hint.')) throw unsupportedOperator('join', p, `The parameter '${name}' is not implemented.`);
  }
  const right = c.translate(req(op, 'Expression'));
  const pairs = joinKeys('join', req(op, 'ConditionClause'));
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
      const dedup = c.qb.add(`SELECT * FROM ${left.cte} QUALIFY row_number() OVER (PARTITION BY ${keys}) = 1`, left.columns, left.micro);
      return c.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${dedup.cte} AS l JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
    }
    case 'inner':
      return c.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${from} JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
    case 'leftouter':
      return c.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${from} LEFT JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
    case 'rightouter':
      return c.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${from} RIGHT JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
    case 'fullouter':
      return c.qb.add(`SELECT ${sides(left.columns, right.columns)} FROM ${from} FULL JOIN ${right.cte} AS r ON ${on}`, cols, carried(left, right));
    case 'leftanti':
    case 'anti':
    case 'leftantisemi':
      return c.qb.add(`SELECT ${onlyLeft()} FROM ${from} ANTI JOIN ${right.cte} AS r ON ${on}`, cols, carried(left));
    case 'leftsemi':
      return c.qb.add(`SELECT ${onlyLeft()} FROM ${from} SEMI JOIN ${right.cte} AS r ON ${on}`, cols, carried(left));
    case 'rightanti':
    case 'rightantisemi':
      return c.qb.add(`SELECT ${onlyRight()} FROM ${right.cte} AS r ANTI JOIN ${left.cte} AS l ON ${on}`, cols, carried(right));
    case 'rightsemi':
      return c.qb.add(`SELECT ${onlyRight()} FROM ${right.cte} AS r SEMI JOIN ${left.cte} AS l ON ${on}`, cols, carried(right));
    default:
      throw unsupportedOperator('join', op, `The kind '${kind}' is not implemented.`);
  }
}
/**
 * union (Kusto docs "union operator"): columns by name; a name of different types in different
 * legs becomes one column per type, named `name_type` by the analyzer. `withsource=` names each
 * row's leg: a table's name, the name given by `as`, otherwise `union_arg<i>`.
 */
export function union(c: OperatorContext, op: KNode, input: Relation | null): Relation {
  let source: string | null = null;
  for (const p of syntaxListElements(node(op, 'Parameters'))) {
    const name = tokenText(node(p, 'Name')).trim().toLowerCase();
    const value = tokenText(node(p, 'Expression')).trim();
    if (name === 'withsource') source = value;
    else if (name === 'kind' && (value === 'inner' || value === 'outer')) continue;
    else if (name === 'isfuzzy' || name.startsWith('hint.')) continue;
    else throw unsupportedOperator('union', p, `The parameter '${name}' is not implemented.`);
  }
  const cols = columnsOf(op);
  const parts: { rel: Relation; label: string }[] = [];
  if (input) parts.push({ rel: input, label: input.label ?? '' });
  for (const e of syntaxListElements(node(op, 'Expressions'))) {
    const rel = c.translate(e);
    parts.push({ rel, label: rel.label ?? (nodeType(e) === 'NameReference' ? simpleName(e) : '') });
  }
  parts.forEach((p, i) => {
    if (p.label === '') p.label = `union_arg${i}`;
  });
  // The leg's column feeding output column `out`: the same name and type, or `name_type` split.
  const feed = (rel: Relation, out: KustoColumn): string | null => {
    if (rel.columns.some((x) => x.ColumnName === out.ColumnName && x.ColumnType === out.ColumnType)) return out.ColumnName;
    const split = rel.columns.find((x) => `${x.ColumnName}_${x.ColumnType}` === out.ColumnName && x.ColumnType === out.ColumnType);
    return split ? split.ColumnName : null;
  };
  const selects = parts.map(({ rel, label }) => {
    const sel = cols.map((col) => {
      if (source !== null && col.ColumnName === source) return `${quoteString(label)} AS ${quoteIdent(col.ColumnName)}`;
      const from = feed(rel, col);
      return from !== null ? `${quoteIdent(from)} AS ${quoteIdent(col.ColumnName)}` : `CAST(NULL AS ${duckType(col.ColumnType)}) AS ${quoteIdent(col.ColumnName)}`;
    });
    return `SELECT ${sel.join(', ')} FROM ${rel.cte}`;
  });
  for (const col of cols) {
    if (col.ColumnName === source) continue;
    if (!parts.some(({ rel }) => feed(rel, col) !== null)) throw unsupportedOperator('union', op, `Its column '${col.ColumnName}' is not implemented.`);
  }
  // A column is whole micros when every input that has it holds micros (the others give NULL).
  const micro = cols
    .filter((col) =>
      parts.every(({ rel }) => {
        const from = feed(rel, col);
        return from === null || (rel.micro?.has(from) ?? false);
      }),
    )
    .map((col) => col.ColumnName);
  return c.qb.add(selects.join(' UNION ALL '), cols, micro);
}
export const JOIN_OPERATORS: Record<string, OperatorHandler> = {
  JoinOperator: join,
  LookupOperator: lookup,
  UnionOperator: (c, op, input) => union(c, op, input),
};
