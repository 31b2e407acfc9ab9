/**
 * The translator gives whole-micro datetimes (stored columns, startof*, bin …) plain DuckDB SQL and
 * values that may carry 100 ns ticks the floor-to-micros path. Both must agree: the same instant
 * through each path (t = a datatable column, n = todatetime(tolong(t)), which is not provably
 * whole micros) gives the same result, and a value one tick below the next micro (n7 = …9999999)
 * gives the same result as its micro floor for everything that floors.
 */
import { describe, expect, it } from 'vitest';
import { runOne, engineUnderTest } from './testing/host';

const engine = engineUnderTest();

// Pre-1970 (where truncation toward zero and floor differ), the last micro of a day/month/year,
// leap days (2016, 2000) and the day before a non-leap 1 March (1900).
const VALUES = [
  '1960-01-01 23:59:59.999999',
  '1969-12-31 23:59:59.999999',
  '1970-01-01 00:00:00',
  '1900-02-28 23:59:59.999999',
  '2000-02-29 00:00:00.000001',
  '2016-02-29 23:59:59.999999',
  '2024-12-31 23:59:59.999999',
];

const SOURCE =
  `datatable(t:datetime)[${VALUES.map((v) => `datetime(${v})`).join(', ')}]` +
  ' | extend n = todatetime(tolong(t)), n7 = todatetime(tolong(t) + 9)';

/** Functions that read only the micro floor: t, n and n7 must all agree. */
const FLOORING = [
  'hourofday(X)', 'dayofweek(X)', 'dayofmonth(X)', 'dayofyear(X)', 'getmonth(X)', 'getyear(X)',
  'startofday(X)', 'startofweek(X)', 'startofmonth(X)', 'startofyear(X)',
  'endofday(X)', 'endofweek(X)', 'endofmonth(X)', 'endofyear(X)',
  'bin(X, 1h)', 'bin(X, 7d)', 'floor(X, 1d)', "format_datetime(X, 'yyyy-MM-dd HH:mm:ss')",
  "datetime_diff('day', X, datetime(2000-01-01))", "datetime_diff('month', datetime(2000-01-01), X)",
  "datetime_diff('microsecond', X, datetime(1970-01-01))", 'tostring(startofday(X) + 1h)', 'hourofday(bin(X, 1d) + 1h)',
];

/** Functions that see every tick: t and n must agree (n7 is a different instant). */
const EXACT = [
  'X + 1h', 'X - 1d', '1h + X', 'tostring(X - 1s)', "datetime_add('month', 1, X)", "datetime_add('year', -1, X)",
  "datetime_add('day', 1, X)", "datetime_add('microsecond', 1, X)", "datetime_add('millisecond', -1, X)",
  'X - datetime(1970-01-01)', 'datetime(2000-01-01) - X', 'tolong(X)', 'X between (datetime(1969-12-31) .. 1d)',
  "format_datetime(X + 1d, 'yyyy-MM-dd HH:mm:ss.fffffff')", 'iff(X > datetime(1970-01-01), X, X + 1h)',
];

async function columns(expr: string, names: string[]): Promise<unknown[][]> {
  const csl = `${SOURCE} | project ${names.map((x) => `${x} = ${expr.replaceAll('X', x)}`).join(', ')}`;
  const t = await runOne(engine, csl);
  return names.map((_, i) => t.rows.map((r) => r[i]));
}

describe('whole-micro fast path and 100 ns careful path agree', () => {
  it('takes the fast path for whole micros and the careful path otherwise', () => {
    const [fast] = engine.sqlOf('Samples', `${SOURCE} | project hourofday(t), bin(t, 1h), t + 1h, startofday(t + 1h)`);
    const [careful] = engine.sqlOf('Samples', `${SOURCE} | project hourofday(n), bin(n, 1h), n + 1h`);
    const last = (sql: string | undefined) => (sql ?? '').split('AS (').at(-1) ?? '';
    expect(last(fast)).not.toMatch(/kql_floor_us|kql_add_ns/);
    expect(last(careful)).toMatch(/hour\(kql_floor_us\("n"\)\)/);
    expect(last(careful)).toMatch(/time_bucket\([^,]+, kql_floor_us\("n"\)/);
    expect(last(careful)).toMatch(/kql_add_ns\("n"/);
  });

  it.each(FLOORING)('%s: same for a stored micro, the same micro as 100 ns, and one tick below the next micro', async (expr) => {
    const [t, n, n7] = await columns(expr, ['t', 'n', 'n7']);
    expect(t).toHaveLength(VALUES.length);
    expect(n).toEqual(t);
    expect(n7).toEqual(t);
  });

  it.each(EXACT)('%s: same for a stored micro and the same micro as 100 ns', async (expr) => {
    const [t, n] = await columns(expr, ['t', 'n']);
    expect(t).toHaveLength(VALUES.length);
    expect(n).toEqual(t);
  });

  it('gives the docs values on the boundaries through the fast path', async () => {
    const t = await runOne(
      engine,
      `${SOURCE} | project h = hourofday(t), d = startofday(t), m = getmonth(t), e = endofday(t), b = bin(t, 1d), p = t + 1h, s = t - datetime(1960-01-01)`,
    );
    expect(t.rows.slice(0, 2)).toEqual([
      [23, '1960-01-01T00:00:00.0000000Z', 1, '1960-01-01T23:59:59.9999999Z', '1960-01-01T00:00:00.0000000Z', '1960-01-02T00:59:59.9999990Z', '23:59:59.9999990'],
      [23, '1969-12-31T00:00:00.0000000Z', 12, '1969-12-31T23:59:59.9999999Z', '1969-12-31T00:00:00.0000000Z', '1970-01-01T00:59:59.9999990Z', '3652.23:59:59.9999990'],
    ]);
    // 2016-02-29 is a leap day: startofmonth is February, +1d lands on 1 March.
    const leap = await runOne(engine, `${SOURCE} | where getyear(t) == 2016 | project startofmonth(t), t + 1d, dayofyear(t)`);
    expect(leap.rows).toEqual([['2016-02-01T00:00:00.0000000Z', '2016-03-01T23:59:59.9999990Z', 60]]);
  });
});

describe('precision is tracked through operators', () => {
  const old = 'datatable(t:datetime)[datetime(1960-01-01)]';
  // endofday(1960-01-01) is …23:59:59.9999999: truncating it toward 1970 would say hour 0 of 2 January.
  const expectLastTick = (rows: unknown[][]) => expect(rows).toEqual([[23, '1960-01-01T00:00:00.0000000Z']]);

  it('extend that replaces a stored column with 100 ns values', async () => {
    expectLastTick((await runOne(engine, `${old} | extend t = endofday(t) | project hourofday(t), startofday(t)`)).rows);
  });

  it('extend reading a 100 ns column of an earlier extend', async () => {
    expectLastTick((await runOne(engine, `${old} | extend e = endofday(t) | extend f = e - 1h + 1h | project hourofday(f), startofday(f)`)).rows);
  });

  it('rename, project, summarize by and a user function', async () => {
    const csl =
      'let f = (x:datetime) { x }; ' +
      `${old} | project e = endofday(t) | project-rename r = e | summarize by r | project hourofday(f(r)), startofday(r)`;
    expectLastTick((await runOne(engine, csl)).rows);
  });

  it('union of a stored column with a 100 ns one, and join', async () => {
    const u = await runOne(engine, `union (${old}), (${old} | extend t = endofday(t)) | project h = hourofday(t), d = startofday(t) | order by h asc`);
    expect(u.rows).toEqual([
      [0, '1960-01-01T00:00:00.0000000Z'],
      [23, '1960-01-01T00:00:00.0000000Z'],
    ]);
    const j = await runOne(engine, `${old} | extend k = 1 | join kind=inner (${old} | extend k = 1, e = endofday(t)) on k | project hourofday(t), hourofday(e), startofday(e)`);
    expect(j.rows).toEqual([[0, 23, '1960-01-01T00:00:00.0000000Z']]);
  });

  it('aggregates and let values count as 100 ns', async () => {
    expectLastTick((await runOne(engine, `${old} | summarize m = max(endofday(t)) | project hourofday(m), startofday(m)`)).rows);
    expectLastTick((await runOne(engine, `let e = endofday(datetime(1960-01-01)); print hourofday(e), startofday(e)`)).rows);
  });

  it('range from a whole micro and from a 100 ns value', async () => {
    const micro = await runOne(engine, 'range x from datetime(1960-01-01 22:00) to datetime(1960-01-02) step 1h | project x, hourofday(x)');
    expect(micro.rows).toEqual([
      ['1960-01-01T22:00:00.0000000Z', 22],
      ['1960-01-01T23:00:00.0000000Z', 23],
      ['1960-01-02T00:00:00.0000000Z', 0],
    ]);
    const ns = await runOne(engine, 'range x from endofday(datetime(1960-01-01)) - 2h to datetime(1960-01-02) step 1h | project x, hourofday(x)');
    expect(ns.rows).toEqual([
      ['1960-01-01T21:59:59.9999999Z', 21],
      ['1960-01-01T22:59:59.9999999Z', 22],
      ['1960-01-01T23:59:59.9999999Z', 23],
    ]);
  });
});
