import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { kustoError, partialError, parseOneApiError } from '../../../kusto/errors';
import { recordsText, rowsSoFarText, selectors as s } from '../../../testing/selectors';
import { col } from '../../../testing/v2-factories';
import { decodeDataSet } from '../../../testing/test-tables';
import { ResultsPanel } from './results-panel';

const stateCount = [col('State', 'string'), col('Count', 'long')];
const oneTable = (rows: unknown[][]) => decodeDataSet([{ columns: stateCount, rows }]);
const grid = () => screen.getByRole(s.results.grid.role, { name: s.results.grid.name });
const status = () => screen.getByRole(s.results.status.role, { name: s.results.status.name });

describe('ResultsPanel', () => {
  it('shows the result as a named grid with column headers and cells as text, never HTML', () => {
    render(<ResultsPanel dataSet={oneTable([['<b>TEXAS</b>', 9223372036854775807n]])} error={null} running={false} />);
    expect(within(grid()).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['State', 'Count']);
    const cells = within(grid()).getAllByRole('gridcell');
    expect(cells[0]?.textContent).toBe('<b>TEXAS</b>');
    expect(cells[0]?.querySelector('b')).toBeNull();
    expect(cells[1]?.textContent).toBe('9223372036854775807');
    expect(grid().getAttribute('aria-rowcount')).toBe('2');
  });

  it('is one tab stop that the keyboard drives: the active cell is exposed, Enter on a header sorts', async () => {
    render(<ResultsPanel dataSet={oneTable([['TEXAS', 3], ['KANSAS', 1], ['IOWA', 2]])} error={null} running={false} />);
    const activeText = () => document.getElementById(grid().getAttribute('aria-activedescendant') ?? '')?.textContent;
    expect(grid().tabIndex).toBe(0);
    fireEvent.focus(grid());
    expect(activeText()).toBe('TEXAS');
    fireEvent.keyDown(grid(), { key: 'ArrowDown' });
    fireEvent.keyDown(grid(), { key: 'ArrowRight' });
    expect(activeText()).toBe('1');
    expect(document.getElementById(grid().getAttribute('aria-activedescendant')!)?.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(grid(), { key: 'Home', ctrlKey: true });
    fireEvent.keyDown(grid(), { key: 'ArrowUp' });
    expect(activeText()).toBe('State');
    fireEvent.keyDown(grid(), { key: 'Enter' });
    await waitFor(() => expect(within(grid()).getAllByRole('gridcell').map((c) => c.textContent).filter((_, i) => i % 2 === 0)).toEqual(['IOWA', 'KANSAS', 'TEXAS']));
    expect(within(grid()).getByRole('columnheader', { name: 'State' }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole(s.results.actionStatus.role, { name: s.results.actionStatus.name }).textContent).toBe('Sorted by State, ascending.');
    // Tab is not a cell move: the browser moves focus on.
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    grid().dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(false);
  });

  it('says how many records in plain digits and mirrors only a window of a large result', () => {
    const { rerender } = render(<ResultsPanel dataSet={oneTable([['A', 1]])} error={null} running={false} />);
    expect(status().textContent).toBe('1 record');
    const many = Array.from({ length: 5000 }, (_, i) => ['S', i]);
    rerender(<ResultsPanel dataSet={oneTable(many)} error={null} running={false} />);
    expect(status().textContent).toBe(recordsText(5000));
    expect(grid().getAttribute('aria-rowcount')).toBe('5001');
    const rows = within(grid()).getAllByRole('row');
    expect(rows.length).toBeLessThan(100);
    expect(rows[1]?.getAttribute('aria-rowindex')).toBe('2');
  });

  it('has a tab per PrimaryResult table and shows the chosen one', () => {
    const dataSet = decodeDataSet([
      { columns: stateCount, rows: [['A', 1], ['B', 2], ['C', 3]] },
      { columns: [col('Count', 'long')], rows: [[59066]] },
      { columns: [col('x', 'int')], rows: [[1]], name: 'Totals' },
    ]);
    render(<ResultsPanel dataSet={dataSet} error={null} running={false} />);
    const tabs = within(screen.getByRole(s.results.tabs.role, { name: s.results.tabs.name })).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Table 1', 'Table 2', 'Totals']);
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    expect(status().textContent).toBe('3 records');

    fireEvent.click(tabs[1]!);
    expect(screen.getByRole('tab', { name: 'Table 2' }).getAttribute('aria-selected')).toBe('true');
    expect(status().textContent).toBe('1 record');
    expect(within(grid()).getAllByRole('gridcell').map((c) => c.textContent)).toEqual(['59066']);

    fireEvent.keyDown(screen.getByRole('tab', { name: 'Table 2' }), { key: 'ArrowRight' });
    expect(screen.getByRole('tab', { name: 'Totals' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Totals' }));
  });

  it('starts a new data set at its first table, whichever tab the last one showed', () => {
    const twoTables = () => decodeDataSet([
      { columns: stateCount, rows: [['A', 1], ['B', 2]] },
      { columns: [col('Count', 'long')], rows: [[7]] },
    ]);
    const { rerender } = render(<ResultsPanel dataSet={twoTables()} error={null} running={false} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Table 2' }));
    expect(status().textContent).toBe('1 record');
    rerender(<ResultsPanel dataSet={twoTables()} error={null} running={false} />);
    expect(screen.getByRole('tab', { name: 'Table 1' }).getAttribute('aria-selected')).toBe('true');
    expect(status().textContent).toBe('2 records');
  });

  it("shows a partial failure as a warning with Kusto's message while the rows stay", () => {
    const truncation = parseOneApiError({
      error: {
        code: 'LimitsExceeded', message: 'Request is invalid and cannot be executed.',
        '@message': 'Query execution has exceeded the allowed limits (80DA0003): The results of this query exceed the set limit of 1 records.',
      },
    });
    render(<ResultsPanel dataSet={oneTable([['A', 1]])} error={partialError([truncation!])} running={false} />);
    const alert = screen.getByRole('alert');
    expect(alert.className).toContain('warning');
    expect(alert.textContent).toContain('exceed the set limit of 1 records');
    expect(within(grid()).getAllByRole('gridcell').map((c) => c.textContent)).toEqual(['A', '1']);
  });

  it('shows an error above the previous results, which stay', () => {
    const error = kustoError('semantic', "Failed to resolve table expression named 'Nope'", { line: 1, column: 1 });
    render(<ResultsPanel dataSet={oneTable([['A', 1]])} error={error} running={false} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain("Failed to resolve table expression named 'Nope' (line 1, column 1)");
    expect(alert.compareDocumentPosition(grid()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('shows duration and the server statistics', () => {
    render(<ResultsPanel dataSet={oneTable([['A', 1]])} error={null} running={false} durationMs={1234} />);
    const stats = screen.getByRole(s.results.stats.role, { name: s.results.stats.name });
    expect(stats.textContent).toContain('Duration1.23 s');
    expect(stats.textContent).toContain('Server time0.031 s');
    expect(stats.textContent).toContain('Rows scanned59066');
  });

  it('filters rows with the search box', async () => {
    render(<ResultsPanel dataSet={oneTable([['TEXAS', 1], ['OHIO', 2], ['KANSAS', 3]])} error={null} running={false} />);
    fireEvent.change(screen.getByRole(s.results.search.role, { name: s.results.search.name }), { target: { value: 'as' } });
    const action = screen.getByRole(s.results.actionStatus.role, { name: s.results.actionStatus.name });
    await screen.findByText('2 of 3 rows match.');
    expect(action.textContent).toBe('2 of 3 rows match.');
    expect(within(grid()).getAllByRole('row')).toHaveLength(3);
    expect(grid().getAttribute('aria-rowcount')).toBe('3');
    expect(status().textContent).toBe('3 records');
  });

  it('says Running… while a query runs', () => {
    render(<ResultsPanel dataSet={null} error={null} running />);
    expect(status().textContent).toBe('Running…');
  });

  it('shows the rows so far of a running query, its TableProgress, and keeps the grid across snapshots', () => {
    const first = oneTable([['TEXAS', 1], ['IOWA', 2]]);
    const { rerender } = render(<ResultsPanel dataSet={first} error={null} running arriving={{ progress: 40, replacements: 0 }} />);
    expect(status().textContent).toBe('Running…');
    expect(screen.getByRole(s.results.arriving.role, { name: s.results.arriving.name }).textContent).toBe(rowsSoFarText(2));
    expect(screen.getByRole(s.results.progress.role, { name: s.results.progress.name }).getAttribute('value')).toBe('40');
    const gridBefore = grid();
    rerender(<ResultsPanel dataSet={oneTable([['TEXAS', 1], ['IOWA', 2], ['OHIO', 3]])} error={null} running arriving={{ progress: 70, replacements: 0 }} />);
    expect(grid()).toBe(gridBefore);
    expect(grid().getAttribute('aria-rowcount')).toBe('4');
    rerender(<ResultsPanel dataSet={oneTable([['TEXAS', 1], ['IOWA', 2], ['OHIO', 3]])} error={null} running={false} />);
    expect(status().textContent).toBe(recordsText(3));
    expect(screen.queryByRole(s.results.arriving.role, { name: s.results.arriving.name })).toBeNull();
    expect(screen.queryByRole(s.results.progress.role, { name: s.results.progress.name })).toBeNull();
  });

  it('marks a table that is only what arrived before the answer broke off, under the error', () => {
    const cut = oneTable([['TEXAS', 1]]);
    const table = { ...cut.primaryResults[0]!, incomplete: true };
    const dataSet = { ...cut, tables: [table], primaryResults: [table] };
    render(<ResultsPanel dataSet={dataSet} error={kustoError('network', 'The response was cut before it ended: connection reset')} running={false} />);
    expect(screen.getByRole(s.results.incomplete.role, { name: s.results.incomplete.name }).textContent).toContain('Incomplete');
    expect(screen.getByRole('alert').textContent).toContain('connection reset');
    expect(status().textContent).toBe(recordsText(1));
  });

  it("says under a failed run's error that the table on screen is an earlier run's, and only then", () => {
    const earlier = oneTable([['TEXAS', 1], ['IOWA', 2]]);
    const unreadable = kustoError('malformed-response', 'The response is not valid JSON at byte 512.');
    const note = () => screen.queryByRole(s.results.earlierRun.role, { name: s.results.earlierRun.name });
    const { rerender } = render(<ResultsPanel dataSet={earlier} error={unreadable} running={false} fromEarlierRun />);
    expect(screen.getByRole('alert').textContent).toContain('Unreadable response.');
    expect(note()?.textContent).toBe('The results below are from an earlier run; this one did not replace them.');
    expect(status().textContent).toBe(recordsText(2));
    // The failed run's own rows (a partial answer) are not an earlier run's.
    rerender(<ResultsPanel dataSet={earlier} error={unreadable} running={false} fromEarlierRun={false} />);
    expect(note()).toBeNull();
  });
});

afterEach(cleanup);
