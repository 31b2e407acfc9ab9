import { describe, expect, it } from 'vitest';
import { chartTableFromColumns } from './chart-data';
import { treemapTree } from './treemap-tree';

// The docs' shape: summarize StormEvents=count() by EventType, State.
const counts = chartTableFromColumns([
  { name: 'EventType', type: 'string', values: ['Hail', 'Flood', 'Hail', 'Flood', 'Hail', 'Tornado'] },
  { name: 'State', type: 'string', values: ['TEXAS', 'IOWA', 'KANSAS', 'TEXAS', 'TEXAS', 'IOWA'] },
  { name: 'StormEvents', type: 'long', values: [300n, 40n, 120n, 60n, 5n, -2n] },
]);

describe('treemapTree', () => {
  it('nests the non-numeric columns in order, each branch the sum of its leaves', () => {
    const notes: string[] = [];
    // Hail: TEXAS 300 + 5 = 305, KANSAS 120 → 425. Flood: IOWA 40, TEXAS 60 → 100. Tornado's -2 has no area.
    expect(treemapTree(counts, { series: [], yColumns: [] }, notes)).toEqual([
      {
        name: 'Hail',
        value: 425,
        children: [
          { name: 'TEXAS', value: 305 },
          { name: 'KANSAS', value: 120 },
        ],
      },
      {
        name: 'Flood',
        value: 100,
        children: [
          { name: 'IOWA', value: 40 },
          { name: 'TEXAS', value: 60 },
        ],
      },
    ]);
    expect(notes).toEqual(['1 negative value left out of the treemap.']);
  });

  it('takes its levels from series, in the order given', () => {
    // TEXAS 300 + 60 + 5 = 365, IOWA 40, KANSAS 120.
    expect(treemapTree(counts, { series: ['State'], yColumns: [] }, [])).toEqual([
      { name: 'TEXAS', value: 365 },
      { name: 'IOWA', value: 40 },
      { name: 'KANSAS', value: 120 },
    ]);
  });

  it('sizes by the first ycolumns column and says why without any numeric column', () => {
    const two = chartTableFromColumns([
      { name: 'Kind', type: 'string', values: ['a', 'b', 'a'] },
      { name: 'n', type: 'long', values: [1, 2, 3] },
      { name: 'w', type: 'real', values: [0.5, 0.25, 0.125] },
    ]);
    expect(treemapTree(two, { series: [], yColumns: ['w'] }, [])).toEqual([
      { name: 'a', value: 0.625 },
      { name: 'b', value: 0.25 },
    ]);
    const words = chartTableFromColumns([{ name: 'Kind', type: 'string', values: ['a'] }]);
    expect(treemapTree(words, { series: [], yColumns: [] }, [])).toBe('A treemap needs a numeric column for the size of its rectangles.');
  });
});
