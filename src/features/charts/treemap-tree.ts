/**
 * `render treemap`: "hierarchical data as a set of nested rectangles; each level of the hierarchy
 * is a coloured rectangle (branch) containing smaller rectangles (leaves)" (docs "Treemap"; its
 * example: `summarize StormEvents=count() by EventType, State | … | render treemap`). The levels
 * are the `series` columns, or else every non-numeric column in order; a rectangle's size is the
 * first `ycolumns` column, or else the first numeric column, summed over the rows it covers.
 */
import { cellToLabel, cellToNumber, columnRole, findColumn, type ChartTable } from './chart-data';

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
  const role = (i: number) => columnRole(table.columns[i]!.type);
  let size = -1;
  for (const name of properties.yColumns) {
    const i = findColumn(table, name);
    if (i === -1) notes.push(`ycolumns: no column named "${name}".`);
    else if (role(i) !== 'numeric') notes.push(`ycolumns: "${table.columns[i]!.name}" is not numeric and is not drawn.`);
    else if (size === -1) size = i;
  }
  if (size === -1) size = table.columns.findIndex((_, i) => role(i) === 'numeric');
  if (size === -1) return 'A treemap needs a numeric column for the size of its rectangles.';

  let levels: number[] = [];
  for (const name of properties.series) {
    const i = findColumn(table, name);
    if (i === -1) notes.push(`series: no column named "${name}".`);
    else if (i !== size && !levels.includes(i)) levels.push(i);
  }
  if (levels.length === 0) levels = table.columns.map((_, i) => i).filter((i) => role(i) !== 'numeric');
  if (levels.length === 0) return 'A treemap needs a column to name its rectangles.';

  const root: Branch = { value: 0, children: new Map() };
  const sizes = table.column(size);
  const levelCells = levels.map((i) => ({ cells: table.column(i), role: role(i) }));
  let negatives = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const v = cellToNumber(sizes[r]);
    if (v === null || !Number.isFinite(v) || v <= 0) {
      if (v !== null && v < 0) negatives++;
      continue;
    }
    root.value += v;
    let at = root;
    for (const level of levelCells) {
      const name = cellToLabel(level.cells[r], level.role);
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
