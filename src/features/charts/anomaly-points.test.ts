import { describe, expect, it } from 'vitest';
import { anomalyColumns, anomalyPoints, anomalyTargets } from './anomaly-points';
import { chartTableFromColumns } from './chart-data';

const table = chartTableFromColumns([
  { name: 'Timestamp', type: 'datetime', values: ['2024-01-01T00:00:00Z', '2024-01-01T01:00:00Z', '2024-01-01T02:00:00Z', '2024-01-01T03:00:00Z'] },
  { name: 'num', type: 'real', values: [10, 50, 11, 2] },
  { name: 'anomalies', type: 'real', values: [0, 1, 0, -1] },
  { name: 'score', type: 'real', values: [0.1, 4.2, 0.2, -3.5] },
  { name: 'anomaly_score', type: 'real', values: [0.1, 4.2, 0.2, -3.5] },
]);

describe('anomalyColumns', () => {
  it('takes the columns anomalycolumns names, noting the missing and the non-numeric', () => {
    const notes: string[] = [];
    expect(anomalyColumns(table, ['ANOMALIES', 'nope', 'Timestamp'], notes)).toEqual([2]);
    expect(notes).toEqual(['anomalycolumns: no column named "nope".', 'anomalycolumns: "Timestamp" is not numeric and is not drawn.']);
  });

  it('guesses numeric columns named like anomalies whose values are all -1, 0 or 1', () => {
    // anomaly_score has the name but not the values; score has neither.
    expect(anomalyColumns(table, [], [])).toEqual([2]);
  });
});

describe('anomalyTargets', () => {
  it('pairs the k-th anomaly column with the k-th y column, the first when there are fewer', () => {
    expect(anomalyTargets([1], [2])).toEqual([0]);
    expect(anomalyTargets([1, 3], [2, 4])).toEqual([0, 1]);
    expect(anomalyTargets([1], [2, 4, 5])).toEqual([0, 0, 0]);
  });
});

describe('anomalyPoints', () => {
  it('marks the rows whose flag is not zero at their y value, keeping the sign, in x order', () => {
    // Rows given out of x order; row 4 has no x, row 5 no y, row 6 a NaN flag.
    const xs = [300, 100, 200, 400, Number.NaN, 600, 700];
    const ys = [30, 10, 20, 40, 50, null, 70];
    const flags = [1, 0, -1, 0, 1, 1, Number.NaN];
    expect(anomalyPoints(xs, ys, flags, [0, 1, 2, 3, 4, 5, 6])).toEqual([
      [200, 20, -1],
      [300, 30, 1],
    ]);
  });

  it('reads only the rows of its series and flags written as other non-zero numbers by their sign', () => {
    expect(anomalyPoints([1, 2, 3], [5, 6, 7], [2, 1, -0.5], [1, 2])).toEqual([
      [2, 6, 1],
      [3, 7, -1],
    ]);
  });
});
