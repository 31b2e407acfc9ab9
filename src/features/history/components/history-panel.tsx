/** Past runs: search, reopen a query, show a kept result again, clear it all. */
import { useState } from 'react';
import type { DataSet } from '../../../kusto/types';
import { selectors } from '../../../testing/selectors';
import type { HistoryEntry, HistoryStore } from '../history-store';
import { useHistoryEntries } from '../hooks/use-history-entries';
import '../history.css';

export interface HistoryPanelProps {
  store: HistoryStore;
  /** Open the entry's query (in a new tab, with its cluster and database). */
  onReopen: (entry: HistoryEntry) => void;
  /** Show the kept result; the button appears only for entries that still have one. */
  onShowResult?: (entry: HistoryEntry, dataSet: DataSet) => void;
  confirm?: (message: string) => boolean;
  /** Formats the run's time; defaults to the browser's locale. */
  formatTime?: (epochMs: number) => string;
}

const OUTCOME_LABEL: Record<HistoryEntry['outcome'], string> = { success: 'Succeeded', partial: 'Partial', failed: 'Failed', cancelled: 'Cancelled' };

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

function describeRecords(entry: HistoryEntry): string {
  if (entry.records === null) return '';
  return entry.records === 1 ? '1 record' : `${entry.records.toLocaleString('en-US')} records`;
}

export function HistoryPanel({ store, onReopen, onShowResult, confirm = (m) => window.confirm(m), formatTime = (t) => new Date(t).toLocaleString() }: HistoryPanelProps) {
  const [search, setSearch] = useState('');
  const entries = useHistoryEntries(store, search);
  const [problem, setProblem] = useState<string | null>(null);

  const showResult = async (entry: HistoryEntry) => {
    const dataSet = await store.result(entry.id);
    if (dataSet) onShowResult?.(entry, dataSet);
    else setProblem('That result is no longer kept; reopen the query and run it.');
  };

  const clear = async () => {
    if (!confirm('Clear the whole query history and its kept results in this browser?')) return;
    await store.clear();
  };

  return (
    <section className="history-panel" aria-label={selectors.history.panel.name}>
      <div className="history-bar">
        <input
          type="search"
          aria-label={selectors.history.search.name}
          placeholder="Search history"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <button type="button" onClick={() => void clear()} disabled={entries?.length === 0 && search === ''}>
          {selectors.history.clear.name}
        </button>
      </div>
      {problem ? <p role="alert" className="history-problem">{problem}</p> : null}
      {entries === null ? (
        <p className="history-empty">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="history-empty">{search ? 'No runs match.' : 'No runs yet.'}</p>
      ) : (
        <ul aria-label={selectors.history.list.name} className="history-list">
          {entries.map((entry) => (
            <li key={entry.id} className={`history-entry outcome-${entry.outcome}`} aria-label={firstLine(entry.text)}>
              <pre className="history-text" title={entry.text}>{entry.text}</pre>
              <div className="history-meta">
                <span>{formatTime(entry.startedAt)}</span>
                <span>{entry.database}</span>
                <span className="history-cluster">{new URL(entry.clusterUrl).host}</span>
                <span>{(entry.durationMs / 1000).toFixed(2)} s</span>
                <span>{describeRecords(entry)}</span>
                <span className="history-outcome">{OUTCOME_LABEL[entry.outcome]}</span>
              </div>
              <div className="history-actions">
                <button type="button" onClick={() => onReopen(entry)}>{selectors.history.reopen.name}</button>
                {onShowResult && entry.resultBytes !== null ? (
                  <button type="button" onClick={() => void showResult(entry)}>{selectors.history.showResult.name}</button>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
