import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { KustoClient, QueryRun } from '../kusto/client/kusto-client';
import { openHistoryStore, type HistoryStore } from '../features/history/history-store';
import { useTabRuns } from './use-tab-runs';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
afterEach(cleanup);

const request = { clusterUrl: 'https://localhost:8443', database: 'Samples', text: 'print x = 1', statementStart: 0, documentText: 'print x = 1' };

/** A client whose only call answers at once with an empty data set: this test is about history. */
function answeringClient(): KustoClient {
  const answer = (query: string): QueryRun => ({
    clientRequestId: 'KQLW.execute;test', query, durationMs: 3, partial: null,
    dataSet: { tables: [], primaryResults: [], visualizations: new Map(), stats: null, cancelled: false },
  });
  return { run: async ({ text }: { text: string }) => answer(text) } as unknown as KustoClient;
}

it('records a run that ends before the history database has opened, once it opens', async () => {
  let open!: (store: HistoryStore) => void;
  const opening = new Promise<HistoryStore>((resolve) => (open = resolve));
  const { result } = renderHook(() => useTabRuns({ client: answeringClient(), userName: () => 'u', history: opening }));

  act(() => result.current.run('tab-1', request));
  await waitFor(() => expect(result.current.stateOf('tab-1').running).toBe(false));

  const store = await openHistoryStore({ name: 'history-test' });
  open(store);
  await waitFor(async () => expect((await store.list()).map((e) => e.text)).toEqual([request.text]));
});
