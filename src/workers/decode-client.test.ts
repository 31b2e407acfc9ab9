import { describe, expect, it } from 'vitest';
import { stringAt } from '../kusto/columnar';
import { col, dataTable, toV2Text, v2Response } from '../testing/v2-factories';
import { decodeInWorker, workerTableOps } from './decode-client';

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
