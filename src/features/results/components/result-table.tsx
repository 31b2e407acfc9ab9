/**
 * The first result as a plain table until the canvas grid arrives: capped at `maxRows` rows in
 * the DOM, cells as text (React escapes; never innerHTML — values are attacker-controlled data).
 */

import { formatCell } from '../../../kusto/columnar';
import type { ColumnarTable } from '../../../kusto/types';
import { selectors } from '../../../testing/selectors';

export const DEFAULT_MAX_ROWS = 1000;

interface ResultTableProps {
  table: ColumnarTable;
  maxRows?: number;
}

export function ResultTable({ table, maxRows = DEFAULT_MAX_ROWS }: ResultTableProps) {
  const shown = Math.min(table.rowCount, maxRows);
  const rows: number[] = [];
  for (let r = 0; r < shown; r++) rows.push(r);
  return (
    <div className="result-table-wrap">
      <table role="grid" aria-label={selectors.results.grid.name} aria-rowcount={table.rowCount + 1} aria-readonly="true" className="result-table">
        <thead>
          <tr role="row" aria-rowindex={1}>
            {table.columns.map((c, i) => (
              <th key={i} role="columnheader" scope="col" title={`${c.name}: ${c.declaredType}`}>{c.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r} role="row" aria-rowindex={r + 2}>
              {table.columns.map((c, i) => (
                <td key={i} role="gridcell" className={`cell-${c.type}`}>{formatCell(c, r)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {shown < table.rowCount ? (
        <p className="result-note">Showing the first {shown} of {table.rowCount} rows.</p>
      ) : null}
    </div>
  );
}
