/**
 * F8: shows the kept result of the statement at the cursor from history, without a request to
 * the cluster, and says where it came from (Monaco binds no F8 in KQL mode, so the key is free).
 */

import { useCallback, useState } from 'react';
import type { Statement } from '../features/editor/types';
import type { HistoryStore } from '../features/history/history-store';
import type { DataSet } from '../kusto/types';
import { useKeyboardShortcut } from '../lib/use-keyboard-shortcut';

export function isRecallPress(e: KeyboardEvent): boolean {
  return e.key === 'F8' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey;
}

export interface RecallOptions {
  /** Null while history opens, or when the browser keeps none: F8 does nothing then. */
  store: HistoryStore | null;
  tab: { id: string; clusterUrl: string; database: string };
  /** The statement at the cursor now (read when F8 is pressed). */
  statementToRun: () => Statement;
  show: (tabId: string, dataSet: DataSet, durationMs: number, query: string) => void;
}

export interface Recall {
  /** What the last F8 found (or did not); null once a run starts. */
  note: string | null;
  clearNote: () => void;
  recall: () => void;
}

export function useRecall({ store, tab, statementToRun, show }: RecallOptions): Recall {
  const [note, setNote] = useState<string | null>(null);
  const { id: tabId, clusterUrl, database } = tab;
  const recall = useCallback(() => {
    if (!store) return;
    const statement = statementToRun();
    void store.latestResultFor({ text: statement.text, clusterUrl, database }).then((found) => {
      if (!found) {
        setNote('No kept result for this query here; press Run to run it.');
        return;
      }
      show(tabId, found.dataSet, found.entry.durationMs, found.entry.text);
      setNote(`Result of the run at ${new Date(found.entry.startedAt).toLocaleString()}, from history; nothing was sent to the cluster.`);
    });
  }, [store, statementToRun, tabId, clusterUrl, database, show]);
  useKeyboardShortcut(isRecallPress, recall, store !== null);
  const clearNote = useCallback(() => setNote(null), []);
  return { note, clearNote, recall };
}
