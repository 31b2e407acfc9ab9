/** One dispatch table for every pipe operator, by the analyzer's node type, merged from the families. */
import { node, syntaxListElements, tokenText } from '../kusto-language';
import { simpleName } from '../values';
import { type OperatorHandler, req } from '../relation';
import { JOIN_OPERATORS } from './joins';
import { PARSE_OPERATORS } from './parse';
import { PLUGIN_OPERATORS } from './plugins';
import { SERIES_OPERATORS } from './series';
import { TABULAR_OPERATORS } from './tabular-ops';

/**
 * `T | as Name` binds Name to T for the rest of the query (Kusto docs "as operator") and labels
 * T's rows in union's withsource column; `hint.materialized=true` evaluates T once.
 */
const as: OperatorHandler = (c, op, input) => {
  const name = simpleName(node(op, 'Name'));
  const materialized = syntaxListElements(node(op, 'Parameters')).some(
    (p) => tokenText(node(p, 'Name')).trim().toLowerCase() === 'hint.materialized' && tokenText(node(p, 'Expression')).trim().toLowerCase() === 'true',
  );
  const rel = materialized ? c.qb.add(`SELECT * FROM ${input.cte}`, input.columns, input.micro, { materialized: true }) : input;
  const named = { ...rel, label: name };
  c.lets.set(name, named);
  return named;
};

export const OPERATORS: Record<string, OperatorHandler> = {
  ...TABULAR_OPERATORS,
  ...JOIN_OPERATORS,
  ...PARSE_OPERATORS,
  ...SERIES_OPERATORS,
  ...PLUGIN_OPERATORS,
  AsOperator: as,
  InvokeOperator: (c, op, input) => c.functionCall(req(op, 'Function'), input),
};
