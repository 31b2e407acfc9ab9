import { describe, expect, it } from 'vitest';
import { chartTableFromColumns, findColumns, groupRows, roleOf, rowKey } from './chart-data';

const table = chartTableFromColumns([
  { name: 'State', type: 'string', values: ['TEXAS', 'IOWA', 'TEXAS', 'IOWA'] },
  { name: 'Day', type: 'datetime', values: ['2007-01-01T00:00:00.0000000Z', '2007-01-01T00:00:00Z', '2007-01-02T00:00:00Z', '2007-01-01T00:00:00Z'] },
  { name: 'n', type: 'long', values: [1n, 2n, 3n, 4n] },
]);

describe('shared chart-data helpers', () => {
  it('finds named columns once each, in the order named, exact name first then any case, noting the missing', () => {
    const notes: string[] = [];
    expect(findColumns(table, ['n', 'state', 'Missing', 'N'], 'series', notes)).toEqual([2, 0]);
    expect(notes).toEqual(['series: no column named "Missing".']);
  });

  it('gives the role of a column, other past the last', () => {
    expect([0, 1, 2, 3].map((i) => roleOf(table, i))).toEqual(['text', 'datetime', 'numeric', 'other']);
  });

  it('labels a row by its cells joined with ", ", datetimes in ISO without a zero fraction', () => {
    const key = rowKey(table, [0, 1]);
    expect([0, 1, 2].map(key)).toEqual(['TEXAS, 2007-01-01T00:00:00Z', 'IOWA, 2007-01-01T00:00:00Z', 'TEXAS, 2007-01-02T00:00:00Z']);
  });

  it('groups rows by key in the order rows first name them, all rows in one group without columns', () => {
    expect(groupRows(table, [0])).toEqual([
      { key: 'TEXAS', rows: [0, 2] },
      { key: 'IOWA', rows: [1, 3] },
    ]);
    expect(groupRows(table, [])).toEqual([{ key: '', rows: [0, 1, 2, 3] }]);
  });
});
