import { describe, expect, it } from 'vitest';
import { parseVisualization } from './visualization';

// The row the service sends when the query has no render (GO validFrames.json).
const NO_RENDER = {
  Visualization: null,
  Title: null,
  XColumn: null,
  Series: null,
  YColumns: null,
  AnomalyColumns: null,
  XTitle: null,
  YTitle: null,
  XAxis: null,
  YAxis: null,
  Legend: null,
  YSplit: null,
  Accumulate: false,
  IsQuerySorted: false,
  Kind: null,
  Ymin: 'NaN',
  Ymax: 'NaN',
  Xmin: null,
  Xmax: null,
};

describe('parseVisualization', () => {
  it('returns null when the query has no render', () => {
    expect(parseVisualization(NO_RENDER)).toBeNull();
    expect(parseVisualization(JSON.stringify(NO_RENDER))).toBeNull();
    expect(parseVisualization(null)).toBeNull();
    expect(parseVisualization('not json')).toBeNull();
  });

  it('reads the JSON string the dynamic column carries, with every property', () => {
    const value = JSON.stringify({
      ...NO_RENDER,
      Visualization: 'columnchart',
      Title: 'Storms by state',
      XColumn: 'State',
      Series: 'EventType,Source',
      YColumns: 'Deaths, Injuries',
      XTitle: 'State',
      YTitle: 'People',
      XAxis: 'linear',
      YAxis: 'log',
      Legend: 'hidden',
      YSplit: 'axes',
      Accumulate: true,
      Kind: 'stacked100',
      Ymin: '1',
      Ymax: 1000,
    });
    expect(parseVisualization(value)).toEqual({
      visualization: 'columnchart',
      requested: 'columnchart',
      note: null,
      kind: 'stacked100',
      title: 'Storms by state',
      xColumn: 'State',
      yColumns: ['Deaths', 'Injuries'],
      series: ['EventType', 'Source'],
      anomalyColumns: [],
      xTitle: 'State',
      yTitle: 'People',
      legend: 'hidden',
      xAxis: 'linear',
      yAxis: 'log',
      yMin: 1,
      yMax: 1000,
      ySplit: 'axes',
      accumulate: true,
    });
  });

  it('takes column lists as arrays and lower-case keys (monaco-kusto getRenderInfo)', () => {
    const spec = parseVisualization({ visualization: 'timechart', ycolumns: ['a', 'b'], series: ['s'], ymin: 'NaN' });
    expect(spec).toMatchObject({ visualization: 'timechart', yColumns: ['a', 'b'], series: ['s'], yMin: null, yMax: null });
  });

  it('defaults what the query leaves out', () => {
    expect(parseVisualization({ ...NO_RENDER, Visualization: 'piechart' })).toMatchObject({
      kind: 'default',
      legend: 'visible',
      xAxis: 'linear',
      yAxis: 'linear',
      ySplit: 'none',
      accumulate: false,
      title: null,
      yColumns: [],
      series: [],
    });
  });

  it.each([
    'timechart',
    'linechart',
    'areachart',
    'stackedareachart',
    'barchart',
    'columnchart',
    'piechart',
    'scatterchart',
    'card',
    'table',
    'anomalychart',
    'ladderchart',
    'timepivot',
    'treemap',
    'pivotchart',
  ])('draws %s', (name) => {
    expect(parseVisualization({ Visualization: name })).toMatchObject({ visualization: name, note: null });
  });

  it('reads anomalycolumns as a list, in any case of the key', () => {
    expect(parseVisualization({ Visualization: 'anomalychart', AnomalyColumns: 'a1, a2' })?.anomalyColumns).toEqual(['a1', 'a2']);
    expect(parseVisualization({ visualization: 'anomalychart', anomalycolumns: ['flags'] })?.anomalyColumns).toEqual(['flags']);
    expect(parseVisualization({ Visualization: 'anomalychart' })?.anomalyColumns).toEqual([]);
  });

  it('falls back to the table for an unknown visualization', () => {
    expect(parseVisualization({ Visualization: 'plotly' })).toMatchObject({ visualization: 'table', note: expect.stringContaining('plotly') });
  });

  it('ignores values outside the allowed sets', () => {
    expect(parseVisualization({ Visualization: 'barchart', Kind: 'sideways', Legend: 'maybe', YAxis: 'sqrt' })).toMatchObject({
      kind: 'default',
      legend: 'visible',
      yAxis: 'linear',
    });
  });
});
