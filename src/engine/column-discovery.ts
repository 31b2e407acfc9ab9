/**
 * Output columns that depend on the data: `evaluate bag_unpack(d)` without an output schema makes a
 * column per distinct slot of the bags, `evaluate pivot(k)` one per distinct value of k (Kusto docs
 * "bag_unpack plugin", "pivot plugin": "the output schema … is based on the input data"). Every
 * column of a plan comes from Kusto.Language's analyzer, which cannot know them. So the planner
 * asks its host to run a small query first (the distinct slots or values of the plugin's input),
 * writes the answer into the query text as the output schema Kusto lets one give
 * (`evaluate bag_unpack(d) : (Age:long, Name:string)`), and plans that text: the operators after
 * the plugin then see the real columns. Host-neutral: the host only runs SQL (`planWithDiscovery`).
 */
import type { KNode } from './kusto-language';
import { KustoEngineError } from './types';

/** A discovery query's rows, every cell as text (the SQL casts to VARCHAR). */
export type DiscoveryRows = readonly (readonly (string | null)[])[];

export interface ColumnDiscovery {
  /** SQL whose rows tell the columns; every column VARCHAR. */
  sql: string;
  /** Base tables the SQL reads (a host may create them on first use). */
  tablesRead: ReadonlySet<string>;
  /** The query text with the columns the rows tell written in as the plugin's output schema. */
  rewrite(rows: DiscoveryRows): string;
}

/**
 * Thrown by a plugin during translation when it needs a discovery run: the SQL, and the output
 * schema (text inside `: (…)`) its rows give, to be written after `after` (the plugin call). The
 * planner turns it into a ColumnDiscovery over its query text.
 */
export class NeedsColumnDiscovery extends Error {
  constructor(
    readonly sql: string,
    readonly tablesRead: ReadonlySet<string>,
    readonly after: KNode,
    readonly schema: (rows: DiscoveryRows) => string,
  ) {
    super('column discovery needed');
  }
}

/** One output column written in KQL's schema syntax: `['name']:type` (any name survives brackets). */
export function schemaColumnText(name: string, type: string): string {
  return `['${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']:${type}`;
}

/**
 * Where an output schema goes after `node` (the plugin call) in `csl`, or null when the node's text
 * is not at its offset in `csl` (a node of a user function's expansion, whose offsets are the
 * body's): the caller refuses then.
 */
export function insertionPoint(csl: string, n: KNode): number | null {
  // ToString(1): the node's text without its leading trivia, which TextStart does not count either.
  const text = n.ToString(1);
  if (csl.slice(n.TextStart, n.TextStart + text.length) !== text) return null;
  return n.TextStart + text.length;
}

/** The plan-or-discover step a planner offers (planner.ts). */
export type PlanStep<T> = { kind: 'planned'; tables: T } | { kind: 'discover'; discovery: ColumnDiscovery };

/** Runs one discovery query on the host's DuckDB. */
export type DiscoveryRunner = (sql: string, tablesRead: ReadonlySet<string>) => Promise<DiscoveryRows>;

/** A query with more data-dependent plugins than this is refused (each costs one extra run). */
const MAX_DISCOVERIES = 8;

/**
 * Plans `csl`, running each discovery query the plan needs first (one per data-dependent plugin,
 * in query order). Used by every host: the local cluster (node-api) and the local-files worker.
 */
export async function planWithDiscovery<T>(
  step: (csl: string) => PlanStep<T>,
  csl: string,
  run: DiscoveryRunner,
): Promise<T> {
  let text = csl;
  for (let i = 0; i <= MAX_DISCOVERIES; i++) {
    const next = step(text);
    if (next.kind === 'planned') return next.tables;
    text = next.discovery.rewrite(await run(next.discovery.sql, next.discovery.tablesRead));
  }
  throw new KustoEngineError(
    'unsupported',
    'UnsupportedOperator',
    `The local cluster does not support more than ${MAX_DISCOVERIES} evaluate plugins without an output schema in one query yet.`,
  );
}
