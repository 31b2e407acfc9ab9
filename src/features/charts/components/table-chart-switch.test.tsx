import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildColumn } from '../../../kusto/columnar';
import type { ColumnarTable } from '../../../kusto/types';
import { selectors } from '../../../testing/selectors';
import { TableChartSwitch } from './table-chart-switch';

// jsdom has no canvas: stand in for the ECharts chunk, keeping the lazy boundary and the handle.
vi.mock('../echarts-renderer', async () => {
  const { forwardRef, useEffect, useImperativeHandle } = await import('react');
  const Stub = forwardRef<{ toPngDataUrl(bg: string): string }, { option: unknown; onRendered?: () => void; ariaLabel: string }>(
    function Stub({ option, onRendered, ariaLabel }, ref) {
      useImperativeHandle(ref, () => ({ toPngDataUrl: (bg: string) => `data:image/png;base64,${btoa(bg)}` }));
      useEffect(() => onRendered?.(), [option, onRendered]);
      return <div role="img" aria-label={ariaLabel} data-option={JSON.stringify(option)} />;
    },
  );
  return { default: Stub };
});

function table(columns: [string, string][], rows: unknown[][]): ColumnarTable {
  const wire = columns.map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType }));
  return { tableId: 0, tableKind: 'PrimaryResult', tableName: 'PrimaryResult', rowCount: rows.length, columns: wire.map((c, i) => buildColumn(c, i, rows, false)) };
}

const daily = table(
  [['StartTime', 'datetime'], ['count_', 'long']],
  Array.from({ length: 30 }, (_, i) => [new Date(Date.UTC(2007, 0, 1 + i)).toISOString(), 10 + i]),
);
const grid = () => <table role="grid" aria-label="Results" />;

afterEach(cleanup);

describe('TableChartSwitch', () => {
  it('shows a timechart first, and the table after the toggle', async () => {
    const user = userEvent.setup();
    const onRendered = vi.fn();
    render(<TableChartSwitch table={daily} visualization={{ Visualization: 'timechart', Title: 'Storms per day' }} theme="dark" renderTable={grid} onChartRendered={onRendered} />);
    const chart = await screen.findByRole('img', { name: 'Storms per day' });
    const option = JSON.parse(chart.getAttribute('data-option') ?? '{}') as { animation: boolean; series: { type: string; data: unknown[] }[] };
    expect(option.animation).toBe(false);
    expect(option.series[0]?.type).toBe('line');
    expect(option.series[0]?.data).toHaveLength(30);
    await waitFor(() => expect(onRendered).toHaveBeenCalledWith(expect.objectContaining({ type: 'echarts' })));
    expect(screen.queryByRole('grid')).toBeNull();

    await user.click(screen.getByRole('radio', { name: selectors.charts.showTable.name }));
    expect(screen.getByRole('grid', { name: 'Results' })).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('radio', { name: selectors.charts.showTable.name }).getAttribute('aria-checked')).toBe('true');
  });

  it('follows data-theme on <html> when no theme is given', async () => {
    document.documentElement.dataset['theme'] = 'dark';
    const { container } = render(<TableChartSwitch table={daily} visualization={{ Visualization: 'timechart' }} renderTable={grid} />);
    await screen.findByRole('img', { name: selectors.charts.chart.name });
    const textColour = () => (JSON.parse(screen.getByRole('img').getAttribute('data-option') ?? '{}') as { textStyle: { color: string } }).textStyle.color;
    expect(container.querySelector('.chart-view')?.getAttribute('data-theme')).toBe('dark');
    const dark = textColour();
    act(() => {
      document.documentElement.dataset['theme'] = 'light';
    });
    await waitFor(() => expect(container.querySelector('.chart-view')?.getAttribute('data-theme')).toBe('light'));
    await waitFor(() => expect(textColour()).not.toBe(dark));
    delete document.documentElement.dataset['theme'];
  });

  it('downloads the chart as a PNG named after its title', async () => {
    const user = userEvent.setup();
    const clicks: { href: string; download: string }[] = [];
    const spy = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push({ href: this.href, download: this.download });
    });
    render(<TableChartSwitch table={daily} visualization={{ Visualization: 'timechart', Title: 'Storms per day' }} theme="light" renderTable={grid} />);
    await user.click(await screen.findByRole('button', { name: selectors.charts.downloadPng.name }));
    expect(clicks).toEqual([{ href: `data:image/png;base64,${btoa('#ffffff')}`, download: 'Storms-per-day.png' }]);
    spy.mockRestore();
  });

  it('draws a card as a figure with its value', async () => {
    render(<TableChartSwitch table={table([['Total', 'long']], [[59066]])} visualization={{ Visualization: 'card' }} theme="light" renderTable={grid} />);
    const card = await screen.findByRole('figure', { name: 'Total' });
    expect(card.textContent).toContain('59,066');
  });

  it('shows the table with a note for kinds that are not drawn', () => {
    render(<TableChartSwitch table={daily} visualization={{ Visualization: 'plotly' }} theme="light" renderTable={grid} />);
    expect(screen.getByRole('note').textContent).toBe('Unknown visualization "plotly"; showing the table.');
    expect(screen.getByRole('grid')).toBeTruthy();
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });

  it('draws Kusto.Explorer kinds as a chart: a ladder from the last two columns', async () => {
    const ladder = table(
      [['State', 'string'], ['min_StartTime', 'datetime'], ['max_EndTime', 'datetime']],
      [['IOWA', '2007-01-01T00:00:00Z', '2007-02-01T00:00:00Z']],
    );
    render(<TableChartSwitch table={ladder} visualization={{ Visualization: 'ladderchart' }} theme="light" renderTable={grid} />);
    const chart = await screen.findByRole('img', { name: selectors.charts.chart.name });
    const option = JSON.parse(chart.getAttribute('data-option') ?? '{}') as { series: { type: string; data: unknown[] }[]; yAxis: { data: string[] } };
    expect(option.series.map((s) => s.type)).toEqual(['custom']);
    expect(option.yAxis.data).toEqual(['IOWA']);
    expect(option.series[0]?.data).toEqual([[0, Date.UTC(2007, 0, 1), Date.UTC(2007, 1, 1)]]);
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('shows only the table when the query has no render', () => {
    render(<TableChartSwitch table={daily} visualization={undefined} theme="light" renderTable={grid} />);
    expect(screen.getByRole('grid')).toBeTruthy();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('falls back to the table with the reason when nothing is numeric', async () => {
    const words = table([['State', 'string'], ['Source', 'string']], [['TEXAS', 'Public']]);
    render(<TableChartSwitch table={words} visualization={{ Visualization: 'columnchart' }} theme="light" renderTable={grid} />);
    expect((await screen.findByRole('note')).textContent).toBe('No numeric column to plot.');
    expect(screen.getByRole('grid')).toBeTruthy();
  });
});
