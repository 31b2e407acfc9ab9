import { describe, expect, it } from 'vitest';
import { chartTableFromColumns } from './chart-data';
import { ALL_ROWS, timepivotLanes } from './timepivot-lanes';

const ms = (iso: string) => Date.parse(iso);

const floodColumns = [
  { name: 'StartTime', type: 'datetime', values: ['2007-06-01T00:00:00Z', '2007-01-10T00:00:00Z', '2007-03-05T00:00:00Z', null] },
  { name: 'EndTime', type: 'datetime', values: ['2007-06-02T00:00:00Z', '2007-01-10T06:00:00Z', null, '2007-04-01T00:00:00Z'] },
  { name: 'State', type: 'string', values: ['KANSAS', 'IOWA', 'KANSAS', 'IOWA'] },
  { name: 'DamageProperty', type: 'long', values: [1000, 0, 50, 7] },
] as const satisfies Parameters<typeof chartTableFromColumns>[0];
const floods = chartTableFromColumns(floodColumns);

describe('timepivotLanes', () => {
  it('puts each event on its series lane, from its first datetime to the next, lanes sorted and counted', () => {
    const notes: string[] = [];
    expect(timepivotLanes(floods, { series: ['State'], xColumn: null }, notes)).toEqual({
      lines: ['IOWA (1)', 'KANSAS (2)'],
      series: ['IOWA', 'KANSAS'],
      rungs: [
        { line: 0, start: ms('2007-01-10T00:00:00Z'), end: ms('2007-01-10T06:00:00Z'), series: 0 },
        { line: 1, start: ms('2007-06-01T00:00:00Z'), end: ms('2007-06-02T00:00:00Z'), series: 1 },
        // No end: a moment.
        { line: 1, start: ms('2007-03-05T00:00:00Z'), end: ms('2007-03-05T00:00:00Z'), series: 1 },
      ],
      axis: 'time',
      startName: 'StartTime',
      endName: 'EndTime',
    });
    expect(notes).toEqual(['1 row without a time left out.']);
  });

  it('pivots on xcolumn (the older docs example), else on the first string column', () => {
    // State is not the first string column: only xcolumn can pick it.
    const typed = chartTableFromColumns([
      floodColumns[0], floodColumns[1],
      { name: 'EventType', type: 'string', values: ['Flood', 'Flash Flood', 'Flood', 'Flood'] },
      floodColumns[2],
    ]);
    const byX = timepivotLanes(typed, { series: [], xColumn: 'State' }, []);
    const guessed = timepivotLanes(typed, { series: [], xColumn: null }, []);
    expect(typeof byX === 'string' ? byX : byX.series).toEqual(['IOWA', 'KANSAS']);
    expect(typeof guessed === 'string' ? guessed : guessed.series).toEqual(['Flash Flood', 'Flood']);
  });

  it('has one lane of moments when there is nothing to pivot on and one datetime', () => {
    const times = chartTableFromColumns([{ name: 'At', type: 'datetime', values: ['2007-01-02T00:00:00Z', '2007-01-01T00:00:00Z'] }]);
    const lanes = timepivotLanes(times, { series: [], xColumn: null }, []);
    if (typeof lanes === 'string') throw new Error(lanes);
    expect(lanes.lines).toEqual([`${ALL_ROWS} (2)`]);
    expect(lanes.rungs.map((r) => [r.start, r.end])).toEqual([
      [ms('2007-01-02T00:00:00Z'), ms('2007-01-02T00:00:00Z')],
      [ms('2007-01-01T00:00:00Z'), ms('2007-01-01T00:00:00Z')],
    ]);
  });

  it('says why without a datetime column', () => {
    const words = chartTableFromColumns([{ name: 'State', type: 'string', values: ['IOWA'] }]);
    expect(timepivotLanes(words, { series: [], xColumn: null }, [])).toBe('A time pivot needs a datetime column for its events.');
  });
});
