/**
 * 100 ns ticks vs DuckDB micros. Expected values come from the Kusto docs' semantics, not from the
 * engine: endof*() is the last tick of the period; datetime_diff counts period boundaries
 * (docs example: microsecond = 100, nanosecond = -700); tolong(datetime) is ticks since
 * 0001-01-01, i.e. 621355968000000000 (.NET DateTime.UnixEpoch.Ticks) + Unix seconds × 10^7.
 */
import { describe, expect, it } from 'vitest';
import { runOne, runQuery, engineUnderTest } from './testing/host';
import { KustoEngineError } from './types';

const engine = engineUnderTest();

async function row(csl: string): Promise<unknown[]> {
  const t = await runOne(engine, csl);
  return t.rows[0] ?? [];
}

async function refusal(csl: string): Promise<KustoEngineError> {
  try {
    await runQuery(engine, csl);
  } catch (e) {
    if (e instanceof KustoEngineError) return e;
    throw e;
  }
  throw new Error(`expected ${csl} to be refused`);
}

const d = 'datetime(2017-01-01 10:10:17)';

describe('ticks survive datetime arithmetic', () => {
  it('keeps the last tick of endof*() through ± timespan, datetime_add, tostring and format_datetime', async () => {
    expect(
      await row(
        `print a = endofday(${d}) - 1h, b = endofmonth(${d}) + 1d, c = datetime_add('month', 1, endofmonth(${d})), ` +
          `e = datetime_add('hour', -1, endofday(${d})), f = tostring(endofday(${d}) - 1h), ` +
          `g = format_datetime(endofyear(${d}) + 1s, 'yyyy-MM-dd HH:mm:ss.fffffff'), h = 1h + endofday(${d})`,
      ),
    ).toEqual([
      '2017-01-01T22:59:59.9999999Z',
      '2017-02-01T23:59:59.9999999Z',
      // .NET AddMonths clamps to the last day of February (2017 is not a leap year).
      '2017-02-28T23:59:59.9999999Z',
      '2017-01-01T22:59:59.9999999Z',
      '2017-01-01T22:59:59.9999999Z',
      '2018-01-01 00:00:00.9999999',
      '2017-01-02T00:59:59.9999999Z',
    ]);
  });

  it('floors (not truncates toward 1970) before bin, startof* and date parts, also before 1970', async () => {
    const old = 'endofday(datetime(1960-01-01))';
    expect(
      await row(
        `print a = bin(endofday(${d}), 1h), b = startofday(${old}), c = hourofday(${old}), d = bin(${old}, 1d), ` +
          `e = format_datetime(${old}, 'yyyy-MM-dd HH:mm:ss'), f = getmonth(endofyear(datetime(1960-06-01))), g = startofweek(${old}), h = ${old} - 1h`,
      ),
    ).toEqual([
      '2017-01-01T23:00:00.0000000Z',
      '1960-01-01T00:00:00.0000000Z',
      23,
      '1960-01-01T00:00:00.0000000Z',
      '1960-01-01 23:59:59',
      12,
      // 1960-01-01 was a Friday; Kusto weeks start on Sunday.
      '1959-12-27T00:00:00.0000000Z',
      '1960-01-01T22:59:59.9999999Z',
    ]);
  });

  it('reads 7-digit datetime literals and strings as ticks, and compares ticks exactly', async () => {
    expect(
      await row(
        `print a = datetime(2017-10-30 23:00:00.1009001), b = todatetime('2017-10-30 23:00:00.1009001'), ` +
          `c = endofday(${d}) > datetime(2017-01-01 23:59:59.999999), e = endofday(${d}) == datetime(2017-01-01 23:59:59.9999999)`,
      ),
    ).toEqual(['2017-10-30T23:00:00.1009001Z', '2017-10-30T23:00:00.1009001Z', true, true]);
  });

  it('counts period boundaries in datetime_diff down to nanoseconds (the docs example)', async () => {
    expect(
      await row(
        `print year = datetime_diff('year',datetime(2017-01-01),datetime(2000-12-31)),
          quarter = datetime_diff('quarter',datetime(2017-07-01),datetime(2017-03-30)),
          month = datetime_diff('month',datetime(2017-01-01),datetime(2015-12-30)),
          day = datetime_diff('day',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
          hour = datetime_diff('hour',datetime(2017-10-31 01:00),datetime(2017-10-30 23:59)),
          minute = datetime_diff('minute',datetime(2017-10-30 23:05:01),datetime(2017-10-30 23:00:59)),
          second = datetime_diff('second',datetime(2017-10-30 23:00:10.100),datetime(2017-10-30 23:00:00.900)),
          millisecond = datetime_diff('millisecond',datetime(2017-10-30 23:00:00.200100),datetime(2017-10-30 23:00:00.100900)),
          microsecond = datetime_diff('microsecond',datetime(2017-10-30 23:00:00.1009001),datetime(2017-10-30 23:00:00.1008009)),
          nanosecond = datetime_diff('nanosecond',datetime(2017-10-30 23:00:00.0000000),datetime(2017-10-30 23:00:00.0000007))`,
      ),
    ).toEqual([17n, 2n, 13n, 29n, 2n, 5n, 10n, 100n, 100n, -700n]);
  });

  it('converts datetimes and timespans to and from longs as ticks', async () => {
    expect(
      await row(
        `print a = tolong(datetime(2015-05-19 12:00:00)), b = tolong(datetime(1970-01-01)), c = tolong(endofday(datetime(1970-01-01))), ` +
          `e = todatetime(635676336000000001), f = tolong(1s), g = tolong(10tick), h = 10tick`,
      ),
    ).toEqual([635676336000000000n, 621355968000000000n, 621356831999999999n, '2015-05-19T12:00:00.0000001Z', 10000000n, 10n, '00:00:00.0000010']);
  });

  it('subtracts datetimes and scales timespans when the result is whole micros', async () => {
    expect(
      await row(`print a = endofday(datetime(2017-01-02)) - endofday(${d}), b = 1h / 4, c = 1ms * 1.5, e = ${d} - datetime(2017-01-01)`),
    ).toEqual(['1.00:00:00', '00:15:00', '00:00:00.0015000', '10:10:17']);
  });

  it('scales a timespan by an integer exactly, either side, negative too', async () => {
    expect(await row(`print a = 1s * 3, b = -2 * 1ms, c = datetime(2024-01-01) + 500000 * 1s, d = 1microsecond * 20, e = toint(7) * 1d`)).toEqual([
      '00:00:03', '-00:00:00.0020000', '2024-01-06T18:53:20.0000000Z', '00:00:00.0000200', '7.00:00:00',
    ]);
    const r = await runOne(engine, 'range x from 1 to 3 step 1 | extend t = datetime(2024-01-01) + x * 1s');
    expect(r.rows.map((row) => row[1])).toEqual(['2024-01-01T00:00:01.0000000Z', '2024-01-01T00:00:02.0000000Z', '2024-01-01T00:00:03.0000000Z']);
  });

  it('runs a datetime range whose ends carry ticks', async () => {
    const up = await runOne(engine, `range x from startofday(${d}) to endofday(${d}) step 6h`);
    expect(up.rows.map((r) => r[0])).toEqual(['2017-01-01T00:00:00.0000000Z', '2017-01-01T06:00:00.0000000Z', '2017-01-01T12:00:00.0000000Z', '2017-01-01T18:00:00.0000000Z']);
    const fromTick = await runOne(engine, `range x from endofday(${d}) to datetime(2017-01-02 12:00) step 6h`);
    expect(fromTick.rows.map((r) => r[0])).toEqual(['2017-01-01T23:59:59.9999999Z', '2017-01-02T05:59:59.9999999Z', '2017-01-02T11:59:59.9999999Z']);
  });

  it('averages timespans in ticks', async () => {
    expect(await row('datatable(t:timespan)[1ms, 2ms] | summarize avg(t)')).toEqual(['00:00:00.0015000']);
  });
});

describe('what micros cannot hold is refused, naming it', () => {
  it.each([
    // Kusto: 23:59:59.9999999; an INTERVAL holds micros.
    ['print endofday(datetime(2017-01-01)) - startofday(datetime(2017-01-01))', /whole number of microseconds/],
    ['print 1ms / 3', /whole number of microseconds/],
    ['datatable(t:timespan)[time(00:00:00.000001), time(00:00:00.000002)] | summarize avg(t)', /avg\(\) of timespans/],
    ['print todatetime("2017-10-30 23:00:00.10090011")', /more than 7 fraction digits/],
    ['print datetime(1500-01-01)', /before 1677-09-21/],
  ])('%s', async (csl, message) => {
    const e = await refusal(csl);
    expect(e.kind).toBe('unsupported');
    expect(e.message).toMatch(message);
  });

  it.each([
    ['print 1tick', /sub-microsecond timespans \(1tick\)/],
    ['print bin(now(), 1tick)', /sub-microsecond timespans \(1tick\)/],
    ['print time(00:00:00.0000001)', /sub-microsecond timespans/],
    ["print datetime_add('nanosecond', 100, now())", /'datetime_add'.*nanosecond/],
    ['print toint(now())', /'toint'.*datetime/],
    ['print todouble(1s)', /'todouble'.*timespan/],
    ['print todatetime(1.5)', /'todatetime'.*real/],
  ])('%s', async (csl, message) => {
    const e = await refusal(csl);
    expect(e.kind).toBe('unsupported');
    expect(e.message).toMatch(message);
  });
});
