/**
 * Datetime text formats (docs "The datetime data type", Supported formats) through both parsers:
 * `datetime('…')` literals (JS, at translation) and todatetime() of a column (SQL, at run time).
 * Expected instants are written by hand from each example's fields; zones from RFC 822 §5.1.
 */
import { describe, expect, it } from 'vitest';
import { parseDatetimeText } from './datetime-text';
import { engineError, runOne, engineUnderTest } from './testing/host';

const engine = engineUnderTest();

const CASES: [text: string, utc: string | null][] = [
  // ISO 8601
  ['2014-05-25T08:20:03.123456Z', '2014-05-25T08:20:03.1234560Z'],
  ['2014-05-25T08:20:03.123456', '2014-05-25T08:20:03.1234560Z'],
  ['2014-05-25T08:20', '2014-05-25T08:20:00.0000000Z'],
  ['2014-11-08 15:55:55.123456Z', '2014-11-08T15:55:55.1234560Z'],
  ['2014-11-08 15:55:55', '2014-11-08T15:55:55.0000000Z'],
  ['2014-11-08 15:55', '2014-11-08T15:55:00.0000000Z'],
  ['2014-11-08', '2014-11-08T00:00:00.0000000Z'],
  ['2015-12-31 23:59:59.9', '2015-12-31T23:59:59.9000000Z'],
  ['2014-05-25T08:20:03.1234567Z', '2014-05-25T08:20:03.1234567Z'],
  ['2014-05-25T08:20:03+01:00', '2014-05-25T07:20:03.0000000Z'],
  ['2014-05-25T08:20:03-0530', '2014-05-25T13:50:03.0000000Z'],
  // RFC 822
  ['Sat, 8 Nov 14 15:05:02 GMT', '2014-11-08T15:05:02.0000000Z'],
  ['Sat, 8 Nov 14 15:05:02', '2014-11-08T15:05:02.0000000Z'],
  ['Sat, 8 Nov 14 15:05', '2014-11-08T15:05:00.0000000Z'],
  ['Sat, 8 Nov 14 15:05 GMT', '2014-11-08T15:05:00.0000000Z'],
  ['8 Nov 14 15:05:02 GMT', '2014-11-08T15:05:02.0000000Z'],
  ['8 Nov 14 15:05:02', '2014-11-08T15:05:02.0000000Z'],
  ['8 Nov 14 15:05', '2014-11-08T15:05:00.0000000Z'],
  ['8 Nov 14 15:05 GMT', '2014-11-08T15:05:00.0000000Z'],
  ['8 Nov 14 15:05 EST', '2014-11-08T20:05:00.0000000Z'],
  ['8 Nov 14 15:05 PDT', '2014-11-08T22:05:00.0000000Z'],
  // RFC 1123 (four-digit year)
  ['Sat, 08 Nov 2014 15:05:02 GMT', '2014-11-08T15:05:02.0000000Z'],
  // RFC 850
  ['Saturday, 08-Nov-14 15:05:02 GMT', '2014-11-08T15:05:02.0000000Z'],
  ['Saturday, 08-Nov-14 15:05:02', '2014-11-08T15:05:02.0000000Z'],
  ['Saturday, 08-Nov-14 15:05 GMT', '2014-11-08T15:05:00.0000000Z'],
  ['Saturday, 08-Nov-14 15:05', '2014-11-08T15:05:00.0000000Z'],
  ['08-Nov-14 15:05:02 GMT', '2014-11-08T15:05:02.0000000Z'],
  ['08-Nov-14 15:05:02', '2014-11-08T15:05:02.0000000Z'],
  ['08-Nov-14 15:05 GMT', '2014-11-08T15:05:00.0000000Z'],
  ['08-Nov-14 15:05', '2014-11-08T15:05:00.0000000Z'],
  // Two-digit years: .NET's window puts 30–99 in the 1900s.
  ['08-Nov-30 15:05', '1930-11-08T15:05:00.0000000Z'],
  ['08-Nov-29 15:05', '2029-11-08T15:05:00.0000000Z'],
  // Sortable
  ['2014-11-08 15:05:25 GMT', '2014-11-08T15:05:25.0000000Z'],
  ['2014-11-08T15:05:25 GMT', '2014-11-08T15:05:25.0000000Z'],
  ['2014-11-08T15:05 GMT', '2014-11-08T15:05:00.0000000Z'],
  // US month-day-year (docs "todatetime()": todatetime('12-02-2022') == datetime('12-02-2022'))
  ['12-02-2022', '2022-12-02T00:00:00.0000000Z'],
  ['12/02/2022 10:30', '2022-12-02T10:30:00.0000000Z'],
  // Not datetimes
  ['2014-02-30', null],
  ['8 Foo 14 15:05', null],
  ['hello', null],
  ['2014-11-08 25:00', null],
];

const v2 = (text: string) => `${text.replace(' ', 'T')}Z`;

describe('datetime text formats', () => {
  it.each(CASES)('the JS parser reads %s', (text, utc) => {
    const parsed = parseDatetimeText(text);
    expect(parsed ? v2(parsed.text) : null).toBe(utc);
  });

  it('todatetime() of a column reads every case as the JS parser does', async () => {
    const values = CASES.map(([text]) => JSON.stringify(text)).join(', ');
    const t = await runOne(engine, `datatable(s:string)[${values}] | project d = todatetime(s)`);
    expect(t.rows.map((r) => r[0])).toEqual(CASES.map(([, utc]) => utc));
  });

  it('reads quoted datetime literals in every parsable format', async () => {
    const parsable = CASES.filter(([, utc]) => utc !== null);
    const t = await runOne(engine, `print ${parsable.map(([text], i) => `d${i} = datetime(${JSON.stringify(text)})`).join(', ')}`);
    expect(t.rows[0]).toEqual(parsable.map(([, utc]) => utc));
  });

  it('gives the wrong answer of the issue right: todatetime("Sat, 8 Nov 14 15:05:02 GMT") is not null', async () => {
    const t = await runOne(engine, 'print todatetime("Sat, 8 Nov 14 15:05:02 GMT"), todatetime(\'12-02-2022\') == datetime(\'12-02-2022\')');
    expect(t.rows).toEqual([['2014-11-08T15:05:02.0000000Z', true]]);
  });

  it('refuses a literal it cannot read, naming it', async () => {
    const e = await engineError(engine, 'print datetime("8 Foo 14")');
    expect(e.kind).toBe('unsupported');
    expect(e.message).toContain('datetime(');
  });
});

describe('datetime functions from the docs', () => {
  it('datetime_part (docs "datetime_part()")', async () => {
    const t = await runOne(
      engine,
      `let dt = datetime(2017-10-30 01:02:03.7654321);
print
year = datetime_part("year", dt),
quarter = datetime_part("quarter", dt),
month = datetime_part("month", dt),
weekOfYear = datetime_part("week_of_year", dt),
day = datetime_part("day", dt),
dayOfYear = datetime_part("dayOfYear", dt),
hour = datetime_part("hour", dt),
minute = datetime_part("minute", dt),
second = datetime_part("second", dt),
millisecond = datetime_part("millisecond", dt),
microsecond = datetime_part("microsecond", dt),
nanosecond = datetime_part("nanosecond", dt)`,
    );
    expect(t.rows).toEqual([[2017, 4, 10, 44, 30, 303, 1, 2, 3, 765, 765432, 765432100]]);
  });

  it('week_of_year (docs "week_of_year()")', async () => {
    const t = await runOne(engine, 'print week_of_year(datetime(2020-12-31)), week_of_year(datetime(2020-06-15)), week_of_year(datetime(1970-01-01)), week_of_year(datetime(2000-01-01))');
    expect(t.rows).toEqual([[53, 25, 1, 52]]);
  });

  it('datetime_diff, also by week (docs "datetime_diff()")', async () => {
    const t = await runOne(
      engine,
      `print
year = datetime_diff('year',datetime(2017-01-01),datetime(2000-12-31)),
quarter = datetime_diff('quarter',datetime(2017-07-01),datetime(2017-03-30)),
month = datetime_diff('month',datetime(2017-01-01),datetime(2015-12-30)),
week = datetime_diff('week',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
day = datetime_diff('day',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
hour = datetime_diff('hour',datetime(2017-10-31 01:00),datetime(2017-10-30 23:59)),
minute = datetime_diff('minute',datetime(2017-10-30 23:05:01),datetime(2017-10-30 23:00:59)),
second = datetime_diff('second',datetime(2017-10-30 23:00:10.100),datetime(2017-10-30 23:00:00.900)),
millisecond = datetime_diff('millisecond',datetime(2017-10-30 23:00:00.200100),datetime(2017-10-30 23:00:00.100900)),
microsecond = datetime_diff('microsecond',datetime(2017-10-30 23:00:00.1009001),datetime(2017-10-30 23:00:00.1008009)),
nanosecond = datetime_diff('nanosecond',datetime(2017-10-30 23:00:00.0000000),datetime(2017-10-30 23:00:00.0000007))`,
    );
    expect(t.rows).toEqual([[17n, 2n, 13n, 5n, 29n, 2n, 5n, 10n, 100n, 100n, -700n]]);
  });

  it('bin_at (docs "bin_at()")', async () => {
    const t = await runOne(
      engine,
      `print bin_at(6.5, 2.5, 7), bin_at(time(1h), 1d, 12h),
  bin_at(datetime(2017-05-15 10:20:00.0), 1d, datetime(1970-01-01 12:00:00.0)),
  bin_at(datetime(2017-05-17 10:20:00.0), 7d, datetime(2017-06-04 00:00:00.0))`,
    );
    expect(t.rows).toEqual([[4.5, '-12:00:00', '2017-05-14T12:00:00.0000000Z', '2017-05-14T00:00:00.0000000Z']]);
    const s = await runOne(
      engine,
      `datatable(Date:datetime, NumOfEvents:int)[
datetime(2018-02-24T15:14),3,
datetime(2018-02-24T15:24),4,
datetime(2018-02-23T16:14),4,
datetime(2018-02-23T17:29),4,
datetime(2018-02-26T15:14),5]
| summarize TotalEvents=sum(NumOfEvents) by bin_at(Date, 1d, datetime(2018-02-24 15:14:00.0000000))
| order by Date asc`,
    );
    expect(s.columns.map((c) => c.ColumnName)).toEqual(['Date', 'TotalEvents']);
    expect(s.rows).toEqual([
      ['2018-02-23T15:14:00.0000000Z', 8n],
      ['2018-02-24T15:14:00.0000000Z', 7n],
      ['2018-02-26T15:14:00.0000000Z', 5n],
    ]);
  });

  it('bin of a timespan, make_datetime, make_timespan, unixtime_*_todatetime, totimespan of a string', async () => {
    const t = await runOne(
      engine,
      `print bin(time(1.5h), 1h), bin(time(-10m), 1h),
  make_datetime(2017,10,01,12,10), make_datetime(2017,10,01), make_datetime(2017,10,01,12,11,0.1234567),
  make_timespan(1,12,30,55), make_timespan(12,30,55), make_timespan(12,30),
  unixtime_seconds_todatetime(1546300800), unixtime_milliseconds_todatetime(1546300800123), unixtime_microseconds_todatetime(1546300800123456),
  totimespan("0.00:01:00"), totimespan("-1.02:03:04.5"), totimespan("nope")`,
    );
    expect(t.rows).toEqual([
      [
        '01:00:00',
        '-01:00:00',
        '2017-10-01T12:10:00.0000000Z',
        '2017-10-01T00:00:00.0000000Z',
        '2017-10-01T12:11:00.1234567Z',
        '1.12:30:55',
        '12:30:55',
        '12:30:00',
        '2019-01-01T00:00:00.0000000Z',
        '2019-01-01T00:00:00.1230000Z',
        '2019-01-01T00:00:00.1234560Z',
        '00:01:00',
        '-1.02:03:04.5000000',
        null,
      ],
    ]);
  });
});

describe('range over datetimes, timespans and reals', () => {
  it('gives the wrong answer of the issue right: range Offset from 0h to 6h step 90m is 5 rows', async () => {
    const t = await runOne(engine, 'range Offset from 0h to 6h step 90m');
    expect(t.columns).toEqual([{ ColumnName: 'Offset', ColumnType: 'timespan' }]);
    expect(t.rows).toEqual([['00:00:00'], ['01:30:00'], ['03:00:00'], ['04:30:00'], ['06:00:00']]);
  });

  it('steps reals by index and stops at the bound', async () => {
    const t = await runOne(engine, 'range x from 1.0 to 2.2 step 0.5');
    expect(t.rows).toEqual([[1], [1.5], [2]]);
  });

  it('unions two datetime ranges in order (docs "range operator", Combine different stop times)', async () => {
    const t = await runOne(
      engine,
      `let Range1 = range Time from datetime(2024-01-01) to datetime(2024-01-05) step 1d;
let Range2 = range Time from datetime(2024-01-06) to datetime(2024-01-10) step 1d;
union Range1, Range2
| order by Time asc`,
    );
    expect(t.rows.map((r) => r[0])).toEqual(Array.from({ length: 10 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}T00:00:00.0000000Z`));
  });

  it('steps by three (docs "range operator", Incremented steps)', async () => {
    const t = await runOne(engine, 'range Steps from 1 to 8 step 3');
    expect(t.rows).toEqual([[1n], [4n], [7n]]);
  });
});
