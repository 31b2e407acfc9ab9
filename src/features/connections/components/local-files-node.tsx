/**
 * The "Local files" connection in the tree: the analyst's open files, each a table (columns with
 * their Kusto types below it). Enter or a click on "Local files" makes it the tab's context; on a
 * table Enter or a double-click inserts its name, F2 renames it, Delete closes it. Files loading
 * and files that failed are items too (a tree holds nothing else); Enter on a failure dismisses it.
 */
import { kqlEntityName } from '../../../kusto/mgmt';
import { LOCAL_FILES_CLUSTER, LOCAL_FILES_LABEL } from '../../../kusto/local-files';
import { selectors } from '../../../testing/selectors';
import type { LoadedTable } from '../../../workers/local-files/load-file';
import type { LocalFileFailure } from '../../../workers/local-files/protocol';
import { useState } from 'react';
import { useSelectableNode } from '../hooks/use-selectable-node';
import { ColumnItems } from './column-items';
import { TreeItem } from './tree-item';

export interface LocalFilesView {
  tables: readonly LoadedTable[];
  loading: readonly string[];
  failures: readonly LocalFileFailure[];
}

interface LocalFilesNodeProps {
  view: LocalFilesView;
  first: boolean;
  /** The active tab queries the local files. */
  active: boolean;
  onSelect(): void;
  onInsert(text: string): void;
  onStartRename(table: string): void;
  onClose(table: string): void;
  onDismissFailures(): void;
}

function rowsText(n: number): string {
  return `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
}

function LocalTableNode({ table, onInsert, onStartRename, onClose }: { table: LoadedTable; onInsert(text: string): void; onStartRename(): void; onClose(): void }) {
  const [open, setOpen] = useState(false);
  const key = `local:${table.name}`;
  return (
    <TreeItem
      itemKey={key}
      level={2}
      label={table.name}
      className="tree-table"
      title={`${table.fileName} — ${rowsText(table.rowCount)}. Enter or double-click inserts the name, F2 renames, Delete closes.`}
      expanded={open}
      onToggle={() => setOpen((o) => !o)}
      onActivate={() => onInsert(kqlEntityName(table.name))}
      onDoubleClick={() => onInsert(kqlEntityName(table.name))}
      onRename={onStartRename}
      onDelete={onClose}
      after={<span aria-hidden="true" className="tree-file-name">{table.fileName} · {rowsText(table.rowCount)}</span>}
    >
      <ColumnItems tableKey={key} level={3} columns={table.columns} onInsert={onInsert} />
    </TreeItem>
  );
}

export function LocalFilesNode({ view, first, active, onSelect, onInsert, onStartRename, onClose, onDismissFailures }: LocalFilesNodeProps) {
  const node = useSelectableNode({ selected: active, onSelect, initiallyOpen: true });
  const key = `cluster:${LOCAL_FILES_CLUSTER}`;
  const empty = view.tables.length === 0 && view.loading.length === 0 && view.failures.length === 0;
  return (
    <TreeItem
      itemKey={key}
      level={1}
      first={first}
      label={selectors.localFiles.connection.name}
      className={active ? 'tree-cluster-name tree-database active' : 'tree-cluster-name'}
      title={`${LOCAL_FILES_LABEL}: queried in this browser, never uploaded. Enter or a click makes it the tab's connection.`}
      selected={active}
      expanded={node.expanded}
      onToggle={node.onToggle}
      onActivate={node.onActivate}
      onClick={node.onClick}
    >
      {empty ? <TreeItem itemKey={`${key}/empty`} level={2} className="tree-note" label="No files open: Open files… or drop them on this pane." /> : null}
      {view.tables.map((t) => (
        <LocalTableNode key={t.name} table={t} onInsert={onInsert} onStartRename={() => onStartRename(t.name)} onClose={() => onClose(t.name)} />
      ))}
      {view.loading.map((name, i) => (
        <TreeItem key={`${name}#${i}`} itemKey={`${key}/loading/${i}`} level={2} className="tree-note" label={`Opening ${name}…`} />
      ))}
      {view.failures.map((f, i) => (
        <TreeItem
          key={`${f.fileName}#${i}`}
          itemKey={`${key}/failure/${i}`}
          level={2}
          className="tree-error"
          label={<span role="alert">{f.message}</span>}
          title="Enter or a click dismisses"
          onActivate={onDismissFailures}
          onClick={onDismissFailures}
          after={<span aria-hidden="true" className="link-button">Dismiss</span>}
        />
      ))}
    </TreeItem>
  );
}
