import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataSet } from '../../../kusto/types';
import { selectors } from '../../../testing/selectors';
import { openHistoryStore, type HistoryStore } from '../history-store';
import { HistoryPanel } from './history-panel';

let store: HistoryStore;
const empty: DataSet = { tables: [], primaryResults: [], visualizations: new Map(), stats: null, cancelled: false };
const base = { clusterUrl: 'https://localhost:8443', database: 'Samples', startedAt: Date.UTC(2024, 0, 1, 12), durationMs: 1234 };

beforeEach(async () => {
  store = await openHistoryStore({ name: 'kqlw.history@test', factory: new IDBFactory() });
  await store.record({ ...base, text: 'StormEvents\n| take 10', records: 10, outcome: 'success' }, empty);
  await store.record({ ...base, text: 'StormEvents | where State == "TEXAS" | count', records: 1, outcome: 'success' });
  await store.record({ ...base, text: 'Nope | take 1', records: null, outcome: 'failed', message: "Failed to resolve table 'Nope'" });
});
afterEach(() => {
  cleanup();
  store.close();
});

const items = () => within(screen.getByRole('list', { name: selectors.history.list.name })).getAllByRole('listitem');

describe('HistoryPanel', () => {
  it('lists runs newest first with time, duration, records and outcome', async () => {
    render(<HistoryPanel store={store} onReopen={() => {}} formatTime={(t) => new Date(t).toISOString()} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(items().map((li) => li.getAttribute('aria-label'))).toEqual(['Nope | take 1', 'StormEvents | where State == "TEXAS" | count', 'StormEvents']);
    expect(items()[0]!.textContent).toContain('Failed');
    expect(items()[2]!.textContent).toContain('2024-01-01T12:00:00.000Z');
    expect(items()[2]!.textContent).toContain('1.23 s');
    expect(items()[2]!.textContent).toContain('10 records');
  });

  it('searches and reopens an entry', async () => {
    const user = userEvent.setup();
    const onReopen = vi.fn();
    render(<HistoryPanel store={store} onReopen={onReopen} />);
    await user.type(screen.getByRole('searchbox', { name: selectors.history.search.name }), 'texas');
    await waitFor(() => expect(items()).toHaveLength(1));
    await user.click(within(items()[0]!).getByRole('button', { name: selectors.history.reopen.name }));
    expect(onReopen).toHaveBeenCalledWith(expect.objectContaining({ text: 'StormEvents | where State == "TEXAS" | count', clusterUrl: 'https://localhost:8443', database: 'Samples' }));
  });

  it('offers the kept result only where there is one', async () => {
    const user = userEvent.setup();
    const onShowResult = vi.fn();
    render(<HistoryPanel store={store} onReopen={() => {}} onShowResult={onShowResult} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    expect(screen.getAllByRole('button', { name: selectors.history.showResult.name })).toHaveLength(1);
    await user.click(within(items()[2]!).getByRole('button', { name: selectors.history.showResult.name }));
    await waitFor(() => expect(onShowResult).toHaveBeenCalledOnce());
    expect(onShowResult.mock.calls[0]![1]).toMatchObject({ primaryResults: [], cancelled: false });
  });

  it('clears history after confirmation, and shows new runs as they are recorded', async () => {
    const user = userEvent.setup();
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    render(<HistoryPanel store={store} onReopen={() => {}} confirm={confirm} />);
    await waitFor(() => expect(items()).toHaveLength(3));
    await user.click(screen.getByRole('button', { name: selectors.history.clear.name }));
    expect(items()).toHaveLength(3);
    await user.click(screen.getByRole('button', { name: selectors.history.clear.name }));
    expect(await screen.findByText('No runs yet.')).toBeTruthy();
    await store.record({ ...base, text: 'print 1', records: 1, outcome: 'success' });
    await waitFor(() => expect(items()).toHaveLength(1));
  });
});
