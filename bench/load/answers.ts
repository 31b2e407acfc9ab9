/**
 * What each load-bench request asks and how its answer is checked, so that an answer given to
 * the wrong request (or cut, or mixed with another's rows) is caught:
 * - `rows`: `range` with a per-request length, a per-request tag and a per-request multiplier on
 *   every row; checked row by row against plain arithmetic (x = 1…n, y = x·k, tag = the request's).
 * - `storms`: a summarize over Samples.StormEvents for one state, tagged with the request's id;
 *   checked against the answer the same cluster gave to the same query alone, before the load.
 */

export type Ask =
  | { kind: 'rows'; tag: string; n: number; k: number; csl: string }
  | { kind: 'storms'; tag: string; state: string; csl: string };

export const STATES = ['TEXAS', 'KANSAS', 'IOWA', 'OHIO', 'FLORIDA', 'GEORGIA', 'MISSOURI', 'NEBRASKA'];

/** Request `r` of client `c`: the mix is two row queries to one summarize. */
export function askFor(client: number, request: number): Ask {
  const tag = `c${client}-r${request}`;
  if (request % 3 === 2) {
    const state = STATES[(client + request) % STATES.length]!;
    return { kind: 'storms', tag, state, csl: stormsQuery(state, tag) };
  }
  const n = 200 + ((client * 37 + request * 101) % 1800);
  const k = 3 + ((client + request) % 11);
  return { kind: 'rows', tag, n, k, csl: `range x from 1 to ${n} step 1 | extend y = x * ${k}, tag = "${tag}"` };
}

export function stormsQuery(state: string, tag: string): string {
  // `first` is a KQL keyword (a column so named must be bracketed): plain names here.
  return `StormEvents | where State == "${state}" | summarize Count = count(), Injuries = sum(InjuriesDirect), FirstStart = min(StartTime) | extend Tag = "${tag}"`;
}

interface V2Frame {
  FrameType?: string;
  TableKind?: string;
  Columns?: { ColumnName: string }[];
  Rows?: unknown[][];
}

export interface PrimaryTable {
  columns: string[];
  rows: unknown[][];
}

/** The one PrimaryResult of a v2 body (a JSON array of frames), or why there isn't one. */
export function primaryResult(body: string): PrimaryTable | string {
  let frames: V2Frame[];
  try {
    frames = JSON.parse(body) as V2Frame[];
  } catch (e) {
    return `body is not JSON (${body.length} bytes): ${e instanceof Error ? e.message : String(e)}`;
  }
  if (!Array.isArray(frames) || frames.at(-1)?.FrameType !== 'DataSetCompletion') return 'no DataSetCompletion: the body was cut';
  const primary = frames.filter((f) => f.FrameType === 'DataTable' && f.TableKind === 'PrimaryResult');
  if (primary.length !== 1) return `${primary.length} PrimaryResult tables`;
  const [table] = primary;
  return { columns: (table!.Columns ?? []).map((c) => c.ColumnName), rows: table!.Rows ?? [] };
}

/** null when the answer is the one asked for; otherwise what is wrong with it. */
export function checkRows(ask: Extract<Ask, { kind: 'rows' }>, table: PrimaryTable): string | null {
  if (table.columns.join(',') !== 'x,y,tag') return `columns ${table.columns.join(',')}`;
  if (table.rows.length !== ask.n) return `${table.rows.length} rows, expected ${ask.n}`;
  for (let i = 0; i < ask.n; i++) {
    const [x, y, tag] = table.rows[i]!;
    const want = i + 1;
    if (Number(x) !== want || Number(y) !== want * ask.k || tag !== ask.tag) {
      return `row ${i}: ${JSON.stringify(table.rows[i])}, expected [${want},${want * ask.k},"${ask.tag}"]`;
    }
  }
  return null;
}

/** `expected`: the untagged answer the cluster gave to the state's query alone. */
export function checkStorms(ask: Extract<Ask, { kind: 'storms' }>, table: PrimaryTable, expected: readonly unknown[]): string | null {
  if (table.columns.join(',') !== 'Count,Injuries,FirstStart,Tag') return `columns ${table.columns.join(',')}`;
  if (table.rows.length !== 1) return `${table.rows.length} rows, expected 1`;
  const row = table.rows[0]!;
  if (row[3] !== ask.tag) return `tag ${String(row[3])}, expected ${ask.tag}`;
  if (JSON.stringify(row.slice(0, 3)) !== JSON.stringify(expected)) return `${JSON.stringify(row.slice(0, 3))}, expected ${JSON.stringify(expected)}`;
  return null;
}
