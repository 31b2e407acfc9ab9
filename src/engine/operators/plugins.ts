/**
 * `evaluate` plugins. Only plugins whose output columns are known before the query runs can be
 * planned here: every column of the SQL (and its Kusto type) comes from the analyzer. bag_unpack
 * with an output schema and narrow qualify; bag_unpack without a schema and pivot make one column
 * per distinct value of the data, so they are refused naming the plugin and the way round.
 */
import { unsupportedOperator } from '../errors';
import { type KNode, node, nodeType, syntaxListElements, tokenText } from '../kusto-language';
import { quoteIdent, quoteString } from '../kusto-types';
import { columnsOf, type OperatorContext, type OperatorHandler, type Relation, req } from '../relation';
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
  if (!node(op, 'Schema')) {
    throw unsupportedOperator(
      'evaluate bag_unpack',
      call,
      'Without an output schema its columns depend on the data, and this engine plans every column before it runs. ' +
        'Name them: `evaluate bag_unpack(Column) : (*, Name: type, …)`.',
    );
  }
  if (typeOf(bagArg) !== 'dynamic') throw unsupportedOperator('evaluate bag_unpack', bagArg, 'The column to unpack must be dynamic.');
  const t = c.scalar(input);
  const bag = t.translate(bagArg);
  const bagColumn = nodeType(bagArg) === 'NameReference' ? simpleName(bagArg) : null;
  const prefix = literalText(c, prefixArg) ?? '';
  const conflict = (literalText(c, conflictArg) ?? 'error').toLowerCase();
  const inputNames = new Set(input.columns.map((x) => x.ColumnName).filter((n) => n !== bagColumn));
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

const refusedBecauseOpen = (name: string): Plugin => (_c, _op, call) => {
  throw unsupportedOperator(
    `evaluate ${name}`,
    call,
    'It makes one column per distinct value of the data, and this engine plans every column before it runs. ' +
      'summarize … by the pivot column gives the same numbers as rows.',
  );
};

const PLUGINS: Record<string, Plugin> = {
  bag_unpack: bagUnpack,
  narrow,
  pivot: refusedBecauseOpen('pivot'),
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
