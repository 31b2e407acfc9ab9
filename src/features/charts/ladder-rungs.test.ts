import { describe, expect, it } from 'vitest';
import { chartTableFromColumns } from './chart-data';
import { ladderRungs } from './ladder-rungs';

const ms = (iso: string) => Date.parse(iso);

// The docs' shape: summarize min(StartTime), max(EndTime) by State, EventType.
const storms = chartTableFromColumns([
  { name: 'State', type: 'string', values: ['WASHINGTON', 'WYOMING', 'WASHINGTON', 'WYOMING'] },
  { name: 'EventType', type: 'string', values: ['Flood', 'Flood', 'Heavy Rain', 'Hail'] },
  { name: 'min_StartTime', type: 'datetime', values: ['2007-01-02T00:00:00Z', '2007-03-01T00:00:00Z', '2007-02-10T06:00:00Z', null] },
  { name: 'max_EndTime', type: 'datetime', values: ['2007-01-05T00:00:00Z', '2007-03-04T12:00:00Z', '2007-02-10T08:00:00Z', '2007-05-01T00:00:00Z'] },
]);

describe('ladderRungs', () => {
  it('draws each row from its second-last to its last column, on a line named by the other columns', () => {
    const notes: string[] = [];
    const ladder = ladderRungs(storms, [], notes);
    expect(ladder).toEqual({
      lines: ['WASHINGTON, Flood', 'WYOMING, Flood', 'WASHINGTON, Heavy Rain'],
      series: [''],
      rungs: [
        { line: 0, start: ms('2007-01-02T00:00:00Z'), end: ms('2007-01-05T00:00:00Z'), series: 0 },
        { line: 1, start: ms('2007-03-01T00:00:00Z'), end: ms('2007-03-04T12:00:00Z'), series: 0 },
        { line: 2, start: ms('2007-02-10T06:00:00Z'), end: ms('2007-02-10T08:00:00Z'), series: 0 },
      ],
      axis: 'time',
      startName: 'min_StartTime',
      endName: 'max_EndTime',
    });
    expect(notes).toEqual(['1 row without a start or end left out.']);
  });

  it('colours by the series columns and names lines by the rest', () => {
    const ladder = ladderRungs(storms, ['State'], []);
    if (typeof ladder === 'string') throw new Error(ladder);
    expect(ladder.lines).toEqual(['Flood', 'Heavy Rain']);
    expect(ladder.series).toEqual(['WASHINGTON', 'WYOMING']);
    expect(ladder.rungs.map((r) => [r.line, r.series])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it('names lines by the series when every other column is a series column (the docs\' series=State, EventType)', () => {
    const ladder = ladderRungs(storms, ['State', 'EventType'], []);
    if (typeof ladder === 'string') throw new Error(ladder);
    expect(ladder.lines).toEqual(['WASHINGTON, Flood', 'WYOMING, Flood', 'WASHINGTON, Heavy Rain']);
    expect(ladder.series).toEqual(ladder.lines);
  });

  it('takes numbers as ends too, and orders each interval', () => {
    const numbers = chartTableFromColumns([
      { name: 'Job', type: 'string', values: ['a', 'b'] },
      { name: 'From', type: 'long', values: [5n, 7] },
      { name: 'To', type: 'real', values: [9, 2] },
    ]);
    const ladder = ladderRungs(numbers, [], []);
    if (typeof ladder === 'string') throw new Error(ladder);
    expect(ladder.axis).toBe('value');
    expect(ladder.rungs).toEqual([
      { line: 0, start: 5, end: 9, series: 0 },
      { line: 1, start: 2, end: 7, series: 0 },
    ]);
  });

  it('says why when the last two columns are not both datetimes or both numbers', () => {
    const mixed = chartTableFromColumns([
      { name: 'State', type: 'string', values: ['IOWA'] },
      { name: 'StartTime', type: 'datetime', values: ['2007-01-01T00:00:00Z'] },
      { name: 'n', type: 'long', values: [3] },
    ]);
    expect(ladderRungs(mixed, [], [])).toMatch(/"StartTime" and "n" must both be datetimes or both numbers/);
  });
});
