import { describe, expect, it } from 'vitest';
import { stringAt } from '../kusto/columnar';
import { col, dataTable, toV2Text, v2Response } from '../testing/v2-factories';
import { decodeInWorker, decodeStreamInWorker, workerTableOps } from './decode-client';

function body(rows: unknown[][]): ArrayBuffer {
  const bytes = new TextEncoder().encode(toV2Text(v2Response([dataTable(1, [col('State', 'string'), col('n', 'long')], rows)])));
  return bytes.buffer;
}

describe('decodeInWorker without Worker (jsdom)', () => {
  it('decodes on the main thread with the same decoder', async () => {
    expect(typeof Worker).toBe('undefined');
    const { result, inWorker } = await decodeInWorker(body([['TEXAS', 3], ['IOWA', 9007199254740993n]]));
    expect(inWorker).toBe(false);
    if (!result.ok) throw new Error(result.error.message);
    const table = result.dataSet.primaryResults[0]!;
    expect(stringAt(table.columns[0]!, 1)).toBe('IOWA');
    const longs = table.columns[1]!;
    expect(longs.type === 'long' && longs.values[1]).toBe(9007199254740993n);
  });

  it('sorts and searches through the same ResultTableOps seam', async () => {
    const { result } = await decodeInWorker(body([['TEXAS', 3], ['IOWA', 1], ['KANSAS', 2]]));
    if (!result.ok) throw new Error(result.error.message);
    const table = result.dataSet.primaryResults[0]!;
    expect(Array.from(await workerTableOps.sort(table, 1, 'asc'))).toEqual([1, 2, 0]);
    expect(Array.from(await workerTableOps.search(table, 'as'))).toEqual([0, 2]);
  });
});

/** A body the test feeds piece by piece, as a network would. */
function controlledBody() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({ start: (c) => { controller = c; } });
  return { stream, send: (text: string) => controller.enqueue(new TextEncoder().encode(text)), close: () => controller.close(), fail: (why: string) => controller.error(new Error(why)) };
}

describe('decodeStreamInWorker without Worker (jsdom)', () => {
  const rows = Array.from({ length: 400 }, (_, r) => [`state ${r}`, r]);
  const text = toV2Text(v2Response([dataTable(1, [col('State', 'string'), col('n', 'long')], rows)]));
  const half = text.indexOf('"state 200"');

  it('shows the rows that arrived before the body ends, then the whole table', async () => {
    const body = controlledBody();
    const seen: number[] = [];
    let firstRows: (() => void) | null = null;
    const arrived = new Promise<void>((resolve) => { firstRows = resolve; });
    const done = decodeStreamInWorker(body.stream, ({ dataSet }) => {
      seen.push(dataSet.primaryResults[0]!.rowCount);
      firstRows?.();
    });
    body.send(text.slice(0, half));
    await arrived;
    expect(seen).toEqual([200]);
    body.send(text.slice(half));
    body.close();
    const { result } = await done;
    expect(result.ok && result.dataSet.primaryResults[0]!.rowCount).toBe(400);
  });

  it('ends a body that breaks off as a network error with the rows so far, the table marked incomplete', async () => {
    const body = controlledBody();
    const done = decodeStreamInWorker(body.stream);
    body.send(text.slice(0, half));
    body.fail('connection reset');
    const { result } = await done;
    if (result.ok) throw new Error('a cut body decoded as complete');
    expect(result.error).toMatchObject({ kind: 'network', message: 'The response was cut before it ended: connection reset' });
    const table = result.incomplete!.primaryResults[0]!;
    expect([table.rowCount, table.incomplete]).toEqual([200, true]);
    expect(stringAt(table.columns[0]!, 199)).toBe('state 199');
  });
});
