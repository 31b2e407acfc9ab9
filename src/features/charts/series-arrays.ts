/**
 * make-series output — one row per series, its x axis and its values as dynamic arrays — seen as
 * one row per point, which is how the ADX web UI draws `make-series … | render timechart` (docs
 * "make-series operator": "use render timechart to display the result"). Columns that hold
 * arrays become typed columns of their elements (all-datetime arrays → datetime, all-number →
 * real, anything else → string); scalar columns repeat on every point of their row.
 */
import { type ChartCell, type ChartTable } from './chart-data';

/** Kusto writes datetimes in dynamic values as ISO 8601 text. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?$/;

function parseArray(cell: ChartCell | undefined): unknown[] | null {
  if (typeof cell !== 'string' || !cell.startsWith('[')) return null;
  try {
    const v: unknown = JSON.parse(cell);
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

type ElementType = 'datetime' | 'real' | 'string';

function elementType(arrays: readonly (unknown[] | null)[]): ElementType {
  let datetimes = 0;
  let numbers = 0;
  let others = 0;
  for (const a of arrays) {
    for (const e of a ?? []) {
      if (e === null) continue;
      if (typeof e === 'number') numbers++;
      else if (typeof e === 'string' && ISO_DATETIME.test(e)) datetimes++;
      else others++;
    }
  }
  if (others === 0 && datetimes > 0 && numbers === 0) return 'datetime';
  if (others === 0 && datetimes === 0) return 'real';
  return 'string';
}

function elementCell(e: unknown, type: ElementType): ChartCell {
  if (e === null || e === undefined) return null;
  if (type === 'real') return typeof e === 'number' ? e : null;
  if (typeof e === 'string') return e;
  return JSON.stringify(e);
}

/**
 * The table with its array columns unrolled, or null when no dynamic column holds arrays (then
 * the table is drawn as it is). Rows whose arrays differ in length give one point per index of
 * the longest; a shorter array reads null past its end.
 */
export function unrollSeriesArrays(table: ChartTable): ChartTable | null {
  const arrays = new Map<number, (unknown[] | null)[]>();
  table.columns.forEach((c, i) => {
    if (c.type.toLowerCase() !== 'dynamic') return;
    const cells = table.column(i);
    const parsed: (unknown[] | null)[] = [];
    let any = false;
    for (let r = 0; r < table.rowCount; r++) {
      const a = parseArray(cells[r]);
      parsed.push(a);
      if (a) any = true;
    }
    if (any) arrays.set(i, parsed);
  });
  if (arrays.size === 0) return null;

  const lengths: number[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    let n = 0;
    for (const parsed of arrays.values()) n = Math.max(n, parsed[r]?.length ?? 0);
    lengths.push(n);
  }
  const rowCount = lengths.reduce((s, n) => s + n, 0);
  const types = new Map([...arrays].map(([i, parsed]) => [i, elementType(parsed)]));
  const columns = table.columns.map((c, i) => {
    const type = types.get(i);
    return type ? { name: c.name, type } : c;
  });
  const cache = new Map<number, ChartCell[]>();
  const unrolled = (index: number): ChartCell[] => {
    const out: ChartCell[] = new Array<ChartCell>(rowCount);
    const parsed = arrays.get(index);
    const type = types.get(index) ?? 'string';
    const cells = table.column(index);
    let at = 0;
    for (let r = 0; r < table.rowCount; r++) {
      const n = lengths[r] ?? 0;
      const a = parsed?.[r];
      for (let k = 0; k < n; k++) out[at++] = parsed ? elementCell(a?.[k], type) : (cells[r] ?? null);
    }
    return out;
  };
  return {
    columns,
    rowCount,
    column(index) {
      if (index < 0 || index >= columns.length) throw new RangeError(`No column ${index}`);
      let found = cache.get(index);
      if (!found) cache.set(index, (found = unrolled(index)));
      return found;
    },
  };
}
