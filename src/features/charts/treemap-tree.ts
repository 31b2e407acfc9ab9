/**
 * `render treemap`: "hierarchical data as a set of nested rectangles; each level of the hierarchy
 * is a coloured rectangle (branch) containing smaller rectangles (leaves)" (docs "Treemap"; its
 * example: `summarize StormEvents=count() by EventType, State | … | render treemap`). The levels
 * are the `series` columns, or else every non-numeric column in order; a rectangle's size is the
 * first `ycolumns` column, or else the first numeric column, summed over the rows it covers.
 */
import { cellToNumber, findColumns, roleOf, rowKey, type ChartTable } from './chart-data';

export interface TreeNode {
  name: string;
  value: number;
  children?: TreeNode[];
}

export interface TreemapProperties {
  series: readonly string[];
  yColumns: readonly string[];
}

interface Branch {
  value: number;
  children: Map<string, Branch>;
}

function toNodes(children: Map<string, Branch>): TreeNode[] {
  return [...children].map(([name, b]) => (b.children.size > 0 ? { name, value: b.value, children: toNodes(b.children) } : { name, value: b.value }));
}

/**
 * The hierarchy, branches in the order rows first name them, or why there is none. Rows whose
 * size is null, zero or negative have no area and are left out (negatives noted).
 */
export function treemapTree(table: ChartTable, properties: TreemapProperties, notes: string[]): TreeNode[] | string {
  const role = (i: number) => roleOf(table, i);
  let size = -1;
  for (const i of findColumns(table, properties.yColumns, 'ycolumns', notes)) {
    if (role(i) !== 'numeric') notes.push(`ycolumns: "${table.columns[i]!.name}" is not numeric and is not drawn.`);
    else if (size === -1) size = i;
  }
  if (size === -1) size = table.columns.findIndex((_, i) => role(i) === 'numeric');
  if (size === -1) return 'A treemap needs a numeric column for the size of its rectangles.';

  let levels = findColumns(table, properties.series, 'series', notes).filter((i) => i !== size);
  if (levels.length === 0) levels = table.columns.map((_, i) => i).filter((i) => role(i) !== 'numeric');
  if (levels.length === 0) return 'A treemap needs a column to name its rectangles.';

  const root: Branch = { value: 0, children: new Map() };
  const sizes = table.column(size);
  const levelNames = levels.map((i) => rowKey(table, [i]));
  let negatives = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const v = cellToNumber(sizes[r]);
    if (v === null || !Number.isFinite(v) || v <= 0) {
      if (v !== null && v < 0) negatives++;
      continue;
    }
    root.value += v;
    let at = root;
    for (const nameOf of levelNames) {
      const name = nameOf(r);
      let next = at.children.get(name);
      if (!next) at.children.set(name, (next = { value: 0, children: new Map() }));
      next.value += v;
      at = next;
    }
  }
  if (negatives > 0) notes.push(`${negatives} negative value${negatives === 1 ? '' : 's'} left out of the treemap.`);
  if (root.children.size === 0) return 'No rows have a positive size to draw.';
  return toNodes(root.children);
}
