/**
 * Golden tests for window functions over serialized row sets: serialize, row_number() (start,
 * restart), prev(), next(), row_cumsum() (restart), row_rank_dense(), row_rank_min(). Expected
 * values are the outputs printed on the Kusto docs pages named in each test
 * (learn.microsoft.com/kusto/query/…), or computed in JS from the same input.
 */
import { describe, expect, it } from 'vitest';
import { engineError, runOne, engineUnderTest } from './testing/host';
import { generateStormEvents } from './testing/storm-events';

const engine = engineUnderTest();

describe('row_number()', () => {
  it('numbers the rows of a sorted range from 1 (docs "row_number()")', async () => {
    const t = await runOne(engine, 'range a from 1 to 10 step 1\n| sort by a desc\n| extend rn=row_number()');
    expect(t.rows).toEqual(Array.from({ length: 10 }, (_, i) => [BigInt(10 - i), BigInt(i + 1)]));
  });

  it('starts at a given index (docs: rn starts at 7)', async () => {
    const t = await runOne(engine, 'range a from 1 to 10 step 1\n| sort by a desc\n| extend rn=row_number(7)');
    expect(t.rows.map((r) => r[1])).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(i + 7)));
  });

  it('restarts when prev() says the partition changed (docs: rank per Airport)', async () => {
    const t = await runOne(
      engine,
      `datatable (Airport:string, Airline:string, Departures:long)
[
  "TLV", "LH", 1,
  "TLV", "LY", 100,
  "SEA", "LH", 1,
  "SEA", "BA", 2,
  "SEA", "LY", 0
]
| sort by Airport asc, Departures desc
| extend Rank=row_number(1, prev(Airport) != Airport)`,
    );
    expect(t.rows).toEqual([
      ['SEA', 'BA', 2n, 1n],
      ['SEA', 'LH', 1n, 2n],
      ['SEA', 'LY', 0n, 3n],
      ['TLV', 'LY', 100n, 1n],
      ['TLV', 'LH', 1n, 2n],
    ]);
  });

  it('numbers the rows serialize marks, in the order they come (docs "serialize operator")', async () => {
    const t = await runOne(engine, 'datatable(s:string)["c", "a", "b"]\n| where s != "x"\n| serialize rn = row_number()');
    expect(t.rows).toEqual([
      ['c', 1n],
      ['a', 2n],
      ['b', 3n],
    ]);
  });

  it('refuses an input that is not serialized, naming the function', async () => {
    const e = await engineError(engine, 'datatable(a:long)[1, 2] | extend r = row_number()');
    expect(e.message).toContain("'row_number'");
    expect(e.message).toContain('serialized');
  });
});

describe('row_cumsum()', () => {
  it('sums the even integers cumulatively (docs "row_cumsum()")', async () => {
    const t = await runOne(engine, 'datatable (a:long) [\n    1, 2, 3, 4, 5, 6, 7, 8, 9, 10\n]\n| where a%2==0\n| serialize cs=row_cumsum(a)');
    expect(t.columns.map((c) => `${c.ColumnName}:${c.ColumnType}`)).toEqual(['a:long', 'cs:long']);
    expect(t.rows).toEqual([
      [2n, 2n],
      [4n, 6n],
      [6n, 12n],
      [8n, 20n],
      [10n, 30n],
    ]);
  });

  it('restarts per name (docs: salary total per name)', async () => {
    const t = await runOne(
      engine,
      `datatable (name:string, month:int, salary:long)
[
    "Alice", 1, 1000,
    "Bob",   1, 1000,
    "Alice", 2, 2000,
    "Bob",   2, 1950,
    "Alice", 3, 1400,
    "Bob",   3, 1450,
]
| order by name asc, month asc
| extend total=row_cumsum(salary, name != prev(name))`,
    );
    expect(t.rows).toEqual([
      ['Alice', 1, 1000n, 1000n],
      ['Alice', 2, 2000n, 3000n],
      ['Alice', 3, 1400n, 4400n],
      ['Bob', 1, 1000n, 1000n],
      ['Bob', 2, 1950n, 2950n],
      ['Bob', 3, 1450n, 4400n],
    ]);
  });
});

describe('prev() and next()', () => {
  it('read the row before and after, with offsets and defaults; "" for a string with no row there', async () => {
    const t = await runOne(
      engine,
      'datatable(x:long, s:string)[1, "a", 2, "b", 3, "c", 4, "d"]\n| serialize p = prev(x), p2 = prev(x, 2, -1), n = next(x), ps = prev(s), ns = next(s, 3)',
    );
    expect(t.rows).toEqual([
      [1n, 'a', null, -1n, 2n, '', 'd'],
      [2n, 'b', 1n, -1n, 3n, 'a', ''],
      [3n, 'c', 2n, 1n, 4n, 'b', ''],
      [4n, 'd', 3n, 2n, null, 'c', ''],
    ]);
  });

  it('gives the gap to the previous row in time order, also in where (docs "prev()": breaks between calls)', async () => {
    const d = generateStormEvents();
    const times = d.StartTime.filter((_, i) => d.State[i] === 'TEXAS').sort((a, b) => a - b);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    const t = await runOne(
      engine,
      `StormEvents
| where State == "TEXAS"
| sort by StartTime asc
| extend gap = datetime_diff('millisecond', StartTime, prev(StartTime, 1))
| where gap > 3600000
| count`,
    );
    expect(t.rows).toEqual([[BigInt(gaps.filter((g) => g > 3_600_000).length)]]);
    const avg = await runOne(
      engine,
      `StormEvents
| where State == "TEXAS"
| sort by StartTime asc
| extend gap = datetime_diff('millisecond', next(StartTime, 1), StartTime)
| summarize avg(gap)`,
    );
    expect(avg.rows[0]?.[0]).toBeCloseTo(gaps.reduce((a, b) => a + b, 0) / gaps.length, 6);
  });

  it('filters on a window function and keeps the order through project (where prev(x) …)', async () => {
    const t = await runOne(engine, 'range x from 1 to 6 step 1\n| where prev(x) % 2 == 0\n| project x, y = row_number()');
    expect(t.rows).toEqual([
      [3n, 1n],
      [5n, 2n],
    ]);
  });
});

describe('row_rank_dense() and row_rank_min()', () => {
  it('rank the airlines by departures (docs "row_rank_min()": 1, 2, 2, 2, 5)', async () => {
    const t = await runOne(
      engine,
      `datatable (Airport:string, Airline:string, Departures:long)
[
  "SEA", "LH", 3,
  "SEA", "LY", 100,
  "SEA", "UA", 3,
  "SEA", "BA", 2,
  "SEA", "EL", 3
]
| sort by Departures asc
| extend Rank=row_rank_min(Departures), Dense=row_rank_dense(Departures)`,
    );
    expect(t.rows.map((r) => [r[2], r[3], r[4]])).toEqual([
      [2n, 1n, 1n],
      [3n, 2n, 2n],
      [3n, 2n, 2n],
      [3n, 2n, 2n],
      [100n, 5n, 3n],
    ]);
  });
});
