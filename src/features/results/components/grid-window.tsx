/**
 * The accessible side of the canvas grid: a visually hidden ARIA grid holding the header and the
 * rows currently scrolled into view, with aria-rowcount/aria-rowindex for the whole result.
 * Glide's own tree sits inside <canvas> with no accessible name and only after a debounce, and
 * renders nothing in a zero-width layout; this one is ours, named "Results", and cell text
 * is React text (escaped), never HTML.
 */

import { memo } from 'react';
import type { ColumnarTable } from '../../../kusto/types';
import { selectors } from '../../../testing/selectors';
import type { SortDirection } from '../../../kusto/table-ops';
import { cellText } from '../../../kusto/columnar';
import { displayText } from '../cell-text';

export interface GridWindowProps {
  table: ColumnarTable;
  order: Uint32Array | null;
  /** First display row in view and how many are in view. */
  first: number;
  count: number;
  sort: { column: number; direction: SortDirection } | null;
  /** The selected rectangle in display coordinates (x = column, y = display row). */
  selected?: { x: number; y: number; width: number; height: number } | null;
  /** Id of the element describing the grid (e.g. its keyboard help). */
  describedBy?: string;
}

export const GridWindow = memo(function GridWindow({ table, order, first, count, sort, selected = null, describedBy }: GridWindowProps) {
  const total = order ? order.length : table.rowCount;
  const start = Math.max(0, Math.min(first, total));
  const end = Math.min(total, start + Math.max(0, count));
  const rows: number[] = [];
  for (let i = start; i < end; i++) rows.push(i);
  return (
    <table
      role="grid"
      aria-label={selectors.results.grid.name}
      aria-rowcount={total + 1}
      aria-colcount={table.columns.length}
      aria-readonly="true"
      aria-multiselectable="true"
      aria-describedby={describedBy}
      className="results-sr-only"
    >
      <thead>
        <tr role="row" aria-rowindex={1}>
          {table.columns.map((c, i) => (
            <th
              key={i}
              role="columnheader"
              aria-colindex={i + 1}
              aria-sort={sort?.column === i ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {c.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((i) => {
          const r = order ? order[i]! : i;
          const rowSelected = selected !== null && i >= selected.y && i < selected.y + selected.height;
          return (
            <tr key={i} role="row" aria-rowindex={i + 2}>
              {table.columns.map((c, ci) => (
                <td key={ci} role="gridcell" aria-colindex={ci + 1}
                  aria-selected={rowSelected && ci >= selected.x && ci < selected.x + selected.width}>{displayText(cellText(c, r))}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
