/** The side panel for one activated cell: a dynamic value as a JSON tree, a long string in full. */

import { dynamicAt } from '../../../kusto/columnar';
import { cellText } from '../../../kusto/columnar';
import type { ColumnarTable } from '../../../kusto/types';
import { selectors } from '../../../testing/selectors';
import { JsonTree } from './json-tree';

export interface CellDetailProps {
  table: ColumnarTable;
  column: number;
  row: number;
  onClose: () => void;
}

export function CellDetail({ table, column, row, onClose }: CellDetailProps) {
  const c = table.columns[column];
  if (!c) return null;
  return (
    <aside className="cell-detail" aria-label={selectors.results.cellDetail.name}>
      <div className="cell-detail-head">
        <h3>{c.name} <span className="cell-detail-type">({c.declaredType}), row {row + 1}</span></h3>
        <button type="button" onClick={onClose} aria-label={selectors.results.closeCellDetail.name}>×</button>
      </div>
      {c.type === 'dynamic'
        ? <JsonTree value={dynamicAt(c, row)} label={selectors.results.jsonTree.name} />
        : <pre className="cell-detail-text">{cellText(c, row)}</pre>}
    </aside>
  );
}
