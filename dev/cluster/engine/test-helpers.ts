import { chunkRows, type EncodedRow, type KustoColumn, type KustoEngine } from './types';

export interface CollectedTable {
  columns: KustoColumn[];
  rows: EncodedRow[];
  visualization: Record<string, unknown> | null;
}

/** Runs a query and drains every table (tests only: real callers stream). */
export async function runQuery(engine: KustoEngine, csl: string, database = 'Samples', parameters?: Record<string, unknown>): Promise<CollectedTable[]> {
  const q = await engine.execute(database, csl, parameters ? { parameters } : {});
  const out: CollectedTable[] = [];
  for (const t of q.tables) {
    const rows: EncodedRow[] = [];
    for await (const chunk of t.chunks()) rows.push(...chunkRows(chunk));
    out.push({ columns: t.columns, rows, visualization: t.visualization });
  }
  return out;
}

export async function runOne(engine: KustoEngine, csl: string, database = 'Samples'): Promise<CollectedTable> {
  const [t] = await runQuery(engine, csl, database);
  if (!t) throw new Error('no table');
  return t;
}
