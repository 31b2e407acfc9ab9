/** Golden tests for the widened language. Expected values come from JS over the generated rows. */
import { describe, expect, it } from 'vitest';
import { generateStormEvents } from './testing/storm-events';
import { runOne, runQuery, engineUnderTest } from './testing/host';
import { KustoEngineError } from './types';

const storm = generateStormEvents();
const rows = Array.from({ length: storm.rowCount }, (_, i) => i);

const engine = engineUnderTest();

const countWhere = (p: (i: number) => boolean) => BigInt(rows.filter(p).length);
const at = <T>(xs: T[], i: number): T => xs[i] as T;

describe('summarize aggregates', () => {
  it('computes count, countif, sum, sumif, avg, min, max, dcount', async () => {
    const t = await runOne(
      engine,
      'StormEvents | summarize n=count(), c=countif(DamageProperty > 0), s=sum(DamageProperty), si=sumif(DamageProperty, State == "TEXAS"), a=avg(DamageProperty), mn=min(StartTime), d=dcount(State)',
    );
    const damage = storm.DamageProperty;
    const sum = damage.reduce((a, b) => a + b, 0);
    expect(t.rows[0]).toEqual([
      BigInt(storm.rowCount),
      countWhere((i) => at(damage, i) > 0),
      BigInt(sum),
      BigInt(rows.filter((i) => at(storm.State, i) === 'TEXAS').reduce((a, i) => a + at(damage, i), 0)),
      sum / storm.rowCount,
      new Date(Math.min(...storm.StartTime)).toISOString().replace('.000Z', '.0000000Z'),
      BigInt(new Set(storm.State).size),
    ]);
  });

  it('bins datetimes by day as Kusto does', async () => {
    const t = await runOne(engine, 'StormEvents | summarize count() by bin(StartTime, 1d) | sort by StartTime asc | take 3');
    const byDay = new Map<number, number>();
    for (const s of storm.StartTime) byDay.set(Math.floor(s / 86_400_000), (byDay.get(Math.floor(s / 86_400_000)) ?? 0) + 1);
    const expected = [...byDay.entries()].sort((a, b) => a[0] - b[0]).slice(0, 3);
    expect(t.rows).toEqual(expected.map(([d, n]) => [new Date(d * 86_400_000).toISOString().replace('.000Z', '.0000000Z'), BigInt(n)]));
  });

  it('takes every column of arg_max from the same row', async () => {
    const t = await runOne(engine, 'StormEvents | where State == "IOWA" | summarize arg_max(DamageProperty, EventId, EventType)');
    const iowa = rows.filter((i) => at(storm.State, i) === 'IOWA');
    const max = Math.max(...iowa.map((i) => at(storm.DamageProperty, i)));
    const candidates = iowa.filter((i) => at(storm.DamageProperty, i) === max).map((i) => [max, at(storm.EventId, i), at(storm.EventType, i)]);
    expect(candidates).toContainEqual(t.rows[0]);
  });

  it('makes sets as dynamic arrays', async () => {
    const t = await runOne(engine, 'StormEvents | where State == "TEXAS" | summarize make_set(Source)');
    const expected = new Set(rows.filter((i) => at(storm.State, i) === 'TEXAS').map((i) => at(storm.Source, i)));
    expect(new Set(t.rows[0]?.[0] as string[])).toEqual(expected);
  });
});

describe('string operators', () => {
  it('matches has on whole terms only, case-insensitively', async () => {
    const t = await runOne(engine, 'StormEvents | where EventNarrative has "WIND" | count');
    const re = /(^|[^A-Za-z0-9])wind([^A-Za-z0-9]|$)/i;
    expect(t.rows[0]?.[0]).toBe(countWhere((i) => re.test(at(storm.EventNarrative, i))));
    const partial = await runOne(engine, 'StormEvents | where EventNarrative has "win" | count');
    expect(partial.rows[0]?.[0]).toBe(countWhere((i) => /(^|[^A-Za-z0-9])win([^A-Za-z0-9]|$)/i.test(at(storm.EventNarrative, i))));
  });

  it('implements =~, contains, startswith, endswith, in, !in, in~ and between', async () => {
    const t = await runQuery(
      engine,
      [
        'StormEvents | where State =~ "texas" | count',
        'StormEvents | where EventNarrative contains "REPORTED HAIL" | count',
        'StormEvents | where EventNarrative contains_cs "REPORTED HAIL" | count',
        'StormEvents | where BeginLocation startswith "north" and EndLocation endswith "TON" | count',
        'StormEvents | where State in ("TEXAS", "IOWA") and EventType !in ("Hail") | count',
        'StormEvents | where State in~ ("texas") | count',
        'StormEvents | where DamageProperty between (1000 .. 5000) | count',
        'StormEvents | where State matches regex "^NEW " | count',
      ].join(';\n'),
    );
    const s = storm;
    expect(t.map((x) => x.rows[0]?.[0])).toEqual([
      countWhere((i) => at(s.State, i) === 'TEXAS'),
      countWhere((i) => at(s.EventNarrative, i).toLowerCase().includes('reported hail')),
      0n,
      countWhere((i) => at(s.BeginLocation, i).toLowerCase().startsWith('north') && at(s.EndLocation, i).endsWith('TON')),
      countWhere((i) => ['TEXAS', 'IOWA'].includes(at(s.State, i)) && at(s.EventType, i) !== 'Hail'),
      countWhere((i) => at(s.State, i) === 'TEXAS'),
      countWhere((i) => at(s.DamageProperty, i) >= 1000 && at(s.DamageProperty, i) <= 5000),
      countWhere((i) => /^NEW /.test(at(s.State, i))),
    ]);
  });
});

describe('scalar functions', () => {
  it('evaluates string functions', async () => {
    const t = await runOne(
      engine,
      'print a=strlen("abc"), b=toupper("ab"), c=substring("hello", 1, 3), d=strcat("a", 1, true), e=split("a,b", ","), f=replace_string("aXb", "X", "y"), g=trim(" ", "  x  "), h=extract("(\\\\d+)", 1, "ab123"), i=indexof("abc", "c"), j=isempty(""), k=coalesce("", "z")',
    );
    expect(t.rows[0]).toEqual([3n, 'AB', 'ell', 'a1true', ['a', 'b'], 'ayb', 'x', '123', 2n, true, 'z']);
  });

  it('evaluates conversions, dynamic access and packing', async () => {
    const t = await runOne(
      engine,
      'print a=tostring(datetime(2007-01-01)), b=toint(2.7), c=tolong("12"), d=parse_json(\'{"a":[1,2]}\').a[1], e=array_length(dynamic([1,2,3])), f=bag_keys(dynamic({"x":1})), g=bag_pack("t", datetime(2007-01-01)), h=iff(1 > 2, "y", "n"), i=case(false, 1, 2)',
    );
    expect(t.rows[0]).toEqual(['2007-01-01T00:00:00.0000000Z', 2, 12n, 2, 3n, ['x'], { t: '2007-01-01T00:00:00.0000000Z' }, 'n', 2n]);
  });

  it('does datetime and timespan arithmetic like Kusto', async () => {
    const t = await runOne(
      engine,
      'print a=datetime(2007-01-01) + 1d, b=datetime(2007-01-03) - datetime(2007-01-01 01:00), c=startofweek(datetime(2007-01-10)), d=datetime_diff("day", datetime(2007-01-10), datetime(2007-01-01)), e=datetime_add("month", 1, datetime(2007-01-31)), f=dayofweek(datetime(2007-01-10)), g=format_datetime(datetime(2007-03-04 05:06:07.123), "yyyy-MM-dd HH:mm:ss.fff"), h=1d / 1h, i=7 / 2, j=-7 / 2',
    );
    expect(t.rows[0]).toEqual([
      '2007-01-02T00:00:00.0000000Z',
      '1.23:00:00',
      '2007-01-07T00:00:00.0000000Z',
      9n,
      '2007-02-28T00:00:00.0000000Z',
      '3.00:00:00',
      '2007-03-04 05:06:07.123',
      24,
      3n,
      -3n,
    ]);
  });

  it('reads dynamic properties of StormSummary', async () => {
    const t = await runOne(engine, 'StormEvents | where StormSummary.Details.Location == "TEXAS" | summarize sum(toint(StormSummary.TotalDamages))');
    const expected = rows.filter((i) => at(storm.State, i) === 'TEXAS').reduce((a, i) => a + at(storm.DamageProperty, i) + at(storm.DamageCrops, i), 0);
    expect(t.rows[0]?.[0]).toBe(BigInt(expected));
  });
});

describe('statements and tabular sources', () => {
  it('binds scalar and tabular lets', async () => {
    const t = await runOne(engine, 'let x = 5; let T = StormEvents | where InjuriesDirect > x; T | count');
    expect(t.rows[0]?.[0]).toBe(countWhere((i) => at(storm.InjuriesDirect, i) > 5));
  });

  it('takes declared query parameters from the request', async () => {
    const [t] = await runQuery(engine, 'declare query_parameters(s:string = "IOWA"); StormEvents | where State == s | count', 'Samples', { s: 'KANSAS' });
    expect(t?.rows[0]?.[0]).toBe(countWhere((i) => at(storm.State, i) === 'KANSAS'));
  });

  it('builds datatable, range and print', async () => {
    const [dt, range, print] = await runQuery(engine, 'datatable(a:int, b:string)[1, "x", 2, "y"] | extend c = a * 10; range i from 1 to 5 step 2; print 1 + 1');
    expect(dt?.rows).toEqual([[1, 'x', 10n], [2, 'y', 20n]]);
    expect(range?.rows).toEqual([[1n], [3n], [5n]]);
    expect(print?.columns).toEqual([{ ColumnName: 'print_0', ColumnType: 'long' }]);
  });

  it('unions with a source column', async () => {
    const t = await runOne(engine, 'union withsource=Src StormEvents, StormEvents | summarize count() by Src');
    expect(t.rows).toEqual([['StormEvents', BigInt(storm.rowCount * 2)]]);
  });
});

describe('joins', () => {
  const kinds = `
    let L = datatable(k:int, l:string)[1, "a", 1, "b", 2, "c", 3, "d"];
    let R = datatable(k:int, r:string)[1, "x", 2, "y", 2, "z", 4, "w"];`;
  const join = async (kind: string) =>
    (await runOne(engine, `${kinds} L | join ${kind} R on k`)).rows.map((r) => r.map(String).join('|')).sort();

  it('dedups the left side by key for the default innerunique', async () => {
    const rowsOut = await join('');
    expect(rowsOut).toHaveLength(3);
    expect(rowsOut.filter((r) => r.startsWith('1|'))).toHaveLength(1);
    expect(rowsOut.filter((r) => r.startsWith('2|'))).toEqual(['2|c|2|y', '2|c|2|z']);
  });

  it('implements inner, outer, semi and anti kinds', async () => {
    expect(await join('kind=inner')).toEqual(['1|a|1|x', '1|b|1|x', '2|c|2|y', '2|c|2|z']);
    expect(await join('kind=leftouter')).toEqual(['1|a|1|x', '1|b|1|x', '2|c|2|y', '2|c|2|z', '3|d|null|']);
    expect(await join('kind=rightouter')).toEqual(['1|a|1|x', '1|b|1|x', '2|c|2|y', '2|c|2|z', 'null||4|w']);
    expect(await join('kind=fullouter')).toHaveLength(6);
    expect(await join('kind=leftanti')).toEqual(['3|d']);
    expect(await join('kind=rightanti')).toEqual(['4|w']);
    expect(await join('kind=leftsemi')).toEqual(['1|a', '1|b', '2|c']);
    expect(await join('kind=rightsemi')).toEqual(['1|x', '2|y', '2|z']);
  });

  it('joins ContosoSales tables on $left/$right keys', async () => {
    const t = await runOne(engine, 'SalesFact | join kind=inner (Customers | project CK = CustomerKey, City) on $left.CustomerKey == $right.CK | count', 'ContosoSales');
    const total = await runOne(engine, 'SalesFact | count', 'ContosoSales');
    expect(t.rows[0]?.[0]).toBe(total.rows[0]?.[0]);
  });
});

describe('refusals', () => {
  it.each([
    ['StormEvents | take 3 | fork (count) (take 1)', 'fork'],
    ['StormEvents | evaluate autocluster()', 'evaluate autocluster'],
    ['print series_decompose(dynamic([1]))', 'series_decompose'],
  ])('refuses %s', async (csl, name) => {
    const e = await runQuery(engine, csl).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(KustoEngineError);
    expect((e as KustoEngineError).kind).toBe('unsupported');
    expect((e as KustoEngineError).message).toContain(`'${name}'`);
  });

  it('refuses series_decompose_anomalies after make-series, naming it and saying why', async () => {
    const csl =
      'StormEvents | make-series n = count() on StartTime from datetime(2007-01-01) to datetime(2007-02-01) step 1d | extend anomalies = series_decompose_anomalies(n) | render anomalychart';
    const e = await runQuery(engine, csl).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(KustoEngineError);
    expect((e as KustoEngineError).kind).toBe('unsupported');
    expect((e as KustoEngineError).message).toContain("'series_decompose_anomalies' function: ");
    expect((e as KustoEngineError).message).toContain('series_periods_detect');
  });
});
