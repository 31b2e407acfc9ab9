/**
 * The history pane beside the editor: the account's past runs (HistoryPanel). Reopen puts an
 * entry's query in a new tab; Show result does that and shows its kept result there, sending
 * nothing. Esc closes the pane (a disclosure: https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/),
 * and the caller puts focus back on the button that opened it.
 */

import type { HistoryEntry, HistoryStore } from '../features/history/history-store';
import { HistoryPanel } from '../features/history/components/history-panel';
import type { DataSet } from '../kusto/types';
import { selectors } from '../testing/selectors';

export interface HistoryAsideProps {
  /** As useHistoryStore gives it: no store yet (opening) or none at all (`error`). */
  history: { store: HistoryStore | null; error: string | null };
  /** Opens a tab with this context and text; returns its id. */
  openTab(target: { clusterUrl: string; database: string; text: string }): string;
  /** Shows a kept result in a tab as if it had just run. */
  show(tabId: string, dataSet: DataSet, durationMs: number, query: string): void;
  onClose(): void;
}

export function HistoryAside({ history, openTab, show, onClose }: HistoryAsideProps) {
  const reopen = (entry: HistoryEntry) => openTab({ clusterUrl: entry.clusterUrl, database: entry.database, text: entry.text });
  const showResult = (entry: HistoryEntry, dataSet: DataSet) => show(reopen(entry), dataSet, entry.durationMs, entry.text);
  return (
    <aside
      id="history-pane"
      className="history-pane"
      aria-label={selectors.history.pane.name}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        onClose();
      }}
    >
      {history.store ? (
        <HistoryPanel store={history.store} onReopen={reopen} onShowResult={showResult} />
      ) : (
        <p className="history-empty">{history.error ?? 'Opening history…'}</p>
      )}
    </aside>
  );
}
