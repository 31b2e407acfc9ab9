/**
 * A table's columns in the connection tree, name and Kusto type, each inserting its (escaped)
 * name on Enter or a double-click: the same for a cluster's tables and for local files' tables.
 */
import { kqlEntityName } from '../../../kusto/mgmt';
import { TreeItem } from './tree-item';

interface ColumnItemsProps {
  /** The table's item key; each column's is `<tableKey>/<column>`. */
  tableKey: string;
  level: number;
  columns: readonly { name: string; type: string }[];
  onInsert(text: string): void;
}

export function ColumnItems({ tableKey, level, columns, onInsert }: ColumnItemsProps) {
  return columns.map((c) => (
    <TreeItem
      key={c.name}
      itemKey={`${tableKey}/${c.name}`}
      level={level}
      className="tree-column"
      title={`${c.name}: ${c.type} — Enter or double-click inserts it`}
      label={<><span className="column-name">{c.name}</span> <span className="column-type">{c.type}</span></>}
      onActivate={() => onInsert(kqlEntityName(c.name))}
      onDoubleClick={() => onInsert(kqlEntityName(c.name))}
    />
  ));
}
