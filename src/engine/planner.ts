/**
 * KQL text → SQL, for any host: Kusto.Language parses and analyzes (names and types of every
 * output column come from the analyzer), tabular.ts/scalar.ts translate to one SQL CTE per pipe
 * operator. A host runs the SQL on its DuckDB (with ENGINE_MACROS registered) and encodes values.
 */
import { Analyzer } from './analyzer';
import { type ColumnDiscovery, insertionPoint, NeedsColumnDiscovery, type PlanStep } from './column-discovery';
import { dynamicTypeSql, FULL_HOST, type HostCapabilities, requireJsonFor } from './host-capabilities';
import { Unsupported, toEngineError, unsupportedSyntax } from './errors';
import { type KNode, node, nodeType, resultType, syntaxListElements, tokenText } from './kusto-language';
import { literalSql } from './literals';
import type { ScalarTranslator } from './scalar';
import { simpleName } from './values';
import { type EngineSchema, type TableStorage, findDatabase } from './schema';
import { QueryBuilder, TabularTranslator } from './tabular';
import { usesWindowFunctions } from './windows';
import { type KustoColumn, KustoEngineError, kustoType, type Visualization } from './types';

/** One result table of a query: the SQL that computes it and the Kusto columns it has. */
export interface PlannedTable {
  sql: string;
  columns: KustoColumn[];
  visualization: Visualization | null;
  /** Base tables the SQL reads (names in the query's database). */
  tablesRead: Set<string>;
}

export interface Planner {
  /**
   * Parse, analyze and translate (cached): one PlannedTable per query statement of a batch. Throws
   * KustoEngineError — also for a query whose columns depend on its data (planOrDiscover).
   */
  plan(database: string, csl: string, parameters?: Record<string, unknown>): PlannedTable[];
  /**
   * plan(), or the discovery query to run first when an evaluate plugin's columns depend on the
   * data (column-discovery.ts; hosts drive it with planWithDiscovery).
   */
  planOrDiscover(database: string, csl: string, parameters?: Record<string, unknown>): PlanStep<PlannedTable[]>;
  /** The first parse loads ~1.7 MB of generated code and JITs it (1–3 s): a host may do it at start. */
  warm(): void;
}

const PLAN_CACHE_SIZE = 256;

export function createPlanner(schema: EngineSchema, storage: TableStorage, host: HostCapabilities = FULL_HOST): Planner {
  const analyzer = new Analyzer(schema);
  // Parse + analyze + translate is 5–20 ms of a short query. A plan depends only on the text,
  // the parameters and the schema, so it is reused until the schema version moves.
  const plans = new Map<string, PlannedTable[]>();
  const planOrDiscover = (database: string, csl: string, parameters: Record<string, unknown> = {}): PlanStep<PlannedTable[]> => {
    const key = `${schema.version}\u0000${database}\u0000${JSON.stringify(parameters)}\u0000${csl}`;
    const cached = plans.get(key);
    if (cached) return { kind: 'planned', tables: cached };
    const code = analyzer.analyze(database, csl);
    let planned: PlannedTable[];
    try {
      planned = translateQuery(code.Syntax, database, schema, storage, parameters, host);
    } catch (e) {
      if (e instanceof NeedsColumnDiscovery) return { kind: 'discover', discovery: discoveryOf(e, csl, host) };
      if (e instanceof Unsupported) throw toEngineError(e, csl);
      throw e;
    }
    if (plans.size >= PLAN_CACHE_SIZE) plans.clear();
    plans.set(key, planned);
    return { kind: 'planned', tables: planned };
  };
  return {
    warm: () => analyzer.warm(),
    planOrDiscover,
    plan(database, csl, parameters = {}) {
      const step = planOrDiscover(database, csl, parameters);
      if (step.kind === 'planned') return step.tables;
      throw new KustoEngineError(
        'unsupported',
        'UnsupportedOperator',
        'The columns of this query depend on its data (evaluate bag_unpack or pivot without an output schema): it is planned only when it runs.',
      );
    },
  };
}

/** The discovery a plugin asked for, over the query text (its schema written after the plugin call). */
function discoveryOf(e: NeedsColumnDiscovery, csl: string, host: HostCapabilities): ColumnDiscovery {
  const at = insertionPoint(csl, e.after);
  if (at === null) {
    throw toEngineError(
      new Unsupported('UnsupportedOperator', 'The local cluster does not support evaluate bag_unpack or pivot without an output schema inside a user function yet. Give the output schema.', e.after),
      csl,
    );
  }
  return {
    sql: dynamicTypeSql(host, e.sql),
    tablesRead: e.tablesRead,
    rewrite: (rows) => `${csl.slice(0, at)} : (${e.schema(rows)})${csl.slice(at)}`,
  };
}

function translateQuery(
  root: KNode, database: string, schema: EngineSchema, storage: TableStorage, parameters: Record<string, unknown>, host: HostCapabilities,
): PlannedTable[] {
  const functions = new Map<string, KNode>();
  const planned: PlannedTable[] = [];
  const db = findDatabase(schema, database);
  const tables = { table: (name: string) => (db.tables.has(name) ? storage.tableSql(db.name, name) : null) };
  // Lets (scalar and tabular) and parameter declarations are replayed, in order, into each
  // statement's own WITH clause: a scalar let may read a table (toscalar), a tabular let a scalar.
  const prelude: KNode[] = [];
  const serializes = usesWindowFunctions(root);
  for (const statement of syntaxListElements(node(root, 'Statements'))) {
    const kind = nodeType(statement);
    if (kind === 'LetStatement') {
      const expr = node(statement, 'Expression');
      if (!expr) throw unsupportedSyntax('this let statement', statement);
      if (nodeType(expr) === 'FunctionDeclaration') functions.set(simpleName(node(statement, 'Name')), expr);
      else prelude.push(statement);
      continue;
    }
    if (kind === 'QueryParametersStatement') {
      prelude.push(statement);
      continue;
    }
    if (kind === 'SetOptionStatement') continue;
    if (kind !== 'ExpressionStatement') throw unsupportedSyntax(`the statement '${tokenText(statement).trim().slice(0, 40)}'`, statement);
    const expr = node(statement, 'Expression');
    if (!expr) continue;
    const qb = new QueryBuilder(serializes);
    const values = new Map<string, string>();
    const translator = new TabularTranslator(qb, tables, { values, functions, host }, new Map());
    for (const p of prelude) {
      if (nodeType(p) === 'QueryParametersStatement') {
        for (const d of syntaxListElements(node(p, 'Parameters'))) declareParameter(d, parameters, values, translator.scalar());
        continue;
      }
      const e = node(p, 'Expression') as KNode;
      const name = simpleName(node(p, 'Name'));
      if (resultType(e)?.IsScalar) values.set(name, translator.scalar().translate(e));
      else translator.lets.set(name, translator.translate(e));
    }
    const rel = translator.translate(expr);
    const sql = qb.select(rel);
    // Anything the checks above did not name (a construct whose SQL is built outside them).
    requireJsonFor(host, sql, `'${tokenText(expr).trim().replace(/\s+/g, ' ').slice(0, 40)}'`, expr);
    planned.push({ sql: dynamicTypeSql(host, sql), columns: rel.columns, visualization: qb.visualization, tablesRead: qb.tablesRead });
  }
  return planned;
}

/** `declare query_parameters(name:type = default)` with the value from the request's Parameters. */
function declareParameter(p: KNode, parameters: Record<string, unknown>, values: Map<string, string>, scalar: ScalarTranslator): void {
  const nameAndType = node(p, 'NameAndType');
  const name = simpleName(node(nameAndType, 'Name'));
  const type = kustoType(tokenText(node(nameAndType, 'Type')).trim());
  if (!type) throw unsupportedSyntax(`the parameter type of '${name}'`, p);
  const given = parameters[name];
  if (given === undefined) {
    const dflt = node(node(p, 'DefaultValue'), 'Value');
    if (!dflt) throw new KustoEngineError('semantic', 'General_BadRequest', `The query parameter '${name}' has no value.`);
    values.set(name, scalar.translate(dflt));
    return;
  }
  let text = typeof given === 'string' ? given : JSON.stringify(given);
  if (type === 'string' && !/^(["'@]|[hH]["'])/.test(text)) text = JSON.stringify(text);
  if (type === 'datetime' && !/^datetime\(/i.test(text)) text = `datetime(${text})`;
  values.set(name, literalSql(text, type, p));
}
