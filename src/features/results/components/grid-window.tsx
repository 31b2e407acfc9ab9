/**
 * The accessible side of the canvas grid: a visually hidden ARIA grid holding the header and the
 * rows currently scrolled into view, with aria-rowcount/aria-rowindex for the whole result.
 * Glide's own tree sits inside <canvas> with no accessible name and only after a debounce, and
 * renders nothing in a zero-width layout; this one is ours, named "Results", and cell text
 * is React text (escaped), never HTML.
 */

import { memo, useId, type FocusEvent, type KeyboardEvent } from 'react';
import type { ColumnarTable } from '../../../kusto/types';
import { selectors } from '../../../testing/selectors';
import type { SortDirection } from '../../../kusto/table-ops';
import { cellText } from '../../../kusto/columnar';
import { displayText } from '../cell-text';
import type { GridCursor } from '../grid-cursor';

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
  /**
   * The keyboard's active cell (row -1: a column header). The grid is focusable and points at it
   * with aria-activedescendant, so a screen reader reads that cell, its header and its row.
   */
  active?: GridCursor | null;
  onKeyDown?: (e: KeyboardEvent<HTMLElement>) => void;
  onFocus?: (e: FocusEvent<HTMLElement>) => void;
}

export const GridWindow = memo(function GridWindow(props: GridWindowProps) {
  const { table, order, first, count, sort, selected = null, describedBy, active = null, onKeyDown, onFocus } = props;
  const idPrefix = useId();
  const total = order ? order.length : table.rowCount;
  const start = Math.max(0, Math.min(first, total));
  const end = Math.min(total, start + Math.max(0, count));
  const rows: number[] = [];
  // The active row is always present, even before the canvas has scrolled it into view.
  if (active && active.row >= 0 && active.row < start) rows.push(active.row);
  for (let i = start; i < end; i++) rows.push(i);
  if (active && active.row >= end && active.row < total) rows.push(active.row);
  const cellId = (row: number, column: number) => `${idPrefix}-${row < 0 ? 'h' : row}-${column}`;
  return (
    <table
      role="grid"
      tabIndex={onKeyDown ? 0 : undefined}
      aria-activedescendant={active ? cellId(active.row, active.column) : undefined}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      aria-label={selectors.results.grid.name}
      aria-rowcount={total + 1}
      aria-colcount={table.columns.length}
      aria-readonly="true"
      aria-multiselectable="true"
      aria-describedby={describedBy}
      className="results-mirror"
    >
      <thead>
        <tr role="row" aria-rowindex={1}>
          {table.columns.map((c, i) => (
            <th
              key={i}
              id={cellId(-1, i)}
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
                <td key={ci} id={cellId(i, ci)} role="gridcell" aria-colindex={ci + 1}
                  aria-selected={rowSelected && ci >= selected.x && ci < selected.x + selected.width}>{displayText(cellText(c, r))}</td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
