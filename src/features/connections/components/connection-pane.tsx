/**
 * Clusters → databases → tables (columns with types) and functions, as a tree view. A click or
 * Enter on a database makes it the active tab's context; a double-click or Enter on a table,
 * column or function inserts its name at the editor's cursor (the ADX web UI's gestures).
 */

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { KustoClient } from '../../../kusto/client/kusto-client';
import { describeKustoError, type KustoError } from '../../../kusto/errors';
import { kqlEntityName, type SchemaTable } from '../../../kusto/mgmt';
import { selectors } from '../../../testing/selectors';
import type { FileHandle } from '../../../lib/file-handle';
import { databasesQueryOptions, invalidateClusterMetadata, schemaQueryOptions } from '../../../lib/kusto-queries';
import type { ConnectionsApi } from '../hooks/use-connections';
import { useSelectableNode } from '../hooks/use-selectable-node';
import { LocalFilesNode, type LocalFilesView } from './local-files-node';
import { ColumnItems } from './column-items';
import { onTreeKeyDown, TreeFocusContext, TreeItem } from './tree-item';

export interface ConnectionContext {
  clusterUrl: string;
  database: string;
}

type PickerWindow = Window & { showOpenFilePicker?: (options: object) => Promise<FileHandle[]> };
type HandleItem = DataTransferItem & { getAsFileSystemHandle?: () => Promise<FileHandle | null> };

/**
 * The browser's picker with handles where it has one (Chromium: showOpenFilePicker), else null
 * (the caller clicks the file input). A handle lets the next visit reopen the file.
 */
async function pickWithHandles(accept: string): Promise<{ files: File[]; handles: FileHandle[] } | null> {
  const picker = (window as PickerWindow).showOpenFilePicker;
  if (!picker) return null;
  try {
    const handles = await picker({ multiple: true, types: [{ description: 'Tables', accept: { 'application/octet-stream': accept.split(',') } }] });
    return { files: await Promise.all(handles.map((h) => h.getFile())), handles };
  } catch (e) {
    // AbortError: the analyst closed the picker.
    if (e instanceof DOMException && e.name === 'AbortError') return { files: [], handles: [] };
    return null;
  }
}

/** The "Local files" connection's state and actions (the app wires the local-files feature here). */
export interface LocalFilesPane extends LocalFilesView {
  /** File-input `accept`: the extensions the worker reads. */
  accept: string;
  /** The active tab queries the local files. */
  active: boolean;
  onSelect(): void;
  /** `handles`: File System Access handles of the files, where the browser gave them (kept for the next visit). */
  onOpenFiles(files: File[], handles?: FileHandle[]): void;
  /** A reason the name is refused, or null once renamed. */
  onRename(from: string, to: string): Promise<string | null>;
  onClose(table: string): void;
  onDismissFailures(): void;
}

interface ConnectionPaneProps {
  connections: ConnectionsApi;
  client: KustoClient;
  active: ConnectionContext;
  onSelectDatabase(context: ConnectionContext): void;
  onInsert(text: string): void;
  /** Who the cluster's queries run as, and the tenant their tokens come from: "Ada Analyst · tenant fabrikam.com". */
  identityOf(url: string): string;
  localFiles?: LocalFilesPane;
}

/** The form F2 on a local table opens: Enter renames, Esc gives focus back to the tree. */
function RenameForm({ table, onRename, onDone }: { table: string; onRename: LocalFilesPane['onRename']; onDone(): void }) {
  const [name, setName] = useState(table);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="rename-table"
      onSubmit={(e) => {
        e.preventDefault();
        void onRename(table, name).then((why) => (why ? setProblem(why) : onDone()));
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onDone();
      }}
    >
      <label>
        {selectors.localFiles.renameInput.name}
        <input autoFocus value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} aria-invalid={problem !== null} aria-describedby={problem ? 'rename-problem' : undefined} />
      </label>
      <button type="submit">{selectors.localFiles.renameConfirm.name}</button>
      <button type="button" onClick={onDone}>Cancel</button>
      {problem ? <p id="rename-problem" role="alert" className="error-box">{problem}</p> : null}
    </form>
  );
}

function clusterLabel(url: string): string {
  return url.replace(/^https:\/\//, '');
}

/** A failed load, as an item of the tree (a tree holds nothing else): Enter or a click retries. */
function LoadError({ itemKey, level, error, onRetry }: { itemKey: string; level: number; error: KustoError; onRetry: () => void }) {
  return (
    <TreeItem
      itemKey={itemKey}
      level={level}
      className="tree-error"
      label={<span role="alert">{describeKustoError(error)}</span>}
      title="Enter or a click retries"
      onActivate={onRetry}
      onClick={onRetry}
      after={<span aria-hidden="true" className="link-button">{selectors.common.retry.name}</span>}
    />
  );
}

function Note({ itemKey, level, text }: { itemKey: string; level: number; text: string }) {
  return <TreeItem itemKey={itemKey} level={level} className="tree-note" label={text} />;
}

function TableNode({ database, table, onInsert }: { database: string; table: SchemaTable; onInsert(text: string): void }) {
  const [open, setOpen] = useState(false);
  const key = `table:${database}/${table.name}`;
  return (
    <TreeItem
      itemKey={key}
      level={4}
      label={table.name}
      className="tree-table"
      title="Enter or double-click inserts the table name"
      expanded={open}
      onToggle={() => setOpen((o) => !o)}
      onActivate={() => onInsert(kqlEntityName(table.name))}
      onDoubleClick={() => onInsert(kqlEntityName(table.name))}
    >
      <ColumnItems tableKey={key} level={5} columns={table.columns} onInsert={onInsert} />
    </TreeItem>
  );
}

/** A folder under a database ("Tables", "Functions"), open from the start. */
function Folder({ itemKey, label, children }: { itemKey: string; label: string; children: ReactNode }) {
  const [open, setOpen] = useState(true);
  return (
    <TreeItem itemKey={itemKey} level={3} label={label} className="tree-heading" expanded={open} onToggle={() => setOpen((o) => !o)}>
      {children}
    </TreeItem>
  );
}

function DatabaseNode(props: { client: KustoClient; clusterUrl: string; database: string; active: boolean; onSelect(): void; onInsert(text: string): void }) {
  const { client, clusterUrl, database, active, onSelect, onInsert } = props;
  const node = useSelectableNode({ selected: active, onSelect, initiallyOpen: active });
  const schema = useQuery({ ...schemaQueryOptions(client, clusterUrl, database), enabled: node.expanded });
  const db = schema.data?.databases.find((d) => d.name === database) ?? schema.data?.databases[0];
  const key = `database:${clusterUrl}/${database}`;
  return (
    <TreeItem
      itemKey={key}
      level={2}
      label={database}
      className={active ? 'tree-database active' : 'tree-database'}
      title="Enter or a click makes it the tab's database"
      selected={active}
      expanded={node.expanded}
      onToggle={node.onToggle}
      onActivate={node.onActivate}
      onClick={node.onClick}
    >
      {schema.isPending ? <Note itemKey={`${key}/loading`} level={3} text="Loading schema…" /> : null}
      {schema.error ? <LoadError itemKey={`${key}/error`} level={3} error={schema.error} onRetry={() => void schema.refetch()} /> : null}
      {db ? (
        <>
          <Folder itemKey={`${key}/tables`} label={selectors.connections.tables.name}>
            {db.tables.map((t) => <TableNode key={t.name} database={database} table={t} onInsert={onInsert} />)}
          </Folder>
          {db.functions.length > 0 ? (
            <Folder itemKey={`${key}/functions`} label={selectors.connections.functions.name}>
              {db.functions.map((f) => (
                <TreeItem
                  key={f.name}
                  itemKey={`${key}/functions/${f.name}`}
                  level={4}
                  className="tree-function"
                  title={`${f.name}${f.parameters} — Enter or double-click inserts it`}
                  label={<><span className="column-name">{f.name}</span> <span className="column-type">{f.parameters}</span></>}
                  onActivate={() => onInsert(kqlEntityName(f.name))}
                  onDoubleClick={() => onInsert(kqlEntityName(f.name))}
                />
              ))}
            </Folder>
          ) : null}
        </>
      ) : null}
    </TreeItem>
  );
}

function ClusterNode(props: { client: KustoClient; url: string; identity: string; first: boolean; active: ConnectionContext; onRemove(): void; onSelectDatabase(c: ConnectionContext): void; onInsert(text: string): void }) {
  const { client, url, identity, first, active, onRemove, onSelectDatabase, onInsert } = props;
  const [open, setOpen] = useState(true);
  const databases = useQuery({ ...databasesQueryOptions(client, url), enabled: open });
  return (
    <TreeItem
      itemKey={`cluster:${url}`}
      level={1}
      first={first}
      label={clusterLabel(url)}
      className="tree-cluster-name"
      description={identity}
      title={`${url} — Delete removes it`}
      expanded={open}
      onToggle={() => setOpen((o) => !o)}
      onDelete={onRemove}
      // A tree item holds no buttons; the keyboard removes a cluster with Delete.
      after={<span aria-hidden="true" className="icon-button tree-remove" title={selectors.connections.removeCluster(url).title} onClick={(e) => { e.stopPropagation(); onRemove(); }}>×</span>}
    >
      {databases.isPending ? <Note itemKey={`cluster:${url}/loading`} level={2} text="Loading databases…" /> : null}
      {databases.error ? <LoadError itemKey={`cluster:${url}/error`} level={2} error={databases.error} onRetry={() => void databases.refetch()} /> : null}
      {(databases.data ?? []).map((db) => (
        <DatabaseNode
          key={db}
          client={client}
          clusterUrl={url}
          database={db}
          active={active.clusterUrl === url && active.database === db}
          onSelect={() => onSelectDatabase({ clusterUrl: url, database: db })}
          onInsert={onInsert}
        />
      ))}
    </TreeItem>
  );
}

/**
 * Which hosts a token may go to. Read-only: the page's content security policy is built from
 * config.json and cannot be widened at run time, so a host added in the app could never be
 * reached; the deployment's config.json is the one place to add one.
 */
function TrustedHostsNote({ configHosts }: { configHosts: readonly string[] }) {
  return (
    <details className="trusted-hosts" aria-label={selectors.connections.trustedHosts.name}>
      <summary>{selectors.connections.trustedHosts.name}</summary>
      <p className="tree-note">
        Your token is sent only to Kusto's known hosts
        {configHosts.length > 0 ? <> and the hosts this deployment trusts: <code>{configHosts.join(', ')}</code></> : null}.
        The browser enforces this list. To add a host, add it to <code>trustedHosts</code> in the deployment's config.json.
      </p>
    </details>
  );
}

export function ConnectionPane({ connections, client, active, onSelectDatabase, onInsert, identityOf, localFiles }: ConnectionPaneProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [typed, setTyped] = useState('');
  const [tenant, setTenant] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [activeItem, setActiveItem] = useState<string | null>(null);
  const treeFocus = useMemo(() => ({ active: activeItem, setActive: setActiveItem }), [activeItem]);
  const tree = useRef<HTMLUListElement>(null);
  // When the item in the Tab order went away with its cluster, the first item takes its place, so
  // the tree stays reachable. (Collapsing a parent by mouse focuses that parent first.)
  const clusters = connections.connections.clusters;
  useEffect(() => {
    if (activeItem !== null && !tree.current?.querySelector('[role="treeitem"][tabindex="0"]')) setActiveItem(null);
  }, [activeItem, clusters]);

  const treeHeading = useId();
  const queryClient = useQueryClient();
  // What a schema-changing command run from the editor does for its cluster, for all of them: a
  // table made elsewhere (another tool, a colleague) shows up without reloading the page.
  const refreshAll = () => {
    for (const url of clusters) void invalidateClusterMetadata(queryClient, url);
  };

  // Adding a cluster that is listed already sets its tenant: one form for both.
  function submit(event: FormEvent) {
    event.preventDefault();
    const result = connections.add(typed);
    if (!result.ok) {
      setRefusal(result.message);
      return;
    }
    if (tenant.trim() !== '') {
      const named = connections.setTenant(result.url, tenant);
      if (!named.ok) {
        setRefusal(named.message);
        return;
      }
    }
    setRefusal(null);
    setTyped('');
    setTenant('');
  }

  const endRename = () => {
    const name = renaming;
    setRenaming(null);
    // Focus back where F2 was pressed (the table's item, under its new name or the old one).
    requestAnimationFrame(() => tree.current?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')?.focus());
    return name;
  };

  return (
    <aside
      className={dragging ? 'connection-pane dragging' : 'connection-pane'}
      aria-label={selectors.connections.pane.name}
      onDragOver={(e) => {
        if (!localFiles || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        if (!localFiles) return;
        e.preventDefault();
        setDragging(false);
        const files = Array.from(e.dataTransfer.files);
        // Handles must be asked for during the drop event; they resolve later.
        const handles = Array.from(e.dataTransfer.items).map((item) => (item as HandleItem).getAsFileSystemHandle?.() ?? Promise.resolve(null));
        if (files.length === 0) return;
        void Promise.all(handles).then(
          (hs) => localFiles.onOpenFiles(files, hs.filter((h): h is FileHandle => h !== null && h.kind === 'file')),
          () => localFiles.onOpenFiles(files),
        );
      }}
    >
      <form className="add-cluster" onSubmit={submit}>
        <input
          aria-label={selectors.connections.clusterInput.name}
          placeholder="help or https://…"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          spellCheck={false}
        />
        <input
          aria-label={selectors.connections.tenantInput.name}
          placeholder="Tenant (optional): contoso.com or its id"
          value={tenant}
          onChange={(e) => setTenant(e.target.value)}
          spellCheck={false}
        />
        <button type="submit">{selectors.connections.addCluster.name}</button>
      </form>
      {refusal ? <p role="alert" className="error-box">{refusal}</p> : null}
      {localFiles ? (
        <div className="open-files">
          <button
            type="button"
            onClick={() => {
              void pickWithHandles(localFiles.accept).then((picked) => {
                if (!picked) fileInput.current?.click();
                else if (picked.files.length > 0) localFiles.onOpenFiles(picked.files, picked.handles);
              });
            }}
            title="CSV, TSV, Parquet, JSON or JSON Lines: read in this browser, never uploaded"
          >
            {selectors.localFiles.open.name}
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            accept={localFiles.accept}
            aria-label={selectors.localFiles.input.name}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length > 0) localFiles.onOpenFiles(files);
            }}
          />
        </div>
      ) : null}
      <div className="tree-toolbar">
        <span id={treeHeading}>{selectors.connections.clusters.name}</span>
        <button type="button" className="link-button" title="Reload the databases and schema of every cluster in the list" onClick={refreshAll}>
          {selectors.connections.refresh.name}
        </button>
      </div>
      <TreeFocusContext.Provider value={treeFocus}>
        <ul ref={tree} role="tree" className="tree" aria-labelledby={treeHeading} onKeyDown={onTreeKeyDown}>
          {connections.connections.clusters.map((url, i) => (
            <ClusterNode
              key={url}
              client={client}
              url={url}
              identity={identityOf(url)}
              first={i === 0}
              active={active}
              onRemove={() => connections.remove(url)}
              onSelectDatabase={onSelectDatabase}
              onInsert={onInsert}
            />
          ))}
          {localFiles ? (
            <LocalFilesNode
              view={localFiles}
              first={connections.connections.clusters.length === 0}
              active={localFiles.active}
              onSelect={localFiles.onSelect}
              onInsert={onInsert}
              onStartRename={setRenaming}
              onClose={localFiles.onClose}
              onDismissFailures={localFiles.onDismissFailures}
            />
          ) : null}
        </ul>
      </TreeFocusContext.Provider>
      {localFiles && renaming ? <RenameForm key={renaming} table={renaming} onRename={localFiles.onRename} onDone={endRename} /> : null}
      <TrustedHostsNote configHosts={connections.configHosts} />
    </aside>
  );
}
