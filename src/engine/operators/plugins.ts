/**
 * `evaluate` plugins: bag_unpack, pivot and narrow. Every column of the SQL (and its Kusto type)
 * comes from the analyzer; bag_unpack and pivot without an output schema make one column per
 * distinct slot or value of the data, so they first ask for a discovery run (column-discovery.ts)
 * that writes the schema into the query, and are planned here with it.
 */
import { aggregateSql } from '../aggregates';
import { NeedsColumnDiscovery, schemaColumnText, type DiscoveryRows } from '../column-discovery';
import { unsupportedOperator } from '../errors';
import { requireJsonFor } from '../host-capabilities';
import { type KNode, children, node, nodeType, resultType, syntaxListElements, tokenText } from '../kusto-language';
import { quoteIdent, quoteString } from '../kusto-types';
import { columnsOf, type OperatorContext, type OperatorHandler, type Relation, req } from '../relation';
import { kustoType, KustoEngineError, type KustoColumn, type KustoType } from '../types';
import { fromDynamic, simpleName, toKustoString, typeOf } from '../values';

type Plugin = (c: OperatorContext, op: KNode, call: KNode, input: Relation) => Relation;

/** The call's arguments by parameter name (`name=value` or by position). */
function argumentsOf(call: KNode, parameters: readonly string[]): Map<string, KNode> {
  const out = new Map<string, KNode>();
  syntaxListElements(node(req(call, 'ArgumentList'), 'Expressions')).forEach((a, i) => {
    if (nodeType(a) === 'SimpleNamedExpression') out.set(simpleName(node(a, 'Name')).toLowerCase(), req(a, 'Expression'));
    else if (parameters[i]) out.set(parameters[i], a);
  });
  return out;
}

/** A string argument's value (the plugin arguments here are literals). */
function literalText(c: OperatorContext, n: KNode | undefined): string | null {
  if (!n) return null;
  return c.scalar().literalString(n, n);
}

/**
 * bag_unpack(Column [, OutputColumnPrefix [, columnsConflict]]) : (schema) (Kusto docs
 * "bag_unpack plugin"; the bundled Kusto.Language 12 rejects the docs' fourth argument,
 * ignoredProperties, as a semantic error). Each schema column is the bag's slot of that name (less
 * the prefix) converted to the schema's type, or null; `*` keeps the input's other columns. A
 * schema column that is also an input column keeps the input's value unless columnsConflict is
 * 'replace_source' (Kusto's default 'error' fails only when the data has that slot).
 */
const bagUnpack: Plugin = (c, op, call, input) => {
  const a = argumentsOf(call, ['column', 'outputcolumnprefix', 'columnsconflict']);
  const [bagArg, prefixArg, conflictArg] = [a.get('column'), a.get('outputcolumnprefix'), a.get('columnsconflict')];
  if (!bagArg) throw unsupportedOperator('evaluate bag_unpack', call, 'It needs the column to unpack.');
  if (typeOf(bagArg) !== 'dynamic') throw unsupportedOperator('evaluate bag_unpack', bagArg, 'The column to unpack must be dynamic.');
  const t = c.scalar(input);
  const bag = t.translate(bagArg);
  const bagColumn = nodeType(bagArg) === 'NameReference' ? simpleName(bagArg) : null;
  const prefix = literalText(c, prefixArg) ?? '';
  const conflict = (literalText(c, conflictArg) ?? 'error').toLowerCase();
  const inputNames = new Set(input.columns.map((x) => x.ColumnName).filter((n) => n !== bagColumn));
  if (!node(op, 'Schema')) throw discoverSlots(c, call, input, bag, { prefix, conflict, inputNames });
  const out = columnsOf(op);
  const select = out.map((col) => {
    const name = col.ColumnName;
    if (inputNames.has(name) && conflict !== 'replace_source') return `${quoteIdent(name)} AS ${quoteIdent(name)}`;
    if (!name.startsWith(prefix)) return `NULL AS ${quoteIdent(name)}`;
    const slot = name.slice(prefix.length);
    const value = `json_extract(${bag}, ${quoteString(`$."${slot.replace(/"/g, '\\"')}"`)})`;
    return `${fromDynamic(value, col.ColumnType)} AS ${quoteIdent(name)}`;
  });
  return c.qb.add(`SELECT ${select.join(', ')} FROM ${input.cte}`, out);
};

/** Kusto's type of a bag slot from DuckDB's json_type() of its values (null values are ignored). */
const SLOT_TYPES: Record<string, KustoType> = {
  BIGINT: 'long',
  UBIGINT: 'long',
  DOUBLE: 'real',
  VARCHAR: 'string',
  BOOLEAN: 'bool',
  ARRAY: 'dynamic',
  OBJECT: 'dynamic',
};

/**
 * bag_unpack without an output schema: the distinct top-level slots of the bags, each with the
 * json_type()s of its non-null values. The docs ("bag_unpack plugin", Returns) give each column the
 * slot's type when all its values have one type, else dynamic, and list the columns by slot name
 * (`{"Name": …, "Age": …}` comes out `Age | Name`, and a slot only some bags have sits in that
 * order too); "the plugin ignores null values". The schema written is `(*, slots…)`.
 */
function discoverSlots(
  c: OperatorContext,
  call: KNode,
  input: Relation,
  bag: string,
  how: { prefix: string; conflict: string; inputNames: ReadonlySet<string> },
): NeedsColumnDiscovery {
  const sql =
    `WITH ${c.qb.ctes.join(',\n')}\n` +
    `SELECT e.key AS slot, string_agg(DISTINCT json_type(e.value), ',') AS types ` +
    `FROM (SELECT CAST(${bag} AS JSON) AS b FROM ${input.cte}) s, json_each(s.b) e ` +
    `WHERE json_type(s.b) = 'OBJECT' AND json_type(e.value) <> 'NULL' GROUP BY e.key ORDER BY e.key`;
  requireJsonFor(c.scope.host, sql, "the 'evaluate bag_unpack' operator", call);
  const schema = (rows: DiscoveryRows): string => {
    const columns = rows.map(([slot, types]) => {
      const kinds = new Set((types ?? '').split(',').map((x) => SLOT_TYPES[x] ?? 'dynamic'));
      const name = `${how.prefix}${slot ?? ''}`;
      if (how.inputNames.has(name) && how.conflict === 'error') {
        throw new KustoEngineError(
          'semantic',
          'General_BadRequest',
          `evaluate bag_unpack: the slot '${slot ?? ''}' would make a column '${name}', which the input already has. ` +
            "Say which to keep with columnsConflict='replace_source' or 'keep_source'.",
        );
      }
      return schemaColumnText(name, kinds.size === 1 ? [...kinds][0]! : 'dynamic');
    });
    return ['*', ...columns].join(', ');
  };
  return new NeedsColumnDiscovery(sql, new Set(c.qb.tablesRead), call, schema);
}

/** The column names a node references (pivot's aggregation column). */
function referencedColumns(n: KNode, out = new Set<string>()): Set<string> {
  if (nodeType(n) === 'NameReference') out.add(simpleName(n));
  for (const child of children(n)) referencedColumns(child, out);
  return out;
}

/**
 * pivot(pivotColumn [, aggregationFunction [, column1, …]]) [: (schema)] (Kusto docs "pivot
 * plugin"): one row per distinct value of the columns (by default every column but the pivot
 * column and the aggregation's), one column per distinct value of tostring(pivotColumn) holding the
 * aggregate (count() unless given) of that row's input rows with that value. A cell with no rows
 * holds the aggregate of no rows (0 for count and sum, as the docs' outputs show).
 *
 * Without an output schema, the pivot values are discovered first, in the order they first appear
 * in the input — the docs' examples order StormEvents' states ALABAMA | ALASKA and ARKANSAS |
 * ARIZONA, not by name — and rows come in the order their keys first appear.
 */
const pivot: Plugin = (c, op, call, input) => {
  const args = syntaxListElements(node(req(call, 'ArgumentList'), 'Expressions'));
  const [pivotArg, second, ...rest] = args;
  if (!pivotArg) throw unsupportedOperator('evaluate pivot', call, 'It needs the column to pivot.');
  const aggCall = second && nodeType(second) === 'FunctionCallExpression' ? second : null;
  const named = aggCall ? rest : second ? [second, ...rest] : [];
  const pivotColumn = simpleName(pivotArg);
  const t = c.scalar(input);
  const groups: KustoColumn[] = named.length
    ? named.map((n) => {
        const col = input.columns.find((x) => x.ColumnName === simpleName(n));
        if (!col) throw unsupportedOperator('evaluate pivot', n, 'Its extra columns must be column names.');
        return col;
      })
    : input.columns.filter((x) => x.ColumnName !== pivotColumn && !(aggCall && referencedColumns(aggCall).has(x.ColumnName)));
  const value = toKustoString(t.translate(pivotArg), typeOf(pivotArg));
  const numbered = c.qb.add(`SELECT *, ${value} AS __pv, row_number() OVER () AS __rn FROM ${input.cte}`, input.columns);
  if (!node(op, 'Schema')) throw discoverPivotValues(c, call, numbered, groups, aggCall);

  const groupNames = new Set(groups.map((g) => g.ColumnName));
  const out = columnsOf(op);
  const agg = aggCall ? aggregateSql(aggCall, { translator: t, inputColumns: input.columns.map((x) => x.ColumnName), byColumns: [] }) : ['count(*)'];
  if (agg.length !== 1) throw unsupportedOperator('evaluate pivot', aggCall, 'Its aggregation must give one value.');
  const groupSql = groups.map((g) => quoteIdent(g.ColumnName));
  const cells = c.qb.add(
    `SELECT ${[...groupSql, '__pv', `${agg[0]} AS __v`, 'min(__rn) AS __first'].join(', ')} FROM ${numbered.cte} GROUP BY ${[...groupSql, '__pv'].join(', ')}`,
    [],
  );
  // The aggregate of no rows: what a cell with no input rows holds.
  const empty = c.qb.add(`SELECT ${agg[0]} AS __empty FROM ${input.cte} WHERE false`, []);
  const select = out.map((col) => {
    if (groupNames.has(col.ColumnName)) return quoteIdent(col.ColumnName);
    const key = quoteString(col.ColumnName);
    return `CASE WHEN bool_or(__pv = ${key}) THEN any_value(__v) FILTER (WHERE __pv = ${key}) ELSE any_value(__empty) END AS ${quoteIdent(col.ColumnName)}`;
  });
  const group = groupSql.length ? ` GROUP BY ${groupSql.join(', ')} ORDER BY min(__first)` : '';
  return c.qb.add(`SELECT ${select.join(', ')} FROM ${cells.cte}, ${empty.cte}${group}`, out);
};

function discoverPivotValues(c: OperatorContext, call: KNode, numbered: Relation, groups: KustoColumn[], aggCall: KNode | null): NeedsColumnDiscovery {
  const sql = `WITH ${c.qb.ctes.join(',\n')}\nSELECT __pv FROM ${numbered.cte} GROUP BY __pv ORDER BY min(__rn)`;
  const aggType = aggregateType(aggCall);
  const schema = (rows: DiscoveryRows): string => {
    const values = rows.map(([v]) => v ?? '');
    if (values.some((v) => v === '')) {
      throw new KustoEngineError(
        'unsupported',
        'UnsupportedOperator',
        "The local cluster does not support the 'evaluate pivot' operator over an empty or null pivot value yet: it would be a column without a name. Filter those rows out first.",
      );
    }
    return [...groups.map((g) => schemaColumnText(g.ColumnName, g.ColumnType)), ...values.map((v) => schemaColumnText(v, aggType))].join(', ');
  };
  return new NeedsColumnDiscovery(sql, new Set(c.qb.tablesRead), call, schema);
}

/** The Kusto type of pivot's aggregation (count() when none is given). */
function aggregateType(aggCall: KNode | null): KustoType {
  if (!aggCall) return 'long';
  const name = resultType(aggCall)?.Name;
  const k = name ? kustoType(name) : null;
  if (!k) throw unsupportedOperator('evaluate pivot', aggCall, `The type of '${tokenText(aggCall).trim()}' is not known.`);
  return k;
}

/**
 * narrow(): every cell as a row (Row, Column, Value as string), rows numbered from 0 in input
 * order, columns in table order (Kusto docs "narrow plugin").
 */
const narrow: Plugin = (c, op, _call, input) => {
  const out = columnsOf(op);
  const names = input.columns.map((x) => quoteString(x.ColumnName));
  const values = input.columns.map((x) => toKustoString(quoteIdent(x.ColumnName), x.ColumnType));
  const numbered = c.qb.add(`SELECT *, row_number() OVER () - 1 AS __row FROM ${input.cte}`, input.columns);
  const [row, column, value] = out.map((x) => quoteIdent(x.ColumnName));
  return c.qb.add(
    `SELECT __row AS ${row}, unnest([${names.join(', ')}]) AS ${column}, unnest([${values.join(', ')}]) AS ${value} FROM ${numbered.cte}`,
    out,
  );
};

const PLUGINS: Record<string, Plugin> = {
  bag_unpack: bagUnpack,
  narrow,
  pivot,
};

const evaluate: OperatorHandler = (c, op, input) => {
  const call = req(op, 'FunctionCall');
  const name = simpleName(node(call, 'Name')).toLowerCase() || tokenText(node(call, 'Name')).trim();
  if (syntaxListElements(node(op, 'Parameters')).length > 0) throw unsupportedOperator(`evaluate ${name}`, op, 'evaluate hints are not implemented.');
  const plugin = PLUGINS[name];
  if (!plugin) throw unsupportedOperator(`evaluate ${name}`, call);
  return plugin(c, op, call, input);
};

export const PLUGIN_OPERATORS: Record<string, OperatorHandler> = {
  EvaluateOperator: evaluate,
};
