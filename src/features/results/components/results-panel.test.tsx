import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeV2Frames } from '../../../kusto/decode-v2';
import { kustoError } from '../../../kusto/errors';
import type { DataSet } from '../../../kusto/types';
import { recordsText, selectors } from '../../../testing/selectors';
import { col, dataTable, toV2Text, v2Response } from '../../../testing/v2-factories';
import { ResultsPanel } from './results-panel';

function dataSet(rows: unknown[][], columns = [col('State', 'string'), col('Count', 'long')]): DataSet {
  const result = decodeV2Frames(toV2Text(v2Response([dataTable(1, columns, rows)])));
  if (!result.ok) throw new Error(result.error.message);
  return result.dataSet;
}

describe('ResultsPanel', () => {
  it('renders the first result as a grid with a column header per column and text cells', () => {
    render(<ResultsPanel dataSet={dataSet([['<b>TEXAS</b>', 9223372036854775807n]])} error={null} running={false} />);
    const grid = screen.getByRole(selectors.results.grid.role, { name: selectors.results.grid.name });
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['State', 'Count']);
    const cells = within(grid).getAllByRole('gridcell');
    expect(cells[0]?.textContent).toBe('<b>TEXAS</b>');
    expect(cells[0]?.querySelector('b')).toBeNull();
    expect(cells[1]?.textContent).toBe('9223372036854775807');
  });

  it('says how many records in plain digits, singular for one', () => {
    const { rerender } = render(<ResultsPanel dataSet={dataSet([['A', 1]])} error={null} running={false} />);
    expect(screen.getByRole('status', { name: selectors.results.status.name }).textContent).toBe('1 record');
    const many = Array.from({ length: 1500 }, (_, i) => ['S', i]);
    rerender(<ResultsPanel dataSet={dataSet(many)} error={null} running={false} />);
    expect(screen.getByRole('status', { name: selectors.results.status.name }).textContent).toBe(recordsText(1500));
    expect(recordsText(59066)).toBe('59066 records');
    // At most 1000 rows in the DOM, plus the header row.
    expect(screen.getAllByRole('row')).toHaveLength(1001);
    expect(screen.getByText('Showing the first 1000 of 1500 rows.')).toBeTruthy();
  });

  it('shows an error above the previous results, which stay', () => {
    const error = kustoError('semantic', "Failed to resolve table expression named 'Nope'", { line: 1, column: 1 });
    render(<ResultsPanel dataSet={dataSet([['A', 1]])} error={error} running={false} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("Failed to resolve table expression named 'Nope' (line 1, column 1)");
    const grid = screen.getByRole('grid');
    expect(alert.compareDocumentPosition(grid) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('says Running… while a query runs', () => {
    render(<ResultsPanel dataSet={null} error={null} running />);
    expect(screen.getByRole('status').textContent).toBe('Running…');
  });
});

afterEach(cleanup);
