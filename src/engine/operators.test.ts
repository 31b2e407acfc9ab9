/**
 * Golden tests for mv-expand, parse, top-nested, user functions, endof*(), format_timespan, `in`
 * with dynamic arrays and aggregate defaults. Expectations are computed in JS over the generated
 * rows or written by hand from the Kusto docs — never taken from the engine's own output.
 */
import { describe, expect, it } from 'vitest';
import { generateStormEvents } from './testing/storm-events';
import { runOne, runQuery, engineUnderTest } from './testing/host';
import { KustoEngineError } from './types';

const storm = generateStormEvents();
const rows = Array.from({ length: storm.rowCount }, (_, i) => i);
const at = <T>(xs: T[], i: number): T => xs[i] as T;

const engine = engineUnderTest();

const typesOf = (t: { columns: { ColumnName: string; ColumnType: string }[] }) => t.columns.map((c) => `${c.ColumnName}:${c.ColumnType}`);

describe('mv-expand', () => {
  it('expands a property bag into one {key: value} bag per row, with the item index', async () => {
    const i = rows.find((r) => at(storm.State, r) === 'IOWA') ?? 0;
    const id = at(storm.EventId, i);
    const t = await runOne(engine, `StormEvents | where EventId == ${id} | mv-expand with_itemindex=ix StormSummary | project EventId, ix, StormSummary`);
    const bag = JSON.parse(at(storm.StormSummary, i)) as Record<string, unknown>;
    expect(typesOf(t)).toEqual(['EventId:int', 'ix:long', 'StormSummary:dynamic']);
    expect(t.rows).toEqual(Object.entries(bag).map(([k, v], n) => [id, BigInt(n), { [k]: v }]));
  });

  it('expands bags as [key, value] arrays with kind=array and counts rows like JS', async () => {
    const t = await runOne(engine, 'StormEvents | where State == "KANSAS" | mv-expand kind=array StormSummary | summarize count()');
    const expected = rows.filter((r) => at(storm.State, r) === 'KANSAS').reduce((a, r) => a + Object.keys(JSON.parse(at(storm.StormSummary, r)) as object).length, 0);
    expect(t.rows).toEqual([[BigInt(expected)]]);
    const one = await runOne(engine, 'print b = dynamic({"a": 1}) | mv-expand kind=array b');
    expect(one.rows).toEqual([[['a', 1]]]);
  });

  it('expands in parallel, pads with nulls, keeps one row for null and none for empty arrays', async () => {
    const t = await runOne(
      engine,
      'datatable(k:long, a:dynamic, b:dynamic)[1, dynamic([10, 20, 30]), dynamic(["x"]), 2, dynamic([]), dynamic([]), 3, dynamic(null), dynamic(null), 4, dynamic(7), dynamic([])] | mv-expand a, b',
    );
    expect(typesOf(t)).toEqual(['k:long', 'a:dynamic', 'b:dynamic']);
    expect(t.rows).toEqual([
      [1n, 10, 'x'],
      [1n, 20, null],
      [1n, 30, null],
      [3n, null, null],
      [4n, 7, null],
    ]);
  });

  it('casts with to typeof() (non-conforming elements become null) and honours limit', async () => {
    const t = await runOne(engine, 'print a = dynamic([1, "2", 3.5, 4, 5]) | mv-expand v = a to typeof(long) limit 4 | project v');
    expect(typesOf(t)).toEqual(['v:long']);
    expect(t.rows).toEqual([[1n], [null], [null], [4n]]);
    const s = await runOne(engine, 'print a = dynamic(["x", 1]) | mv-expand a to typeof(string)');
    expect(s.rows).toEqual([['x'], ['']]);
  });
});

describe('parse', () => {
  it('splits narratives on string delimiters like an anchored lazy regex', async () => {
    const t = await runOne(engine, 'StormEvents | where State == "OHIO" | parse EventNarrative with Who " reported " What " near " Where | project EventNarrative, Who, What, Where');
    const re = /^(.*?) reported (.*?) near (.*)/s;
    const expected = rows
      .filter((r) => at(storm.State, r) === 'OHIO')
      .map((r) => {
        const n = at(storm.EventNarrative, r);
        const m = re.exec(n);
        return [n, m?.[1] ?? '', m?.[2] ?? '', m?.[3] ?? ''];
      });
    expect(typesOf(t)).toEqual(['EventNarrative:string', 'Who:string', 'What:string', 'Where:string']);
    expect(t.rows).toEqual(expected);
    expect(expected.some((r) => r[1] !== '')).toBe(true);
  });

  it('converts typed captures and skips with *', async () => {
    const t = await runOne(engine, 'StormEvents | parse EpisodeNarrative with * "during episode " Ep:long "." | summarize countif(Ep == EpisodeId), countif(isnull(Ep))');
    const ok = rows.filter((r) => /during episode (\d+)\./.exec(at(storm.EpisodeNarrative, r))?.[1] === String(at(storm.EpisodeId, r))).length;
    expect(t.rows).toEqual([[BigInt(ok), BigInt(storm.rowCount - ok)]]);
  });

  it('nulls every capture when a delimiter is missing or a typed capture does not convert', async () => {
    const t = await runOne(
      engine,
      'datatable(s:string)["a=12;b=x y", "a=zz;b=1", "nothing", "a=-3;b=", "GET /x 200 12ms"] | parse s with "a=" a:long ";b=" b | parse s with "GET " path " " code:int " " rest',
    );
    expect(typesOf(t)).toEqual(['s:string', 'a:long', 'b:string', 'path:string', 'code:int', 'rest:string']);
    expect(t.rows).toEqual([
      ['a=12;b=x y', 12n, 'x y', '', null, ''],
      ['a=zz;b=1', null, '', '', null, ''],
      ['nothing', null, '', '', null, ''],
      ['a=-3;b=', -3n, '', '', null, ''],
      ['GET /x 200 12ms', null, '', '/x', 200, '12ms'],
    ]);
  });
});

describe('summarize expressions over aggregates', () => {
  it('computes scalars around aggregates per group (sum × 2, a percentage, a joined list, round of avg)', async () => {
    const t = await runOne(
      engine,
      `datatable(g:string, x:long)['a', 1, 'a', 3, 'b', 5] | summarize total = sum(x) * 2, pct = 100.0 * countif(x > 2) / count(), names = strcat_array(make_list(tostring(x)), ',') by g | order by g asc`,
    );
    expect(t.columns.map((c) => `${c.ColumnName}:${c.ColumnType}`)).toEqual(['g:string', 'total:long', 'pct:real', 'names:string']);
    // a: (1 + 3) × 2 = 8, one of two above 2 → 50 %; b: 5 × 2 = 10, 100 %.
    expect(t.rows).toEqual([
      ['a', 8n, 50, '1,3'],
      ['b', 10n, 100, '5'],
    ]);
    const rounded = await runOne(engine, 'datatable(x:real)[1.234, 2.0] | summarize r = round(avg(x), 2)');
    expect(rounded.rows).toEqual([[1.62]]);
  });
});

describe('getschema and has_all', () => {
  it('describes StormEvents as the docs page "getschema operator" shows', async () => {
    const t = await runOne(engine, 'StormEvents | getschema');
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['ColumnName', 'ColumnOrdinal', 'DataType', 'ColumnType']);
    const docs = `StartTime|0|System.DateTime|datetime EndTime|1|System.DateTime|datetime EpisodeId|2|System.Int32|int EventId|3|System.Int32|int
      State|4|System.String|string EventType|5|System.String|string InjuriesDirect|6|System.Int32|int InjuriesIndirect|7|System.Int32|int
      DeathsDirect|8|System.Int32|int DeathsIndirect|9|System.Int32|int DamageProperty|10|System.Int32|int DamageCrops|11|System.Int32|int
      Source|12|System.String|string BeginLocation|13|System.String|string EndLocation|14|System.String|string BeginLat|15|System.Double|real
      BeginLon|16|System.Double|real EndLat|17|System.Double|real EndLon|18|System.Double|real EpisodeNarrative|19|System.String|string
      EventNarrative|20|System.String|string StormSummary|21|System.Object|dynamic`;
    expect(t.rows.map((r) => r.map(String).join('|'))).toEqual(docs.split(/\s+/).filter(Boolean));
  });

  it('has_all is true only when every term is a whole term of the text', async () => {
    const t = await runOne(engine, "print a = 'one two' has_all ('one', 'two'), b = 'one two' has_all ('one', 'three'), c = 'one two' has_all ('on')");
    expect(t.rows).toEqual([[true, false, false]]);
  });
});

describe('math functions', () => {
  it('max_of prefers non-null values, null when all are null (docs "max_of()" data-table example)', async () => {
    const t = await runOne(engine, 'datatable (A: int, B: int)[1, 6, 8, 1, int(null), 2, 1, int(null), int(null), int(null)] | project result = max_of(A, B)');
    expect(t.rows).toEqual([[6], [8], [2], [1], [null]]);
  });

  it('min_of, ceiling, sign, exp10, exp2, isnan, atan2 (values by hand)', async () => {
    const t = await runOne(engine, 'print a = min_of(10, 1, -3, 17), b = ceiling(-1.1), c = ceiling(0.9), d = sign(-42), e = exp10(2), f = exp2(3), g = isnan(real(nan)), h = atan2(1, 1)');
    expect(t.rows).toEqual([[-3n, -1, 1, -1, 100, 8, true, Math.PI / 4]]);
  });
});

describe('top-nested', () => {
  it('keeps the top states by damage, then the top event types by count inside each', async () => {
    const t = await runOne(engine, 'StormEvents | top-nested 3 of State by sum(DamageProperty), top-nested 2 of EventType by n = count()');
    expect(typesOf(t)).toEqual(['State:string', 'aggregated_State:long', 'EventType:string', 'n:long']);
    const damage = new Map<string, number>();
    for (const r of rows) damage.set(at(storm.State, r), (damage.get(at(storm.State, r)) ?? 0) + at(storm.DamageProperty, r));
    const top = [...damage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const expected: unknown[][] = [];
    for (const [state, sum] of top) {
      const counts = new Map<string, number>();
      for (const r of rows) if (at(storm.State, r) === state) counts.set(at(storm.EventType, r), (counts.get(at(storm.EventType, r)) ?? 0) + 1);
      for (const [type, n] of [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 2)) expected.push([state, BigInt(sum), type, BigInt(n)]);
    }
    const key = (r: unknown[]) => `${String(r[0])}|${String(r[2])}`;
    expect([...t.rows].sort((a, b) => key(a).localeCompare(key(b)))).toEqual(expected.sort((a, b) => key(a).localeCompare(key(b))));
  });

  it('adds an others row per kept parent for the values not kept, not split further (docs: with others)', async () => {
    const t = await runOne(
      engine,
      `datatable(k1:string, k2:string, v:long)["a","x",1, "a","y",2, "a","z",4, "b","x",10, "b","y",1, "c","x",3, "d","x",1]
       | top-nested 2 of k1 with others = "other" by s = sum(v), top-nested 1 of k2 with others = "rest" by r = sum(v)`,
    );
    // Sums by k1: a 7, b 11, c 3, d 1 → b and a kept, c + d = 4 as "other"; inside b: x 10 kept, y 1 the rest; inside a: z 4, x + y = 3.
    const key = (r: unknown[]) => `${String(r[0])}|${String(r[2])}`;
    expect([...t.rows].sort((a, b) => key(a).localeCompare(key(b)))).toEqual([
      ['a', 7n, 'rest', 3n],
      ['a', 7n, 'z', 4n],
      ['b', 11n, 'rest', 1n],
      ['b', 11n, 'x', 10n],
      ['other', 4n, '', null],
    ]);
    const none = await runOne(engine, 'datatable(k:string, v:long)["a", 1, "b", 2] | top-nested 2 of k with others = "other" by sum(v) | order by k asc');
    expect(none.rows).toEqual([['a', 1n], ['b', 2n]]);
  });

  it('orders ascending when asked and keeps every value without a count', async () => {
    const t = await runOne(engine, 'datatable(k:string, v:long)["a", 5, "a", 1, "b", 2, "c", 9] | top-nested 2 of k by m = min(v) asc | order by m asc');
    expect(t.rows).toEqual([['a', 1n], ['b', 2n]]);
    const all = await runOne(engine, 'datatable(k:string, v:long)["a", 5, "b", 2] | top-nested of k by sum(v) | order by k asc');
    expect(all.rows).toEqual([['a', 5n], ['b', 2n]]);
  });
});

describe('user-defined functions', () => {
  it('calls scalar functions with parameters, defaults and local lets', async () => {
    const t = await runOne(engine, 'let f = (x:long, y:long = 2) { let z = x * y; z + 1 }; print a = f(3), b = f(3, 5), c = f(f(1))');
    expect(typesOf(t)).toEqual(['a:long', 'b:long', 'c:long']);
    expect(t.rows).toEqual([[7n, 16n, 7n]]);
  });

  it('calls tabular functions with parameters and scalar functions over columns', async () => {
    const t = await runOne(
      engine,
      'let damaging = (minDamage:int, st:string) { StormEvents | where DamageProperty > minDamage and State == st }; let total = (a:int, b:int) { a + b }; damaging(5000, "TEXAS") | summarize n = count(), s = sum(total(DamageProperty, DamageCrops))',
    );
    const picked = rows.filter((r) => at(storm.DamageProperty, r) > 5000 && at(storm.State, r) === 'TEXAS');
    expect(t.rows).toEqual([[BigInt(picked.length), BigInt(picked.reduce((a, r) => a + at(storm.DamageProperty, r) + at(storm.DamageCrops, r), 0))]]);
  });
});

describe('datetime and timespan functions', () => {
  it('returns the last tick of the period for endofday/week/month/year', async () => {
    const t = await runOne(
      engine,
      'print d = endofday(datetime(2007-01-01 10:00)), w = endofweek(datetime(2007-01-10)), m = endofmonth(datetime(2008-02-10)), y = endofyear(datetime(2007-02-10)), s = tostring(endofday(datetime(2007-03-04))), inside = datetime(2007-01-01 23:59:59.999999) <= endofday(datetime(2007-01-01))',
    );
    // 2007-01-10 is a Wednesday; Kusto weeks run Sunday..Saturday.
    expect(t.rows).toEqual([
      ['2007-01-01T23:59:59.9999999Z', '2007-01-13T23:59:59.9999999Z', '2008-02-29T23:59:59.9999999Z', '2007-12-31T23:59:59.9999999Z', '2007-03-04T23:59:59.9999999Z', true],
    ]);
  });

  it('formats timespans with .NET custom patterns (docs examples)', async () => {
    const t = await runOne(engine, "print a = format_timespan(time(1d), 'd-[hh:mm:ss]'), b = format_timespan(time('12:30:55.123'), 'ddddd-[hh:mm:ss.ffff]'), c = format_timespan(90m, 'h\\\\hmm'), d = tostring(time(1.02:03:04.5))");
    expect(t.rows).toEqual([['1-[00:00:00]', '00000-[12:30:55.1230]', '1h30', '1.02:03:04.5000000']]);
  });
});

describe('in with dynamic arrays', () => {
  it('takes the elements of dynamic arrays as values', async () => {
    const t = await runQuery(
      engine,
      'StormEvents | where State in (dynamic(["TEXAS", "IOWA"]), "OHIO") | count; StormEvents | where State !in (dynamic(["TEXAS"])) | count; StormEvents | where State in~ (dynamic(["texas"])) | count; print x = 2 in (dynamic([1, 2])), y = 3 in (dynamic([1, 2]))',
    );
    const count = (p: (s: string) => boolean) => BigInt(rows.filter((r) => p(at(storm.State, r))).length);
    expect(t.map((x) => x.rows[0])).toEqual([
      [count((s) => ['TEXAS', 'IOWA', 'OHIO'].includes(s))],
      [count((s) => s !== 'TEXAS')],
      [count((s) => s === 'TEXAS')],
      [true, false],
    ]);
  });
});

describe('aggregate defaults and rounding (Kusto docs)', () => {
  it('returns 0 for sum, sumif, stdev, variance, count and dcount of no rows; null for avg; [] for make_list', async () => {
    const t = await runOne(engine, 'StormEvents | where State == "NOWHERE" | summarize sum(DamageProperty), sumif(DamageProperty, true), stdev(DamageProperty), variance(DamageProperty), count(), dcount(State), avg(DamageProperty), make_list(State)');
    expect(t.rows).toEqual([[0n, 0n, 0, 0, 0n, 0n, null, []]]);
  });

  it('matches the round() examples of the docs', async () => {
    const t = await runOne(engine, 'print round(2.98765, 3), round(2.15, 1), round(2.15), round(-50.55, -2), round(21.5, -1)');
    expect(t.rows).toEqual([[2.988, 2.2, 2, -100, 20]]);
  });
});

describe('refusals name what is unsupported', () => {
  it.each([
    ['StormEvents | summarize count() by StartTime bin=1d', "'summarize … by … bin='"],
  ])('refuses %s', async (csl, fragment) => {
    const e = await runQuery(engine, csl).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(KustoEngineError);
    expect((e as KustoEngineError).kind).toBe('unsupported');
    expect((e as KustoEngineError).message).toContain(fragment);
  });
});
