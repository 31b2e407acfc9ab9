import { describe, expect, it } from 'vitest';
import { decodeV2Frames } from '../../kusto/decode-v2';
import { col, dataTable, toV2Text, v2Response } from '../../testing/v2-factories';
import { toChartOptions } from './chart-options';
import { toChartTable } from './from-columnar';
import { parseVisualization } from './visualization';

function decode(frames: Record<string, unknown>[]) {
  const result = decodeV2Frames(toV2Text(frames));
  if (!result.ok) throw new Error(result.error.message);
  return result.dataSet;
}

describe('toChartTable', () => {
  it('charts a decoded v2 response with its render, nulls as gaps and longs above 2^53', () => {
    const dataSet = decode(
      v2Response(
        [
          dataTable(
            1,
            [col('StartTime', 'datetime'), col('State', 'string'), col('Count', 'long'), col('Damage', 'real')],
            [
              ['2007-01-01T01:00:00.0000000Z', 'TEXAS', 9007199254740993n, null],
              ['2007-01-01T00:00:00.0000000Z', 'TEXAS', 1, 2.5],
              [null, 'TEXAS', 5, 1],
            ],
          ),
        ],
        { visualization: { Visualization: 'timechart', YColumns: 'Count,Damage', Ymin: 'NaN', Ymax: 'NaN' } },
      ),
    );
    const table = dataSet.primaryResults[0]!;
    const spec = parseVisualization(dataSet.visualizations.get(table.tableId));
    expect(spec?.visualization).toBe('timechart');
    const plan = toChartOptions(spec!, toChartTable(table), 'light');
    if (plan.type !== 'echarts') throw new Error(plan.notes.join(' '));
    const series = plan.option.series as { name: string; data: [number, number | null][] }[];
    expect(series.map((s) => s.name)).toEqual(['TEXAS (Count)', 'TEXAS (Damage)']);
    // the row with a null time has no place on a time axis
    expect(series[0]!.data).toEqual([
      [Date.UTC(2007, 0, 1, 0), 1],
      [Date.UTC(2007, 0, 1, 1), 9007199254740992],
    ]);
    expect(series[1]!.data).toEqual([
      [Date.UTC(2007, 0, 1, 0), 2.5],
      [Date.UTC(2007, 0, 1, 1), null],
    ]);
  });

  it('hands typed arrays over without copying when a column has no nulls', () => {
    const dataSet = decode(v2Response([dataTable(1, [col('n', 'real')], [[1], [2]])]));
    const table = dataSet.primaryResults[0]!;
    const chartTable = toChartTable(table);
    const column = table.columns[0]!;
    expect(column.type === 'real' && chartTable.column(0) === column.values).toBe(true);
    expect(chartTable.columns).toEqual([{ name: 'n', type: 'real' }]);
  });

  it('shows dynamic objects as JSON text and keeps their scalars', () => {
    const dataSet = decode(v2Response([dataTable(1, [col('d', 'dynamic')], [[{ a: 1 }], [3], [null]])]));
    expect(Array.from(toChartTable(dataSet.primaryResults[0]!).column(0))).toEqual(['{"a":1}', 3, null]);
  });
});
