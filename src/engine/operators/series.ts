/** Arrays and series: mv-expand. */
import { unsupportedOperator } from '../errors';
import { node, nodeType, syntaxListElements, tokenText, type KNode } from '../kusto-language';
import { duckType, quoteIdent } from '../kusto-types';
import { aggregateSql } from '../aggregates';
import { columnList, columnsOf, type OperatorContext, type OperatorHandler, QueryBuilder, type Relation, req, valueOf } from '../relation';
import { kustoType, type KustoColumn, type KustoType } from '../types';
import { fromDynamic, simpleName, toJsonValue, typeOf } from '../values';

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
  // Each value is parsed once into its type, elements, keys and bag values: reading element i with
  // json_extract(v, '$[i]') re-parses the whole array per element (quadratic: mv-apply over 1000
  // arrays of 2,500 reals timed out in bench/cluster).
  const parsed = c.qb.add(
    `SELECT *, ${expanded.map((x) => `json_type(${x.v}) AS ${x.v}t`).join(', ')} FROM ${values.cte}`,
    input.columns,
  );
  const listed = c.qb.add(
    `SELECT *, ${expanded
      .map(
        (x) =>
          `CASE WHEN ${x.v}t = 'ARRAY' THEN json_extract(${x.v}, '$[*]') END AS ${x.v}l, CASE WHEN ${x.v}t = 'OBJECT' THEN json_keys(${x.v}) END AS ${x.v}k`,
      )
      .join(', ')} FROM ${parsed.cte}`,
    input.columns,
  );
  const counted = c.qb.add(
    `SELECT *, ${expanded
      .map(
        (x) =>
          `CASE WHEN ${x.v} IS NULL THEN 1 WHEN ${x.v}t = 'ARRAY' THEN len(${x.v}l) WHEN ${x.v}t = 'OBJECT' THEN len(${x.v}k) ELSE 1 END AS ${x.n}, ` +
          `CASE WHEN ${x.v}t = 'OBJECT' THEN list_transform(${x.v}k, __k -> json_extract(${x.v}, '$."' || replace(__k, '"', '\\"') || '"')) END AS ${x.v}b`,
      )
      .join(', ')} FROM ${listed.cte}`,
    input.columns,
  );
  const longest = expanded.length === 1 ? `CAST(${expanded[0]?.n} AS BIGINT)` : `CAST(greatest(${expanded.map((x) => x.n).join(', ')}) AS BIGINT)`;
  const rows = c.qb.add(`SELECT *, unnest(range(${longest})) AS __mvi FROM ${counted.cte}`, input.columns);
  const element = (x: (typeof expanded)[number]) => {
    const key = `${x.v}k[__mvi + 1]`;
    const bagValue = `${x.v}b[__mvi + 1]`;
    const e = `CASE WHEN ${x.v}t = 'ARRAY' THEN ${x.v}l[__mvi + 1]
      WHEN ${x.v}t = 'OBJECT' THEN ${kind === 'bag' ? `json_object(${key}, ${bagValue})` : `json_array(${key}, ${bagValue})`}
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

/** Ticks of 0001-01-01 before 1970-01-01, in ns: bin() of datetimes is aligned there (Kusto bin docs). */
const DATETIME_ORIGIN_NS = 62135596800000000000n;

/** An axis value as a number on a grid: datetimes in ns, timespans in micros (BIGINT), numbers as DOUBLE. */
interface Axis {
  pos(sql: string): string;
  step(sql: string): string;
  /** Index of `d` = position − start on a grid of `step`, rounded down. */
  index(d: string, step: string): string;
  /** The number of grid points from start to an exclusive end. */
  count(d: string, step: string): string;
  /** bin(): the grid point at or below a position on the grid aligned to the type's origin. */
  floor(pos: string, step: string): string;
  /** A grid position back as the JSON value Kusto writes in the axis array. */
  json(pos: string): string;
}

const integerGrid = (origin: bigint) => ({
  index: (d: string, step: string) => `((${d}) - (((${d}) % (${step})) + (${step})) % (${step})) // (${step})`,
  count: (d: string, step: string) => `CASE WHEN (${d}) <= 0 THEN 0 ELSE ((${d}) + (${step}) - 1) // (${step}) END`,
  // The origin (0001-01-01 in ns since 1970) does not fit a BIGINT: the alignment runs in HUGEINT.
  floor: (pos: string, step: string) => {
    const shifted = `(CAST(${pos} AS HUGEINT) + ${origin})`;
    return `CAST(${shifted} - ((${shifted} % (${step})) + (${step})) % (${step}) - ${origin} AS BIGINT)`;
  },
});

function axisOf(type: KustoType, at: KNode): Axis {
  switch (type) {
    case 'datetime':
      return {
        pos: (x) => `epoch_ns(${x})`,
        step: (x) => `(epoch_us(${x}) * 1000)`,
        ...integerGrid(DATETIME_ORIGIN_NS),
        json: (pos) => toJsonValue(`make_timestamp_ns(${pos})`, 'datetime'),
      };
    case 'timespan':
      return {
        pos: (x) => `epoch_us(${x})`,
        step: (x) => `epoch_us(${x})`,
        ...integerGrid(0n),
        json: (pos) => toJsonValue(`to_microseconds(${pos})`, 'timespan'),
      };
    case 'int':
    case 'long':
    case 'real':
    case 'decimal':
      return {
        pos: (x) => `CAST(${x} AS DOUBLE)`,
        step: (x) => `CAST(${x} AS DOUBLE)`,
        index: (d, step) => `CAST(floor((${d}) / (${step})) AS BIGINT)`,
        count: (d, step) => `CASE WHEN (${d}) <= 0 THEN 0 ELSE CAST(ceil((${d}) / (${step})) AS BIGINT) END`,
        floor: (pos, step) => `(floor((${pos}) / (${step})) * (${step}))`,
        json: (pos) => (type === 'real' || type === 'decimal' ? pos : `CAST(${pos} AS BIGINT)`),
      };
    default:
      throw unsupportedOperator('make-series', at, `An axis of type ${type} is not implemented.`);
  }
}

/**
 * make-series (docs "make-series operator"): per group of the `by` keys, one array per aggregate
 * over the axis bins start, start + step, … < end, `default=` (0 unless given) where a bin has no
 * row, and the axis array itself. `from`/`to` default to the first/last bin with data over the
 * whole input (bins of bin(), aligned as bin() aligns); with them, bins are bin_at(axis, step,
 * start). `in range(start, stop, step)`: stop inclusive, bins of bin(). kind=nonempty gives one
 * row of defaults for an empty input without `by`.
 */
function makeSeries(c: OperatorContext, op: KNode, input: Relation): Relation {
  let nonempty = false;
  for (const p of syntaxListElements(node(op, 'Parameters'))) {
    const name = tokenText(node(p, 'Name')).trim().toLowerCase();
    const value = tokenText(node(p, 'Expression')).trim().toLowerCase();
    if (name === 'kind' && value === 'nonempty') nonempty = true;
    else if (!name.startsWith('hint.')) throw unsupportedOperator('make-series', p, `The parameter '${name}' is not implemented.`);
  }
  const cols = columnsOf(op);
  const t = c.scalar(input);
  const axisNode = req(req(op, 'OnClause'), 'Expression');
  const axisType = typeOf(axisNode);
  const axis = axisOf(axisType, axisNode);
  const byExprs = syntaxListElements(node(node(op, 'ByClause'), 'Expressions'));
  const keys = byExprs.map((e, i) => ({ name: cols[i]?.ColumnName ?? '', sql: t.translate(valueOf(e)), k: `__k${i}` }));
  const aggs = syntaxListElements(node(op, 'Aggregates')).map((e, i) => {
    const named = req(e, 'Expression');
    const call = valueOf(named);
    if (nodeType(call) !== 'FunctionCallExpression') throw unsupportedOperator('make-series', e, 'Only aggregate function calls are implemented.');
    const [sql, ...more] = aggregateSql(call, { translator: t, inputColumns: input.columns.map((x) => x.ColumnName), byColumns: [] });
    if (!sql || more.length > 0) throw unsupportedOperator('make-series', call, 'Aggregates of several columns are not implemented.');
    const dflt = node(node(e, 'DefaultExpression'), 'Expression');
    return { name: cols[keys.length + i]?.ColumnName ?? '', sql, type: typeOf(call), dflt: dflt ? t.translate(dflt) : '0', a: `__a${i}` };
  });
  const axisName = cols[cols.length - 1]?.ColumnName ?? '';
  if (cols.length !== keys.length + aggs.length + 1) throw unsupportedOperator('make-series', op, 'Its column layout is not implemented.');

  const rangeClause = node(op, 'RangeClause');
  let start: string | null = null;
  let end: string | null = null;
  let step: string;
  if (nodeType(rangeClause) === 'MakeSeriesInRangeClause') {
    const [from, stop, by] = syntaxListElements(node(node(rangeClause, 'Arguments'), 'Expressions'));
    if (!from || !stop || !by) throw unsupportedOperator('make-series', rangeClause, 'range() needs start, stop and step.');
    step = axis.step(t.translate(by));
    // The alternate syntax bins with bin() and includes stop.
    start = axis.floor(axis.pos(t.translate(from)), step);
    end = `(${axis.floor(axis.pos(t.translate(stop)), step)} + ${step})`;
  } else {
    const from = node(node(rangeClause, 'MakeSeriesFromClause'), 'Expression');
    const to = node(node(rangeClause, 'MakeSeriesToClause'), 'Expression');
    const stepClause = node(rangeClause, 'MakeSeriesStepClause');
    if (!stepClause) throw unsupportedOperator('make-series', op, 'A step is required.');
    step = axis.step(t.translate(req(stepClause, 'Expression')));
    if (from) start = axis.pos(t.translate(from));
    if (to) end = axis.pos(t.translate(to));
  }

  const pos = axis.pos(t.translate(axisNode));
  const base = c.qb.add(`SELECT *, ${[...keys.map((k) => `${k.sql} AS ${k.k}`), `${pos} AS __pos`].join(', ')} FROM ${input.cte}`, input.columns);
  const startSql = start ?? axis.floor('min(__pos)', step);
  const endSql = end ?? `(${axis.floor('max(__pos)', step)} + ${step})`;
  // One row: constants alone, or min/max over the input when a bound is missing.
  const from = start !== null && end !== null ? '' : ` FROM ${base.cte}`;
  const bounds = c.qb.add(`SELECT ${startSql} AS __s, CAST(${axis.count(`(${endSql}) - (${startSql})`, step)} AS BIGINT) AS __n${from}`, []);
  const index = axis.index('b.__pos - s.__s', step);
  const keyList = keys.map((k) => k.k);
  const grouped = c.qb.add(
    `SELECT ${[...keyList.map((k) => `b.${k}`), `${index} AS __i`, ...aggs.map((x) => `${x.sql} AS ${x.a}`), 'TRUE AS __hit'].join(', ')}
     FROM ${base.cte} AS b, ${bounds.cte} AS s WHERE b.__pos IS NOT NULL AND ${index} >= 0 AND ${index} < s.__n GROUP BY ALL`,
    [],
  );
  const series = keys.length
    ? c.qb.add(`SELECT DISTINCT ${keyList.join(', ')} FROM ${grouped.cte}`, [])
    : c.qb.add(nonempty ? 'SELECT 1 AS __one' : `SELECT 1 AS __one WHERE EXISTS (SELECT 1 FROM ${grouped.cte})`, []);
  const grid = c.qb.add(`SELECT k.*, unnest(range(s.__n)) AS __i, s.__s FROM ${series.cte} AS k, ${bounds.cte} AS s`, []);
  const on = [...keyList.map((k) => `g.${k} IS NOT DISTINCT FROM v.${k}`), 'g.__i = v.__i'].join(' AND ');
  const axisValue = axis.json(`(g.__s + g.__i * ${step})`);
  const sel = [
    ...keys.map((k) => `g.${k.k} AS ${quoteIdent(k.name)}`),
    ...aggs.map(
      (x) =>
        `to_json(coalesce(list(to_json(CASE WHEN v.__hit THEN ${toJsonValue(`v.${x.a}`, x.type)} ELSE ${toJsonValue(x.dflt, x.type)} END) ORDER BY g.__i), []::JSON[])) AS ${quoteIdent(x.name)}`,
    ),
    `to_json(coalesce(list(to_json(${axisValue}) ORDER BY g.__i), []::JSON[])) AS ${quoteIdent(axisName)}`,
  ];
  // Without by keys the aggregate select always gives a row: HAVING drops it when there is no series.
  const groupBy = keys.length ? ` GROUP BY ${keyList.map((k) => `g.${k}`).join(', ')}` : ' HAVING count(g.__i) > 0';
  return c.qb.add(`SELECT ${sel.join(', ')} FROM ${grid.cte} AS g LEFT JOIN ${grouped.cte} AS v ON ${on}${groupBy}`, cols);
}

/**
 * mv-apply (docs "mv-apply operator"): per input row, a subtable of the arrays expanded in
 * parallel (the longest sets the row count, missing elements null, a non-array value one row;
 * `to typeof(T)` casts, non-conforming elements null; with_itemindex; limit), the subquery run on
 * it, and the row's other columns added to each result row. In SQL: a LATERAL subquery whose
 * own WITH clause reads the outer row's columns, so every operator of the subquery (summarize,
 * top, take, …) runs per row as in Kusto.
 */
function mvApply(c: OperatorContext, op: KNode, input: Relation): Relation {
  let indexName: string | null = null;
  for (const p of syntaxListElements(node(op, 'Parameters'))) {
    const name = tokenText(node(p, 'Name')).trim().toLowerCase();
    if (name === 'with_itemindex') indexName = simpleName(node(p, 'Expression')) || tokenText(node(p, 'Expression')).trim();
    else throw unsupportedOperator('mv-apply', p, `The parameter '${name}' is not implemented.`);
  }
  const cols = columnsOf(op);
  const t = c.scalar(input);
  const expanded = syntaxListElements(node(op, 'Expressions')).map((e, i) => {
    const inner = req(e, 'Expression');
    const named = nodeType(inner) === 'SimpleNamedExpression';
    const value = named ? req(inner, 'Expression') : inner;
    const name = named ? simpleName(node(inner, 'Name')) : nodeType(value) === 'NameReference' ? simpleName(value) : '';
    if (!name) throw unsupportedOperator('mv-apply', e, 'An expression without a name is not implemented (write Name = expression).');
    if (typeOf(value) !== 'dynamic') throw unsupportedOperator('mv-apply', e, 'Only dynamic values can be expanded.');
    const typeText = tokenText(node(node(node(e, 'ToTypeOf'), 'TypeOf'), 'Types')).replace(/[()\s]/g, '');
    const target = typeText ? (kustoType(typeText) ?? 'dynamic') : 'dynamic';
    return { name, sql: t.translate(value), v: `__mv${i}`, target };
  });
  const limit = node(node(op, 'RowLimitClause'), 'RowLimit');
  const names = new Set(expanded.map((x) => x.name));
  // Kusto keeps the input's order and each subtable's; DuckDB's LATERAL join does not promise it,
  // so rows are numbered on both sides and sorted back.
  const numbered = c.qb.add(`SELECT *, row_number() OVER () AS __row FROM ${input.cte}`, input.columns, input.micro);
  // Every subtable's rows are expanded here, outside the LATERAL subquery, which then reads its
  // own by __row alone. DuckDB runs a correlated subquery as a join grouped by the outer columns
  // it reads: reading the arrays themselves there grouped 2.5M element rows by a ~25 KB JSON text
  // each (bench/cluster (c), EXPLAIN ANALYZE: a 14.9 s HASH_GROUP_BY — thread time — of a 10.8 s query; 4.3 s after).
  // Each array is parsed once into its elements (see mvExpand: '$[i]' per element is quadratic).
  const length = (x: (typeof expanded)[number]) => `CASE WHEN ${x.sql} IS NULL THEN 1 WHEN ${x.v}t = 'ARRAY' THEN len(${x.v}l) ELSE 1 END`;
  const longest = expanded.length === 1 && expanded[0] ? length(expanded[0]) : `greatest(${expanded.map(length).join(', ')})`;
  const typed = `SELECT *, ${expanded.map((x) => `json_type(${x.sql}) AS ${x.v}t`).join(', ')} FROM ${numbered.cte}`;
  const listed = `SELECT *, ${expanded.map((x) => `CASE WHEN ${x.v}t = 'ARRAY' THEN json_extract(${x.sql}, '$[*]') END AS ${x.v}l`).join(', ')} FROM (${typed})`;
  const element = (x: (typeof expanded)[number]) => {
    const e = `CASE WHEN ${x.v}t = 'ARRAY' THEN ${x.v}l[__mvi + 1] WHEN __mvi = 0 THEN ${x.sql} END`;
    return x.target === 'dynamic' ? e : typedElement(`(${e})`, x.target);
  };
  // The subtable: the outer row's other columns, the expanded elements, the item index.
  const passed = input.columns.filter((x) => !names.has(x.ColumnName) && x.ColumnName !== indexName);
  const sourceColumns: KustoColumn[] = [
    ...passed,
    ...expanded.map((x) => ({ ColumnName: x.name, ColumnType: x.target })),
    ...(indexName ? [{ ColumnName: indexName, ColumnType: 'long' as const }] : []),
  ];
  const elementSql = [
    '__row',
    '__mvi AS __item',
    ...passed.map((x) => quoteIdent(x.ColumnName)),
    ...expanded.map((x) => `${element(x)} AS ${quoteIdent(x.name)}`),
    ...(indexName ? [`__mvi AS ${quoteIdent(indexName)}`] : []),
  ];
  const where = limit ? ` WHERE __mvi < ${t.translate(limit)}` : '';
  const elements = c.qb.add(
    `SELECT ${elementSql.join(', ')} FROM (SELECT *, unnest(range(CAST(${longest} AS BIGINT))) AS __mvi FROM (${listed}))${where}`,
    sourceColumns,
  );
  const sub = new QueryBuilder(c.qb.serializes);
  // The join on __row does not keep the elements' order: sorted back by their position.
  const source = sub.add(`SELECT ${columnList(sourceColumns)} FROM ${elements.cte} AS e WHERE e.__row = o.__row ORDER BY e.__item`, sourceColumns);
  const inner = c.withBuilder(sub);
  const result = inner.translateOver(req(req(op, 'Subquery'), 'Expression'), source);
  for (const table of sub.tablesRead) c.qb.tablesRead.add(table);
  const fromSub = new Set(result.columns.map((x) => x.ColumnName));
  const sel = cols.map((col) => (fromSub.has(col.ColumnName) ? `s.${quoteIdent(col.ColumnName)}` : `o.${quoteIdent(col.ColumnName)}`) + ` AS ${quoteIdent(col.ColumnName)}`);
  const lateral = `WITH ${sub.ctes.join(',\n')}\nSELECT *, row_number() OVER () AS __subrow FROM ${result.cte}`;
  const micro = cols.filter((col) => !fromSub.has(col.ColumnName) && (input.micro?.has(col.ColumnName) ?? false)).map((col) => col.ColumnName);
  return c.qb.add(`SELECT ${sel.join(', ')} FROM ${numbered.cte} AS o, LATERAL (${lateral}) AS s ORDER BY o.__row, s.__subrow`, cols, micro);
}

export const SERIES_OPERATORS: Record<string, OperatorHandler> = {
  MvExpandOperator: mvExpand,
  MvApplyOperator: mvApply,
  MakeSeriesOperator: makeSeries,
};
