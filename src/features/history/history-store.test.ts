import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataSet } from '../../kusto/types';
import { deleteHistoryDatabase, estimateBytes, openHistoryStore, type HistoryStore, type NewHistoryEntry } from './history-store';

function run(text: string, overrides: Partial<NewHistoryEntry> = {}): NewHistoryEntry {
  return { text, clusterUrl: 'https://localhost:8443', database: 'Samples', startedAt: Date.UTC(2024, 0, 1), durationMs: 12, records: 1, outcome: 'success', ...overrides };
}

/** A result whose columns hold `bytes` bytes, plus a long column above 2^53 to check it comes back exact. */
function dataSet(bytes: number, marker = 1): DataSet {
  const table = {
    tableId: 0,
    tableKind: 'PrimaryResult',
    tableName: 'PrimaryResult',
    rowCount: 1,
    columns: [
      { name: 'blob', declaredType: 'real', type: 'real' as const, values: new Float64Array(bytes / 8).fill(marker), nulls: new Uint8Array(0) },
      { name: 'n', declaredType: 'long', type: 'long' as const, values: BigInt64Array.of(9007199254740993n), nulls: new Uint8Array(1) },
    ],
  };
  return { tables: [table], primaryResults: [table], visualizations: new Map([[0, { Visualization: 'timechart' }]]), stats: null, cancelled: false };
}

const MB = 1024 * 1024;

/** The first column's numbers; through Array.from because the clone's Float64Array is another realm's. */
function blob(ds: DataSet | null): number[] | null {
  const column = ds?.primaryResults[0]?.columns[0];
  return column && 'values' in column ? Array.from(column.values as Float64Array) : null;
}
let store: HistoryStore;

beforeEach(async () => {
  store = await openHistoryStore({ name: 'kqlw.history@test', factory: new IDBFactory(), limits: { maxResults: 3, resultCapBytes: 10 * MB } });
});
afterEach(() => store.close());

describe('history store', () => {
  it('records every run, newest first, with what the panel shows', async () => {
    await store.record(run('StormEvents | take 10', { records: 10, durationMs: 31 }));
    await store.record(run('StormEvents | count', { outcome: 'failed', records: null, message: 'Syntax error' }));
    const list = await store.list();
    expect(list.map((e) => [e.text, e.outcome, e.records])).toEqual([
      ['StormEvents | count', 'failed', null],
      ['StormEvents | take 10', 'success', 10],
    ]);
    expect(list[0]).toMatchObject({ clusterUrl: 'https://localhost:8443', database: 'Samples', message: 'Syntax error', resultBytes: null });
    expect(list[0]!.id).toBeGreaterThan(list[1]!.id);
  });

  it('keeps a result as it was: typed arrays, exact longs, visualizations', async () => {
    const entry = await store.record(run('print 1'), dataSet(1024, 7));
    const back = await store.result(entry.id);
    expect(blob(back)).toEqual(Array(128).fill(7));
    expect((back?.primaryResults[0]?.columns[1] as { values: BigInt64Array }).values[0]).toBe(9007199254740993n);
    expect(back?.visualizations.get(0)).toEqual({ Visualization: 'timechart' });
    expect(entry.resultBytes).toBe(estimateBytes(dataSet(1024, 7)));
  });

  it('keeps only the latest maxResults results, evicting the oldest', async () => {
    const entries = [];
    for (let i = 0; i < 5; i++) entries.push(await store.record(run(`print ${i}`), dataSet(1024, i)));
    expect(await store.result(entries[0]!.id)).toBeNull();
    expect(await store.result(entries[1]!.id)).toBeNull();
    expect(blob(await store.result(entries[2]!.id))).toEqual(Array(128).fill(2));
    expect(await store.usage()).toMatchObject({ entries: 5, results: 3 });
    // The entries themselves stay; only their results go.
    expect((await store.list()).map((e) => e.resultBytes === null)).toEqual([false, false, false, true, true]);
  });

  it('evicts the oldest results past the byte cap, and never stores one larger than the cap', async () => {
    const a = await store.record(run('a'), dataSet(4 * MB));
    const b = await store.record(run('b'), dataSet(4 * MB));
    const c = await store.record(run('c'), dataSet(4 * MB));
    expect(await store.result(a.id)).toBeNull();
    expect(await store.result(b.id)).not.toBeNull();
    expect(await store.result(c.id)).not.toBeNull();
    const usage = await store.usage();
    expect(usage.resultBytes).toBeLessThanOrEqual(10 * MB);
    expect(usage.results).toBe(2);

    const huge = await store.record(run('huge'), dataSet(11 * MB));
    expect(huge.resultBytes).toBeNull();
    expect(await store.result(huge.id)).toBeNull();
    // A result too big to keep does not push out the ones that fit.
    expect(await store.result(c.id)).not.toBeNull();
  });

  it('lists a run whose result is above maxResultBytes without keeping its data', async () => {
    const capped = await openHistoryStore({ name: 'kqlw.history@test', factory: new IDBFactory(), limits: { maxResultBytes: 2 * MB } });
    const small = await capped.record(run('small'), dataSet(1 * MB));
    const big = await capped.record(run('big'), dataSet(3 * MB));
    expect(big.resultBytes).toBeNull();
    expect(await capped.result(big.id)).toBeNull();
    expect((await capped.list()).map((e) => e.text)).toEqual(['big', 'small']);
    expect(blob(await capped.result(small.id))?.[0]).toBe(1);
    capped.close();
  });

  it('searches text, cluster and database, every word, case-insensitively', async () => {
    await store.record(run('StormEvents | where State == "TEXAS"'));
    await store.record(run('StormEvents | count', { database: 'Other' }));
    await store.record(run('ContosoSales | take 5', { clusterUrl: 'https://help.kusto.windows.net' }));
    expect((await store.list({ search: 'texas' })).map((e) => e.text)).toEqual(['StormEvents | where State == "TEXAS"']);
    expect((await store.list({ search: 'stormevents other' })).map((e) => e.text)).toEqual(['StormEvents | count']);
    expect((await store.list({ search: 'help.kusto' })).map((e) => e.text)).toEqual(['ContosoSales | take 5']);
    expect(await store.list({ search: 'nothing like this' })).toEqual([]);
    expect(await store.list({ limit: 2 })).toHaveLength(2);
  });

  it('finds the latest kept result of the same query for F8', async () => {
    await store.record(run('print 1'), dataSet(64, 1));
    await store.record(run('print 1', { database: 'Other' }), dataSet(64, 2));
    await store.record(run('print 1'), dataSet(64, 3));
    await store.record(run('print 1', { outcome: 'failed', records: null }));
    const found = await store.latestResultFor({ text: 'print 1', clusterUrl: 'https://localhost:8443', database: 'Samples' });
    expect(blob(found?.dataSet ?? null)).toEqual(Array(8).fill(3));
    expect(await store.latestResultFor({ text: 'print 2', clusterUrl: 'https://localhost:8443', database: 'Samples' })).toBeNull();
  });

  it('clears everything and tells subscribers', async () => {
    let changes = 0;
    const unsubscribe = store.subscribe(() => changes++);
    const entry = await store.record(run('print 1'), dataSet(64));
    await store.clear();
    expect(await store.list()).toEqual([]);
    expect(await store.result(entry.id)).toBeNull();
    expect(await store.usage()).toEqual({ entries: 0, results: 0, resultBytes: 0 });
    expect(changes).toBe(2);
    unsubscribe();
  });

  it('drops the oldest entries past maxEntries', async () => {
    const small = await openHistoryStore({ name: 'kqlw.history@test', factory: new IDBFactory(), limits: { maxEntries: 2 } });
    for (const t of ['a', 'b', 'c']) await small.record(run(t));
    expect((await small.list()).map((e) => e.text)).toEqual(['c', 'b']);
    small.close();
  });

  it('drops the kept results but keeps the entries when asked to (sign-out that keeps drafts)', async () => {
    const entry = await store.record(run('print 1'), dataSet(64));
    await store.clearResults();
    expect(await store.result(entry.id)).toBeNull();
    expect(await store.latestResultFor({ text: 'print 1', clusterUrl: 'https://localhost:8443', database: 'Samples' })).toBeNull();
    expect((await store.list()).map((e) => [e.text, e.resultBytes])).toEqual([['print 1', null]]);
  });

  it("keeps each account's history in its own database, and deletes one without touching the other", async () => {
    const factory = new IDBFactory();
    const ada = await openHistoryStore({ name: 'kqlw.history@ada', factory });
    const victor = await openHistoryStore({ name: 'kqlw.history@victor', factory });
    await ada.record(run('print secret = "ada"'), dataSet(64));
    expect(await victor.list()).toEqual([]);
    // An open store of the deleted account (another page) gives way instead of blocking the delete.
    await deleteHistoryDatabase('kqlw.history@ada', factory);
    const adaAgain = await openHistoryStore({ name: 'kqlw.history@ada', factory });
    expect(await adaAgain.list()).toEqual([]);
    adaAgain.close();
    victor.close();
  });
});
