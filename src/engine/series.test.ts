/**
 * Golden tests for make-series and the series_* functions. Expected values are the outputs printed
 * on the Kusto docs pages named in each test (learn.microsoft.com/kusto/query/…), or computed in
 * JS from the same input (the bins, defaults and formulas the docs define).
 */
import { describe, expect, it } from 'vitest';
import { runOne, engineUnderTest } from './testing/host';

const engine = engineUnderTest();

const METRICS: [string, number][] = [
  ['2016-12-31T06:00', 50],
  ['2017-01-01', 4],
  ['2017-01-02', 3],
  ['2017-01-03', 4],
  ['2017-01-03T03:00', 6],
  ['2017-01-05', 8],
  ['2017-01-05T13:40', 13],
  ['2017-01-06', 4],
  ['2017-01-07', 3],
  ['2017-01-08', 8],
  ['2017-01-08T21:00', 8],
  ['2017-01-09', 2],
  ['2017-01-09T12:00', 11],
  ['2017-01-10T05:00', 5],
];
const DATA = `let data=datatable(timestamp:datetime, metric: real)[${METRICS.map(([t, m]) => `datetime(${t}), ${m}`).join(', ')}];
let interval = 1d;
let stime = datetime(2017-01-01);
let etime = datetime(2017-01-10);
data`;
const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().replace('.000Z', '.0000000Z'));

/** avg per day over [from, from + n days), `dflt` for a day without rows — as make-series defines its bins. */
function dailyAverages(from: string, n: number, dflt: number | null): (number | null)[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) => {
    const inBin = METRICS.filter(([t]) => {
      const ms = Date.parse(`${t}${t.length === 10 ? 'T00:00' : ''}Z`);
      return ms >= start + i * 86_400_000 && ms < start + (i + 1) * 86_400_000;
    }).map(([, m]) => m);
    return inBin.length ? inBin.reduce((a, b) => a + b, 0) / inBin.length : dflt;
  });
}

describe('make-series', () => {
  it('averages per bin from..to, 0 where a bin is empty (docs "make-series operator")', async () => {
    const t = await runOne(engine, `${DATA}\n| make-series avg(metric) on timestamp from stime to etime step interval`);
    expect(t.columns).toEqual([
      { ColumnName: 'avg_metric', ColumnType: 'dynamic' },
      { ColumnName: 'timestamp', ColumnType: 'dynamic' },
    ]);
    // The docs print [4.0, 3.0, 5.0, 0.0, 10.5, 4.0, 3.0, 8.0, 6.5].
    expect(t.rows).toEqual([[[4, 3, 5, 0, 10.5, 4, 3, 8, 6.5], days('2017-01-01', 9)]]);
    expect(dailyAverages('2017-01-01', 9, 0)).toEqual([4, 3, 5, 0, 10.5, 4, 3, 8, 6.5]);
  });

  it('gives no row for an empty input, and one row of defaults with kind=nonempty (docs)', async () => {
    const empty = await runOne(engine, `${DATA}\n| take 0\n| make-series avg(metric) default=1.0 on timestamp from stime to etime step interval\n| count`);
    expect(empty.rows).toEqual([[0n]]);
    const t = await runOne(engine, `${DATA}\n| take 0\n| make-series kind=nonempty avg(metric) default=1.0 on timestamp from stime to etime step interval`);
    expect(t.rows).toEqual([[Array(9).fill(1), days('2017-01-01', 9)]]);
  });

  it('without from/to spans the bins that have data over the whole input', async () => {
    const t = await runOne(engine, `${DATA}\n| make-series avg(metric) on timestamp step interval`);
    expect(t.rows).toEqual([[dailyAverages('2016-12-31', 11, 0), days('2016-12-31', 11)]]);
  });

  it('takes stop inclusive and bins with bin() in the range() syntax', async () => {
    const t = await runOne(engine, `${DATA}\n| make-series avg(metric) on timestamp in range(stime, etime, interval)`);
    expect(t.rows).toEqual([[dailyAverages('2017-01-01', 10, 0), days('2017-01-01', 10)]]);
  });

  it('makes one series per by-group with named aggregates and default=', async () => {
    const t = await runOne(
      engine,
      `datatable(t:datetime, g:string, v:long)[datetime(2020-01-01), "a", 1, datetime(2020-01-01 12:00), "a", 2, datetime(2020-01-03), "a", 5, datetime(2020-01-02), "b", 7]
| make-series n=count(), total=sum(v) default=-1 on t from datetime(2020-01-01) to datetime(2020-01-04) step 1d by g
| order by g asc`,
    );
    expect(t.columns.map((c) => `${c.ColumnName}:${c.ColumnType}`)).toEqual(['g:string', 'n:dynamic', 'total:dynamic', 't:dynamic']);
    expect(t.rows).toEqual([
      ['a', [2, 0, 1], [3, -1, 5], days('2020-01-01', 3)],
      ['b', [0, 1, 0], [-1, 7, -1], days('2020-01-01', 3)],
    ]);
  });

  it('bins numeric and timespan axes', async () => {
    const numeric = await runOne(engine, 'range x from 0 to 9 step 1 | make-series s=sum(x) on x from 0 to 10 step 3');
    expect(numeric.rows).toEqual([[[0 + 1 + 2, 3 + 4 + 5, 6 + 7 + 8, 9], [0, 3, 6, 9]]]);
    const spans = await runOne(engine, 'range d from 0m to 50m step 10m | make-series c=count() on d from 0m to 1h step 30m');
    expect(spans.rows).toEqual([[[3, 3], ['00:00:00', '00:30:00']]]);
  });

  it('expands back to rows with mv-expand of several series', async () => {
    const t = await runOne(engine, `${DATA}\n| make-series avg(metric) default=double(null) on timestamp from stime to etime step interval\n| mv-expand avg_metric to typeof(real), timestamp to typeof(datetime)`);
    expect(t.columns.map((c) => `${c.ColumnName}:${c.ColumnType}`)).toEqual(['avg_metric:real', 'timestamp:datetime']);
    const expected = dailyAverages('2017-01-01', 9, null);
    expect(t.rows).toEqual(days('2017-01-01', 9).map((d, i) => [expected[i], d]));
  });
});

describe('series functions (docs examples)', () => {
  it('series_stats gives seven columns (docs "series_stats()")', async () => {
    const t = await runOne(engine, 'print x=dynamic([23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]) | project series_stats(x)');
    expect(t.columns.map((c) => c.ColumnName)).toEqual([
      'series_stats_x_min',
      'series_stats_x_min_idx',
      'series_stats_x_max',
      'series_stats_x_max_idx',
      'series_stats_x_avg',
      'series_stats_x_stdev',
      'series_stats_x_variance',
    ]);
    const [min, minIdx, max, maxIdx, avg, stdev, variance] = t.rows[0] as number[];
    expect([min, minIdx, max, maxIdx, avg]).toEqual([2, 8n, 87, 3n, 32.8]);
    // The docs print 28.5036338535483 and 812.457142857143 (15 significant digits).
    expect(stdev).toBeCloseTo(28.5036338535483, 12);
    expect(variance).toBeCloseTo(812.457142857143, 11);
  });

  it('series_stats with names, ignore_nonfinite, and series_stats_dynamic', async () => {
    const named = await runOne(engine, 'print x=dynamic([4, null, 2]) | extend (mn, mni) = series_stats(x) | project mn, mni, series_stats_x_max');
    expect(named.rows).toEqual([[null, null, null]]);
    const ignoring = await runOne(engine, 'print x=dynamic([4, null, 2]) | project series_stats(x, true)');
    expect(ignoring.rows).toEqual([[2, 2n, 4, 0n, 3, Math.SQRT2, 2]]);
    const bag = await runOne(engine, 'print d = series_stats_dynamic(dynamic([4, null, 2]), true)');
    expect(bag.rows).toEqual([[{ min: 2, min_idx: 2, max: 4, max_idx: 0, avg: 3, stdev: Math.SQRT2, variance: 2 }]]);
  });

  it('series_fill_linear (docs "series_fill_linear()")', async () => {
    const t = await runOne(
      engine,
      `let data = datatable(arr: dynamic)
    [
    dynamic([null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null]),
    dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]),
    dynamic([null, null, null, null])
];
data
| project
    without_args = series_fill_linear(arr),
    with_edges = series_fill_linear(arr, double(null), true),
    wo_edges = series_fill_linear(arr, double(null), false),
    with_const = series_fill_linear(arr, double(null), true, 3.14159)`,
    );
    // Interpolation v[p] + (v[q] − v[p]) · (i − p) / (q − p); the docs print 32.667 and 24.333.
    const a = 41 + ((16 - 41) * 1) / 3;
    const b = 41 + ((16 - 41) * 2) / 3;
    const reals = [111, 111, 73.5, 36, 41, a, b, 16, 61, 33, 33, 33];
    const ints = [111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33];
    expect(t.rows).toEqual([
      [reals, reals, [null, ...reals.slice(1, 10), null, null], reals],
      [ints, ints, [null, ...ints.slice(1, 10), null, null], ints],
      [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [3.14159, 3.14159, 3.14159, 3.14159]],
    ]);
  });

  it('series_fill_forward, series_fill_backward, series_fill_const (docs)', async () => {
    const forward = await runOne(engine, 'print arr = dynamic([null, null, 36, 41, null, null, 16, 61, 33, null, null]) | project fill_forward = series_fill_forward(arr), fill_backward = series_fill_backward(arr)');
    expect(forward.rows).toEqual([
      [
        [null, null, 36, 41, 41, 41, 16, 61, 33, 33, 33],
        [36, 36, 36, 41, 16, 16, 16, 61, 33, null, null],
      ],
    ]);
    const constant = await runOne(engine, 'print arr = dynamic([111, null, 36, 41, 23, null, 16, 61, 33, null, null]) | project fill_const1 = series_fill_const(arr, 0.0), fill_const2 = series_fill_const(arr, -1)');
    expect(constant.rows).toEqual([
      [
        [111, 0, 36, 41, 23, 0, 16, 61, 33, 0, 0],
        [111, -1, 36, 41, 23, -1, 16, 61, 33, -1, -1],
      ],
    ]);
    const placeholder = await runOne(engine, 'print arr = dynamic([1, -1, -1, 4]) | project series_fill_forward(arr, -1)');
    expect(placeholder.rows).toEqual([[[1, 1, 1, 4]]]);
  });

  it('element-wise arithmetic and comparisons (docs "series_add()", "series_greater()")', async () => {
    const add = await runOne(engine, 'range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2 | project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x) | extend s1_add_s2 = series_add(s1, s2)');
    expect(add.rows.map((r) => r[2])).toEqual([
      [5, 4, 5],
      [10, 8, 10],
      [15, 12, 15],
    ]);
    const greater = await runOne(engine, 'print s1 = dynamic([1,2,4]), s2 = dynamic([4,2,1]) | extend s1_greater_s2 = series_greater(s1, s2)');
    expect(greater.rows[0]?.[2]).toEqual([false, false, true]);
    const more = await runOne(
      engine,
      'print a = dynamic([1, 2, 4, 8]), b = dynamic([4, 2, 1]) | project series_subtract(a, b), series_multiply(a, b), series_divide(a, b), series_less(a, b), series_equals(a, b), series_multiply(a, 0.5)',
    );
    expect(more.rows).toEqual([[[-3, 0, 3, null], [4, 4, 4, null], [0.25, 1, 4, null], [true, false, false, null], [false, true, false, null], [0.5, 1, 2, 4]]]);
  });

  it('series_iir as a cumulative sum, also inside a function (docs "series_iir()")', async () => {
    const t = await runOne(engine, 'let x = range(1.0, 10, 1);\nprint x=x, y = series_iir(x, dynamic([1]), dynamic([1,-1]))\n| mv-expand x, y');
    let sum = 0;
    expect(t.rows).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, (sum += i + 1)]));
    const f = await runOne(
      engine,
      `let vector_sum=(x: dynamic) {
    let y=array_length(x) - 1;
    todouble(series_iir(x, dynamic([1]), dynamic([1, -1]))[y])
};
print d=dynamic([0, 1, 2, 3, 4])
| extend dd=vector_sum(d)`,
    );
    expect(f.rows).toEqual([[[0, 1, 2, 3, 4], 10]]);
  });

  it('series_fir: moving averages, centered, and a difference filter (docs "series_fir()")', async () => {
    const val = [0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 40, 100, 40, 20, 10, 0, 0, 0, 0, 0, 0, 0, 0];
    const t = await runOne(
      engine,
      `print val=dynamic([${val.join(', ')}])
| extend MovingAvg=series_fir(val, dynamic([1, 1, 1, 1, 1])), MovingAvg_centered=series_fir(val, dynamic([1, 1, 1, 1, 1]), true, true)
| project MovingAvg, MovingAvg_centered, diff = series_fir(dynamic([0, 0, 0, 0, 2, 2, 2, 2, 3, 3, 3, 3]), dynamic([1, -1]), false, false)`,
    );
    const at = (xs: number[], i: number) => (i >= 0 && i < xs.length ? (xs[i] as number) : 0);
    const avg = (shift: number) => val.map((_, i) => [0, 1, 2, 3, 4].reduce((s, k) => s + at(val, i + shift - k), 0) / 5);
    const steps = [0, 0, 0, 0, 2, 2, 2, 2, 3, 3, 3, 3];
    expect(t.rows).toEqual([[avg(0), avg(2), steps.map((v, i) => v - at(steps, i - 1))]]);
  });
});

describe('mv-apply (docs "mv-apply operator")', () => {
  it('expands with take inside, keeping the order of rows and elements', async () => {
    const t = await runOne(engine, 'datatable (index: int, Arr: dynamic)[0, dynamic([7]), 1, dynamic([6, 11, 7])]\n| mv-apply Arr2=Arr to typeof(long) on (take 100)');
    expect(t.columns.map((c) => `${c.ColumnName}:${c.ColumnType}`)).toEqual(['index:int', 'Arr:dynamic', 'Arr2:long']);
    expect(t.rows).toEqual([
      [0, [7], 7n],
      [1, [6, 11, 7], 6n],
      [1, [6, 11, 7], 11n],
      [1, [6, 11, 7], 7n],
    ]);
  });

  it('takes the largest element of each array', async () => {
    const t = await runOne(engine, 'datatable (index: int, Arr: dynamic)[0, dynamic([1, 5, 3]), 1, dynamic([10, 2, 5, 7])]\n| mv-apply topElem=Arr to typeof(long) on (top 1 by topElem)');
    expect(t.rows).toEqual([
      [0, [1, 5, 3], 5n],
      [1, [10, 2, 5, 7], 10n],
    ]);
  });

  it('summarizes the top two of each array', async () => {
    const t = await runOne(engine, 'datatable (index: int, Arr: dynamic)[0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])]\n| mv-apply Arr2=Arr to typeof(long) on (top 2 by Arr2 | summarize Top2=make_list(Arr2))');
    expect(t.rows).toEqual([
      [0, [5, 1, 3], [5, 3]],
      [1, [4, 10, 8, 7], [10, 8]],
    ]);
  });

  it('expands two arrays in parallel and keeps the rest of each row', async () => {
    const t = await runOne(
      engine,
      `datatable (Val:int, Arr1:dynamic, Arr2:dynamic)
[ 1, dynamic(['A1', 'A2', 'A3']),       dynamic([10, 30, 7]),
  7, dynamic(['B1', 'B2', 'B5']),       dynamic([15, 11, 50]),
  3, dynamic(['C1', 'C2', 'C3', 'C4']), dynamic([6, 40, 20, 8])
]
| mv-apply NewArr1=Arr1, NewArr2=Arr2 to typeof(long) on (
 top 2 by NewArr2
 | summarize NewArr1=make_list(NewArr1), NewArr2=make_list(NewArr2)
)`,
    );
    expect(t.rows).toEqual([
      [1, ['A1', 'A2', 'A3'], [10, 30, 7], ['A2', 'A1'], [30, 10]],
      [7, ['B1', 'B2', 'B5'], [15, 11, 50], ['B5', 'B1'], [50, 15]],
      [3, ['C1', 'C2', 'C3', 'C4'], [6, 40, 20, 8], ['C2', 'C3'], [40, 20]],
    ]);
  });

  it('numbers elements with with_itemindex', async () => {
    const t = await runOne(engine, 'datatable (row: int, Arr: dynamic)[0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])]\n| mv-apply with_itemindex=index value=Arr to typeof(long) on (where index >= 2)');
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['row', 'Arr', 'value', 'index']);
    expect(t.rows).toEqual([
      [0, [5, 1, 3], 3n, 2n],
      [1, [4, 10, 8, 7], 8n, 2n],
      [1, [4, 10, 8, 7], 7n, 3n],
    ]);
  });

  it('pads the shorter array with nulls when expanding two', async () => {
    const t = await runOne(
      engine,
      `datatable (Val: int, Arr1: dynamic, Arr2: dynamic)
[1, dynamic(['A1', 'A2']), dynamic(['B1', 'B2', 'B3']), 5, dynamic(['C1', 'C2']), dynamic(['D1'])]
| mv-apply T1=Arr1, T2=Arr2 on (extend Out = strcat(T1, "_", T2) | summarize Out= make_list(Out))`,
    );
    expect(t.rows.map((r) => [r[0], r[3]])).toEqual([
      [1, ['A1_B1', 'A2_B2', '_B3']],
      [5, ['C1_D1', 'C2_']],
    ]);
  });

  it('reads the row’s other columns inside the subquery (a property bag, with pack_all and bag_remove_keys)', async () => {
    const t = await runOne(
      engine,
      `datatable(Source: string, Target: string, Count: long)
[
    '555-1234', '555-1212', 46,
    '555-2424', '', int(null)
]
| extend Pack = pack_all()
| mv-apply removeProperties = Pack on
    (
    mv-expand kind = array Pack
    | where Pack[1] !startswith "555"
    | summarize propsToRemove = make_set(Pack[0])
    )
| extend values = bag_remove_keys(Pack, propsToRemove)
| project-away propsToRemove`,
    );
    expect(t.rows).toEqual([
      ['555-1234', '555-1212', 46n, { Source: '555-1234', Target: '555-1212', Count: 46 }, { Source: '555-1234', Target: '555-1212' }],
      ['555-2424', '', null, { Source: '555-2424', Target: '', Count: null }, { Source: '555-2424' }],
    ]);
  });
});
