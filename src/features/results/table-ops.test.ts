import { describe, expect, it } from 'vitest';
import { col } from '../../testing/v2-factories';
import { decodeTable } from '../../testing/test-tables';
import { mainThreadTableOps } from './table-ops';

describe('mainThreadTableOps', () => {
  const t = decodeTable([col('State', 'string'), col('n', 'long')], [['TEXAS', 1], ['OHIO', 22], ['Kansas', 3], ['IOWA', 4]]);

  it('answers with the permutations of src/kusto/table-ops', async () => {
    expect(Array.from(await mainThreadTableOps.search(t, 'ohio'))).toEqual([1]);
    expect(Array.from(await mainThreadTableOps.sort(t, 1, 'desc'))).toEqual([1, 3, 2, 0]);
  });
});
