/**
 * Clusters → databases → tables (columns with types) and functions. A click on a database makes
 * it the active tab's context; a double-click on a table, column or function inserts its name at
 * the editor's cursor (the ADX web UI's gestures).
 */

import { useState, type FormEvent } from 'react';
import { describeKustoError, type KustoError } from '../../../kusto/errors';
import { kqlEntityName, type SchemaTable } from '../../../kusto/mgmt';
import { selectors } from '../../../testing/selectors';
import { useDatabaseSchema } from '../api/get-database-schema';
import { useDatabases } from '../api/get-databases';
import type { MgmtDeps } from '../api/run-mgmt-command';
import type { ConnectionsApi } from '../hooks/use-connections';
import { parseApprovedHosts } from '../utils/connections-model';

export interface ConnectionContext {
  clusterUrl: string;
  database: string;
}

interface ConnectionPaneProps {
  connections: ConnectionsApi;
  deps: MgmtDeps;
  active: ConnectionContext;
  onSelectDatabase(context: ConnectionContext): void;
  onInsert(text: string): void;
}

function clusterLabel(url: string): string {
  return url.replace(/^https:\/\//, '');
}

// An element, not CSS ::before content: generated content would become part of the accessible name.
function Chevron({ open }: { open: boolean }) {
  return <span className="chevron" aria-hidden="true">{open ? '▾' : '▸'}</span>;
}

function LoadError({ error, onRetry }: { error: KustoError; onRetry: () => void }) {
  return (
    <div role="alert" className="tree-error">
      <span>{describeKustoError(error)}</span>
      <button type="button" className="link-button" onClick={onRetry}>{selectors.common.retry.name}</button>
    </div>
  );
}

function TableNode({ table, onInsert }: { table: SchemaTable; onInsert(text: string): void }) {
  const [open, setOpen] = useState(false);
  return (
    <li>
      <button
        type="button"
        className="tree-row tree-table"
        aria-expanded={open}
        title="Double-click to insert the table name"
        onClick={() => setOpen((o) => !o)}
        onDoubleClick={() => onInsert(kqlEntityName(table.name))}
      >
        <Chevron open={open} />
        {table.name}
      </button>
      {open ? (
        <ul className="tree-children" aria-label={selectors.connections.columns(table.name).name}>
          {table.columns.map((c) => (
            <li key={c.name} className="tree-row tree-column" title={`${c.name}: ${c.type} — double-click to insert`} onDoubleClick={() => onInsert(kqlEntityName(c.name))}>
              <span className="column-name">{c.name}</span> <span className="column-type">{c.type}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function DatabaseNode(props: { deps: MgmtDeps; clusterUrl: string; database: string; active: boolean; onSelect(): void; onInsert(text: string): void }) {
  const { deps, clusterUrl, database, active, onSelect, onInsert } = props;
  const [open, setOpen] = useState(active);
  const schema = useDatabaseSchema(deps, clusterUrl, database, open);
  const db = schema.data?.databases.find((d) => d.name === database) ?? schema.data?.databases[0];
  return (
    <li>
      <button
        type="button"
        className={active ? 'tree-row tree-database active' : 'tree-row tree-database'}
        aria-expanded={open}
        aria-current={active ? 'true' : undefined}
        onClick={() => {
          onSelect();
          setOpen((o) => !o || !active);
        }}
      >
        <Chevron open={open} />
        {database}
      </button>
      {open ? (
        <div className="tree-children">
          {schema.isPending ? <p className="tree-note">Loading schema…</p> : null}
          {schema.error ? <LoadError error={schema.error} onRetry={() => void schema.refetch()} /> : null}
          {db ? (
            <>
              <p className="tree-heading">Tables</p>
              <ul aria-label={selectors.connections.tables(database).name}>
                {db.tables.map((t) => <TableNode key={t.name} table={t} onInsert={onInsert} />)}
              </ul>
              {db.functions.length > 0 ? (
                <>
                  <p className="tree-heading">Functions</p>
                  <ul aria-label={selectors.connections.functions(database).name}>
                    {db.functions.map((f) => (
                      <li key={f.name} className="tree-row tree-function" title={`${f.name}${f.parameters} — double-click to insert`} onDoubleClick={() => onInsert(kqlEntityName(f.name))}>
                        <span className="column-name">{f.name}</span> <span className="column-type">{f.parameters}</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function ClusterNode(props: { deps: MgmtDeps; url: string; active: ConnectionContext; onRemove(): void; onSelectDatabase(c: ConnectionContext): void; onInsert(text: string): void }) {
  const { deps, url, active, onRemove, onSelectDatabase, onInsert } = props;
  const [open, setOpen] = useState(true);
  const databases = useDatabases(deps, url, open);
  return (
    <li className="tree-cluster">
      <div className="tree-cluster-row">
        <button type="button" className="tree-row tree-cluster-name" aria-expanded={open} onClick={() => setOpen((o) => !o)} title={url}>
          <Chevron open={open} />
          {clusterLabel(url)}
        </button>
        <button type="button" className="icon-button" aria-label={selectors.connections.removeCluster(url).name} title="Remove cluster" onClick={onRemove}>×</button>
      </div>
      {open ? (
        <div className="tree-children">
          {databases.isPending ? <p className="tree-note">Loading databases…</p> : null}
          {databases.error ? <LoadError error={databases.error} onRetry={() => void databases.refetch()} /> : null}
          {databases.data ? (
            <ul aria-label={selectors.connections.databases(url).name}>
              {databases.data.map((db) => (
                <DatabaseNode
                  key={db}
                  deps={deps}
                  clusterUrl={url}
                  database={db}
                  active={active.clusterUrl === url && active.database === db}
                  onSelect={() => onSelectDatabase({ clusterUrl: url, database: db })}
                  onInsert={onInsert}
                />
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function TrustedHostsSetting({ connections }: { connections: ConnectionsApi }) {
  const [text, setText] = useState(connections.connections.approvedHosts.join('; '));
  return (
    <details className="trusted-hosts">
      <summary>Trusted hosts</summary>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          connections.setApprovedHosts(parseApprovedHosts(text));
        }}
      >
        <label>
          {selectors.connections.trustedHosts.name}
          <input value={text} onChange={(e) => setText(e.target.value)} placeholder="mycluster.contoso.com; *.contoso.com" />
        </label>
        <p className="tree-note">Your token is sent only to Kusto's known hosts, loopback, and the hosts listed here.</p>
        <button type="submit">Save</button>
      </form>
    </details>
  );
}

export function ConnectionPane({ connections, deps, active, onSelectDatabase, onInsert }: ConnectionPaneProps) {
  const [typed, setTyped] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = connections.add(typed);
    if (!result.ok) {
      setRefusal(result.message);
      return;
    }
    setRefusal(null);
    setTyped('');
  }

  return (
    <aside className="connection-pane" aria-label={selectors.connections.pane.name}>
      <form className="add-cluster" onSubmit={submit}>
        <input
          aria-label={selectors.connections.clusterInput.name}
          placeholder="help or https://…"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          spellCheck={false}
        />
        <button type="submit">{selectors.connections.addCluster.name}</button>
      </form>
      {refusal ? <p role="alert" className="error-box">{refusal}</p> : null}
      <ul className="tree" aria-label={selectors.connections.clusters.name}>
        {connections.connections.clusters.map((url) => (
          <ClusterNode
            key={url}
            deps={deps}
            url={url}
            active={active}
            onRemove={() => connections.remove(url)}
            onSelectDatabase={onSelectDatabase}
            onInsert={onInsert}
          />
        ))}
      </ul>
      <TrustedHostsSetting connections={connections} />
    </aside>
  );
}
