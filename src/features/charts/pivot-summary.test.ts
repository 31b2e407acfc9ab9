import { describe, expect, it } from 'vitest';
import { chartTableFromColumns } from './chart-data';
import { pivotSummary, pivotTable } from './pivot-summary';

// The docs' shape: project SalesAmount, ProductName, DateKey.
const sales = chartTableFromColumns([
  { name: 'SalesAmount', type: 'real', values: [10, 20, 5, 7, null] },
  { name: 'ProductName', type: 'string', values: ['Laptop', 'Laptop', 'Tablet', 'Laptop', 'Tablet'] },
  { name: 'DateKey', type: 'datetime', values: ['2007-01-01T00:00:00Z', '2007-01-02T00:00:00Z', '2007-01-01T00:00:00Z', '2007-01-01T00:00:00Z', '2007-01-02T00:00:00Z'] },
]);

describe('pivotSummary', () => {
  it('sums the first numeric column by the first non-numeric column (rows) and the next (columns)', () => {
    // Laptop: Jan 1 = 10 + 7 = 17, Jan 2 = 20. Tablet: Jan 1 = 5, Jan 2 only a null amount.
    expect(pivotSummary(sales, { xColumn: null, series: [], yColumns: [] }, [])).toEqual({
      rowName: 'ProductName',
      rowLabels: ['Laptop', 'Tablet'],
      columnName: 'DateKey',
      columnLabels: ['2007-01-01T00:00:00Z', '2007-01-02T00:00:00Z'],
      valueName: 'sum(SalesAmount)',
      values: [
        [17, 20],
        [5, null],
      ],
    });
  });

  it('takes rows from xcolumn and columns from series, and counts rows when nothing is numeric', () => {
    const words = chartTableFromColumns([
      { name: 'State', type: 'string', values: ['IOWA', 'IOWA', 'TEXAS'] },
      { name: 'EventType', type: 'string', values: ['Hail', 'Hail', 'Flood'] },
    ]);
    expect(pivotSummary(words, { xColumn: 'EventType', series: ['State'], yColumns: [] }, [])).toEqual({
      rowName: 'EventType',
      rowLabels: ['Hail', 'Flood'],
      columnName: 'State',
      columnLabels: ['IOWA', 'TEXAS'],
      valueName: 'count',
      values: [
        [2, null],
        [null, 1],
      ],
    });
  });

  it('makes a table of the row column and one column per pivot value', () => {
    const summary = pivotSummary(sales, { xColumn: null, series: [], yColumns: [] }, []);
    if (typeof summary === 'string') throw new Error(summary);
    const table = pivotTable(summary);
    expect(table.columns).toEqual([
      { name: 'ProductName', type: 'string' },
      { name: '2007-01-01T00:00:00Z', type: 'real' },
      { name: '2007-01-02T00:00:00Z', type: 'real' },
    ]);
    expect(Array.from(table.column(2))).toEqual([20, null]);
  });

  it('has one column of values when there is no second dimension', () => {
    const one = chartTableFromColumns([
      { name: 'State', type: 'string', values: ['IOWA', 'IOWA'] },
      { name: 'n', type: 'long', values: [1n, 2n] },
    ]);
    const summary = pivotSummary(one, { xColumn: null, series: [], yColumns: [] }, []);
    if (typeof summary === 'string') throw new Error(summary);
    expect(summary.values).toEqual([[3]]);
    expect(pivotTable(summary).columns.map((c) => c.name)).toEqual(['State', 'sum(n)']);
  });
});
