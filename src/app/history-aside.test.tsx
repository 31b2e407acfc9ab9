import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openHistoryStore, type HistoryStore } from '../features/history/history-store';
import { selectors } from '../testing/selectors';
import { decodeDataSet } from '../testing/test-tables';
import { col } from '../testing/v2-factories';
import { HistoryAside } from './history-aside';

afterEach(cleanup);

let store: HistoryStore;
beforeEach(async () => {
  store = await openHistoryStore({ name: 'kqlw.history@aside', factory: new IDBFactory() });
});
afterEach(() => store.close());

const entry = { text: 'print n = 7', clusterUrl: 'https://localhost:8443', database: 'Samples', startedAt: Date.UTC(2024, 0, 1), durationMs: 30, records: 1, outcome: 'success' as const };

describe('HistoryAside', () => {
  it('Show result opens the entry in a new tab and shows its kept result there', async () => {
    await store.record(entry, decodeDataSet([{ columns: [col('n', 'long')], rows: [[7]] }]));
    const openTab = vi.fn(() => 'new-tab');
    const show = vi.fn();
    render(<HistoryAside history={{ store, error: null }} openTab={openTab} show={show} onClose={() => {}} />);
    await userEvent.click(await screen.findByRole('button', { name: selectors.history.showResult.name }, { timeout: 10_000 }));
    await waitFor(() => expect(show).toHaveBeenCalledOnce());
    expect(openTab).toHaveBeenCalledWith({ clusterUrl: 'https://localhost:8443', database: 'Samples', text: 'print n = 7' });
    expect(show.mock.calls[0]?.[0]).toBe('new-tab');
    expect(show.mock.calls[0]?.[1].primaryResults[0].rowCount).toBe(1);
    expect(show.mock.calls[0]?.slice(2)).toEqual([30, 'print n = 7']);
  });

  it('Reopen opens the entry in a new tab and shows nothing', async () => {
    await store.record(entry, null);
    const openTab = vi.fn(() => 'new-tab');
    const show = vi.fn();
    render(<HistoryAside history={{ store, error: null }} openTab={openTab} show={show} onClose={() => {}} />);
    await userEvent.click(await screen.findByRole('button', { name: selectors.history.reopen.name }, { timeout: 10_000 }));
    expect(openTab).toHaveBeenCalledWith({ clusterUrl: 'https://localhost:8443', database: 'Samples', text: 'print n = 7' });
    expect(show).not.toHaveBeenCalled();
  });

  it('Esc closes the pane, unless something inside used it', () => {
    const onClose = vi.fn();
    render(<HistoryAside history={{ store: null, error: null }} openTab={() => ''} show={() => {}} onClose={onClose} />);
    const pane = screen.getByRole(selectors.history.pane.role, { name: selectors.history.pane.name });
    fireEvent.keyDown(pane, { key: 'Enter' });
    const used = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    used.preventDefault();
    pane.dispatchEvent(used);
    expect(onClose).not.toHaveBeenCalled();
    fireEvent.keyDown(pane, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('says why there is no history in this browser, or that it is opening', () => {
    const { rerender } = render(<HistoryAside history={{ store: null, error: null }} openTab={() => ''} show={() => {}} onClose={() => {}} />);
    expect(screen.getByText('Opening history…')).toBeTruthy();
    rerender(<HistoryAside history={{ store: null, error: 'History is not kept in this browser: blocked' }} openTab={() => ''} show={() => {}} onClose={() => {}} />);
    expect(screen.getByText('History is not kept in this browser: blocked')).toBeTruthy();
  });
});
