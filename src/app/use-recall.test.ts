import { act, cleanup, fireEvent, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openHistoryStore, type HistoryStore } from '../features/history/history-store';
import { decodeDataSet } from '../testing/test-tables';
import { col } from '../testing/v2-factories';
import { isRecallPress, useRecall } from './use-recall';

afterEach(cleanup);

const tab = { id: 't1', clusterUrl: 'https://localhost:8443', database: 'Samples' };
const statement = (text: string) => () => ({ text, start: 0, end: text.length });
let store: HistoryStore;

beforeEach(async () => {
  store = await openHistoryStore({ name: 'kqlw.history@test', factory: new IDBFactory() });
});
afterEach(() => store.close());

describe('useRecall', () => {
  it('F8 shows the kept result of the statement at the cursor in this tab, and says it came from history', async () => {
    const dataSet = decodeDataSet([{ columns: [col('n', 'long')], rows: [[42]] }]);
    await store.record({ text: 'print n = 42', ...tab, startedAt: Date.UTC(2024, 0, 1), durationMs: 12, records: 1, outcome: 'success' }, dataSet);
    const show = vi.fn();
    const { result } = renderHook(() => useRecall({ store, tab, statementToRun: statement('print n = 42'), show }));

    fireEvent.keyDown(window, { key: 'F8' });
    await waitFor(() => expect(result.current.note).toMatch(/from history; nothing was sent to the cluster\.$/));
    expect(show).toHaveBeenCalledTimes(1);
    expect(show.mock.calls[0]?.[0]).toBe('t1');
    expect(show.mock.calls[0]?.[1].primaryResults[0].rowCount).toBe(1);
    expect(show.mock.calls[0]?.[3]).toBe('print n = 42');

    act(() => result.current.clearNote());
    expect(result.current.note).toBeNull();
  });

  it('says so when nothing is kept for that text on this cluster and database', async () => {
    const dataSet = decodeDataSet([{ columns: [col('n', 'long')], rows: [[1]] }]);
    await store.record({ text: 'print n = 1', ...tab, database: 'Other', startedAt: 1, durationMs: 1, records: 1, outcome: 'success' }, dataSet);
    const show = vi.fn();
    const { result } = renderHook(() => useRecall({ store, tab, statementToRun: statement('print n = 1'), show }));
    act(() => result.current.recall());
    await waitFor(() => expect(result.current.note).toBe('No kept result for this query here; press Run to run it.'));
    expect(show).not.toHaveBeenCalled();
  });

  it('F8 with a modifier is not a recall', () => {
    expect(isRecallPress(new KeyboardEvent('keydown', { key: 'F8' }))).toBe(true);
    expect(isRecallPress(new KeyboardEvent('keydown', { key: 'F8', shiftKey: true }))).toBe(false);
    expect(isRecallPress(new KeyboardEvent('keydown', { key: 'F8', ctrlKey: true }))).toBe(false);
  });
});
