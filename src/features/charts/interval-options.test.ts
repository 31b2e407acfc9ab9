import { describe, expect, it } from 'vitest';
import type { EChartsOption } from 'echarts';
import { intervalChartOption, LINE_HEIGHT_PX, linesWindow, VISIBLE_LINES } from './interval-options';
import type { Ladder } from './ladder-rungs';
import { parseVisualization } from './visualization';

function ladderOf(lines: number): Ladder {
  return {
    lines: Array.from({ length: lines }, (_, i) => `line ${i}`),
    series: [''],
    rungs: Array.from({ length: lines }, (_, i) => ({ line: i, start: i, end: i + 1, series: 0 })),
    axis: 'value',
    startName: 'a',
    endName: 'b',
  };
}

const spec = parseVisualization({ Visualization: 'ladderchart', Ymin: 'NaN', Ymax: 'NaN' })!;
const option = (lines: number) => intervalChartOption(ladderOf(lines), spec, 'light', { zoom: false, legend: true });
const grid = (o: EChartsOption) => o.grid as { top: number; bottom: number };

describe('linesWindow: ladder and time pivot lines follow the plot height', () => {
  it('shows the first lines a tall plot holds and the scroll slider for the rest', () => {
    const o = option(40);
    // Room for 20 lines between the grid's top and bottom margins.
    const height = grid(o).top + grid(o).bottom + 20 * LINE_HEIGHT_PX;
    expect(linesWindow(o, height)).toEqual({
      grid: { right: 32 },
      dataZoom: [
        { id: 'interval-lines-slider', show: true, startValue: 0, endValue: 19 },
        { id: 'interval-lines-inside', disabled: false },
      ],
    });
  });

  it('shows every line without a slider when they all fit, and at least one line on a tiny plot', () => {
    const o = option(12);
    const tall = grid(o).top + grid(o).bottom + 30 * LINE_HEIGHT_PX;
    expect(linesWindow(o, tall)?.dataZoom).toEqual([
      { id: 'interval-lines-slider', show: false, startValue: 0, endValue: 11 },
      { id: 'interval-lines-inside', disabled: true },
    ]);
    expect((linesWindow(o, 10)?.dataZoom as { endValue?: number }[])[0]?.endValue).toBe(0);
  });

  it('starts with VISIBLE_LINES before the height is known, and leaves other charts alone', () => {
    const zoom = (option(40).dataZoom as { id?: string; endValue?: number; show?: boolean }[]).find((z) => z.id === 'interval-lines-slider');
    expect(zoom).toMatchObject({ endValue: VISIBLE_LINES - 1, show: true });
    expect(linesWindow({ series: [] }, 500)).toBeNull();
  });
});
