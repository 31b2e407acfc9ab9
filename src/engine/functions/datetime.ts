/** Datetime and timespan functions (Kusto docs "Date and time functions"), on DuckDB's micros with 100 ns ticks kept (README "Ticks"). */
import { unsupportedFunction } from '../errors';
import type { KNode } from '../kusto-language';
import { duckType, quoteString } from '../kusto-types';
import { isNumeric, typeOf } from '../values';
import { alwaysMicro, arg, fn, type FunctionSpec, type FunctionTable, microWhen, type ScalarContext } from './library';

const datePart = (part: string): FunctionSpec => fn(1, 1, (t, a, c) => `CAST(${part}(${t.floorUs(arg(a, 0, c))}) AS INTEGER)`);

// .NET custom date/time format specifiers (Kusto format_datetime) → strftime pieces.
const DOTNET_FORMAT: [RegExp, string][] = [
  [/^yyyy/, '%Y'], [/^yy/, '%y'], [/^MM/, '%m'], [/^M/, '%-m'], [/^dd/, '%d'], [/^d/, '%-d'],
  [/^HH/, '%H'], [/^H/, '%-H'], [/^hh/, '%I'], [/^h/, '%-I'], [/^mm/, '%M'], [/^m/, '%-M'],
  [/^ss/, '%S'], [/^s/, '%-S'], [/^tt/, '%p'],
];

function formatDatetime(t: ScalarContext, args: KNode[], call: KNode): string {
  const valueNode = arg(args, 0, call);
  const value = t.translate(valueNode);
  const floor = t.floorUs(valueNode, value);
  let fmt = t.literalString(args[1], call);
  const pieces: string[] = [];
  while (fmt.length > 0) {
    const frac = /^f{1,7}/.exec(fmt);
    if (frac) {
      const digits = frac[0].length;
      pieces.push(`substr(strftime(CAST(${value} AS TIMESTAMP_NS), '%n'), 1, ${digits})`);
      fmt = fmt.slice(digits);
      continue;
    }
    const spec = DOTNET_FORMAT.find(([re]) => re.test(fmt));
    if (spec) {
      pieces.push(`strftime(${floor}, '${spec[1]}')`);
      fmt = fmt.replace(spec[0], '');
      continue;
    }
    const ch = fmt[0] ?? '';
    if (/[A-Za-z]/.test(ch)) throw unsupportedFunction('format_datetime', call, `The format specifier '${ch}' is not implemented.`);
    pieces.push(quoteString(ch));
    fmt = fmt.slice(1);
  }
  return `CASE WHEN ${value} IS NULL THEN '' ELSE (${pieces.join(' || ') || "''"}) END`;
}

const DATETIME_PARTS: Record<string, string> = {
  year: 'year', quarter: 'quarter', month: 'month', week: 'week', day: 'day', hour: 'hour', minute: 'minute',
  second: 'second', millisecond: 'millisecond', microsecond: 'microsecond', nanosecond: 'nanosecond',
};

function datetimePart(t: ScalarContext, n: KNode | undefined, call: KNode, fn: string): string {
  const part = t.literalString(n, call).toLowerCase();
  const p = DATETIME_PARTS[part];
  if (!p) throw unsupportedFunction(fn, call, `The part '${part}' is not implemented.`);
  return p;
}

const NANOS_PER: Record<string, bigint> = {
  week: 604_800_000_000_000n,
  day: 86_400_000_000_000n, hour: 3_600_000_000_000n, minute: 60_000_000_000n, second: 1_000_000_000n,
  millisecond: 1_000_000n, microsecond: 1000n,
};

// Kusto datetime_diff counts period boundaries crossed (docs: datetime_diff('microsecond',
// …00.1009001, …00.1008009) = 100). Boundaries of a micro or longer period are the same for the
// floor to micros, which DuckDB's date_diff takes; nanoseconds are the plain difference.
function datetimeDiff(t: ScalarContext, a: KNode[], c: KNode): string {
  const part = datetimePart(t, a[0], c, 'datetime_diff');
  const l = arg(a, 1, c);
  const r = arg(a, 2, c);
  if (part === 'nanosecond') return `(epoch_ns(${t.translate(l)}) - epoch_ns(${t.translate(r)}))`;
  // Kusto's weeks start on Sunday (docs example: week = 5 from Sat 2017-09-30 to Sun 2017-10-29).
  if (part === 'week') {
    const sunday = (x: string) => `(date_trunc('day', ${x}) - to_days(CAST(dayofweek(${x}) AS INTEGER)))`;
    return `CAST(date_diff('day', ${sunday(t.floorUs(r))}, ${sunday(t.floorUs(l))}) // 7 AS BIGINT)`;
  }
  return `CAST(date_diff('${part}', ${t.floorUs(r)}, ${t.floorUs(l)}) AS BIGINT)`;
}

function datetimeAdd(t: ScalarContext, a: KNode[], c: KNode): string {
  const part = datetimePart(t, a[0], c, 'datetime_add');
  const amountNode = arg(a, 1, c);
  const at = typeOf(amountNode);
  if (at !== 'int' && at !== 'long') throw unsupportedFunction('datetime_add', c, `An amount of type ${at} is not implemented.`);
  const amount = `CAST(${t.translate(amountNode)} AS BIGINT)`;
  const valueNode = arg(a, 2, c);
  const v = t.translate(valueNode);
  const micro = t.micro(valueNode);
  const fixed = NANOS_PER[part];
  if (fixed !== undefined) return micro ? `(${v} + to_microseconds(${amount} * ${fixed / 1000n}))` : `kql_add_ns(${v}, ${amount} * ${fixed})`;
  if (part === 'nanosecond') throw unsupportedFunction('datetime_add', c, `The part 'nanosecond' is not implemented (Kusto keeps 100 ns ticks).`);
  if (micro) return `(${v} + (${amount} * INTERVAL 1 ${part}))`;
  // Calendar parts on the micro floor, then the sub-micro ticks back on.
  const floor = t.floorUs(valueNode, v);
  return `kql_add_ns(${floor} + (${amount} * INTERVAL 1 ${part}), epoch_ns(${v}) - epoch_ns(${floor}))`;
}

function lastTick(nextPeriodStart: string): string {
  return `make_timestamp_ns(epoch_ns(${nextPeriodStart}) - 100)`;
}

// .NET custom timespan format specifiers (Kusto format_timespan): d…dddddddd, h/hh, m/mm, s/ss,
// f…fffffff, F…FFFFFFF, quoted literals and escaped characters.
function formatTimespan(t: ScalarContext, args: KNode[], call: KNode): string {
  const value = t.translate(arg(args, 0, call));
  let fmt = t.literalString(args[1], call);
  const us = `abs(epoch_us(${value}))`;
  const pad = (e: string, n: number) => `lpad(CAST(${e} AS VARCHAR), ${n}, '0')`;
  const pieces: string[] = [];
  while (fmt.length > 0) {
    const m = /^(d{1,8}|h{1,2}|m{1,2}|s{1,2}|f{1,7}|F{1,7})/.exec(fmt);
    if (m) {
      const spec = m[0];
      const n = spec.length;
      const ch = spec[0];
      if (ch === 'd') pieces.push(pad(`${us} // 86400000000`, n));
      else if (ch === 'h') pieces.push(pad(`(${us} // 3600000000) % 24`, n));
      else if (ch === 'm') pieces.push(pad(`(${us} // 60000000) % 60`, n));
      else if (ch === 's') pieces.push(pad(`(${us} // 1000000) % 60`, n));
      else {
        const digits = `substr(${pad(`${us} % 1000000`, 6)} || '0', 1, ${n})`;
        pieces.push(ch === 'f' ? digits : `rtrim(${digits}, '0')`);
      }
      fmt = fmt.slice(n);
      continue;
    }
    const c = fmt[0] ?? '';
    if (c === '\\') {
      pieces.push(quoteString(fmt[1] ?? ''));
      fmt = fmt.slice(2);
      continue;
    }
    if (c === "'" || c === '"') {
      const end = fmt.indexOf(c, 1);
      if (end < 0) throw unsupportedFunction('format_timespan', call, 'An unterminated quoted literal in the format.');
      pieces.push(quoteString(fmt.slice(1, end)));
      fmt = fmt.slice(end + 1);
      continue;
    }
    if (/[A-Za-z]/.test(c)) throw unsupportedFunction('format_timespan', call, `The format specifier '${c}' is not implemented.`);
    pieces.push(quoteString(c));
    fmt = fmt.slice(1);
  }
  // .NET custom timespan formats carry no sign; Kusto prints negative spans with a leading '-'.
  return `CASE WHEN ${value} IS NULL THEN '' ELSE (CASE WHEN epoch_us(${value}) < 0 THEN '-' ELSE '' END || ${pieces.join(' || ') || "''"}) END`;
}

function binFunction(t: ScalarContext, a: KNode[], c: KNode): string {
  const valueNode = arg(a, 0, c);
  const sizeNode = arg(a, 1, c);
  const v = t.translate(valueNode);
  const size = t.translate(sizeNode);
  const vt = typeOf(valueNode);
  if (vt === 'datetime' && typeOf(sizeNode) === 'timespan') {
    // Kusto bins datetimes on ticks since 0001-01-01 (a Monday); DuckDB's default origin differs.
    // Bin sizes are whole micros (sub-micro timespan literals are refused), so binning the micro floor is exact.
    return `time_bucket(${size}, ${t.floorUs(valueNode, v)}, TIMESTAMP '0001-01-01 00:00:00')`;
  }
  if (vt === 'timespan') return `to_microseconds(${floorToMultiple(`epoch_us(${v})`, `epoch_us(${size})`)})`;
  if (isNumeric(vt)) {
    const out = typeOf(c);
    return `CAST(floor(CAST(${v} AS DOUBLE) / ${size}) * ${size} AS ${duckType(out)})`;
  }
  throw unsupportedFunction('bin', c, `bin() of a ${vt} is not implemented.`);
}

/** `a` rounded down to a multiple of the positive BIGINT `b` (DuckDB's // and % truncate toward zero). */
function floorToMultiple(a: string, b: string): string {
  return `(${a} - ((${a} % ${b}) + ${b}) % ${b})`;
}

/**
 * bin_at(value, size, fixed_point): the bin of `size` containing value, bins aligned to
 * fixed_point (docs "bin_at()"). Datetimes bin on 100 ns ticks, timespans on micros.
 */
function binAt(t: ScalarContext, a: KNode[], c: KNode): string {
  const [valueNode, sizeNode, fixedNode] = [arg(a, 0, c), arg(a, 1, c), arg(a, 2, c)];
  const [v, size, fixed] = [t.translate(valueNode), t.translate(sizeNode), t.translate(fixedNode)];
  const vt = typeOf(valueNode);
  if (vt === 'datetime') return `kql_add_ns(${fixed}, ${floorToMultiple(`(epoch_ns(${v}) - epoch_ns(${fixed}))`, `(epoch_us(${size}) * 1000)`)})`;
  if (vt === 'timespan') return `to_microseconds(epoch_us(${fixed}) + ${floorToMultiple(`(epoch_us(${v}) - epoch_us(${fixed}))`, `epoch_us(${size})`)})`;
  if (isNumeric(vt)) return `CAST(${fixed} + floor((CAST(${v} AS DOUBLE) - ${fixed}) / ${size}) * ${size} AS ${duckType(typeOf(c))})`;
  throw unsupportedFunction('bin_at', c, `bin_at() of a ${vt} is not implemented.`);
}

/** The sub-second part of a datetime in ns (0…999,999,999), from its 100 ns ticks. */
const nanosOfSecond = (x: string) => `((epoch_ns(${x}) % 1000000000 + 1000000000) % 1000000000)`;

/** datetime_part(part, datetime) (docs "datetime_part()"): millisecond/microsecond/nanosecond are of the second. */
function datetimePartOf(t: ScalarContext, a: KNode[], c: KNode): string {
  const part = t.literalString(a[0], c).toLowerCase();
  const valueNode = arg(a, 1, c);
  const floor = t.floorUs(valueNode);
  switch (part) {
    case 'year':
    case 'quarter':
    case 'month':
    case 'day':
    case 'dayofyear':
    case 'hour':
    case 'minute':
    case 'second':
      return `CAST(${part}(${floor}) AS INTEGER)`;
    case 'week_of_year':
    case 'weekofyear':
      return `CAST(weekofyear(${floor}) AS INTEGER)`;
    case 'millisecond':
      return `CAST(${nanosOfSecond(t.translate(valueNode))} // 1000000 AS INTEGER)`;
    case 'microsecond':
      return `CAST(${nanosOfSecond(t.translate(valueNode))} // 1000 AS INTEGER)`;
    case 'nanosecond':
      return `CAST(${nanosOfSecond(t.translate(valueNode))} AS INTEGER)`;
    default:
      throw unsupportedFunction('datetime_part', c, `The part '${part}' is not implemented.`);
  }
}

/** make_datetime(year, month, day[, hour, minute[, second]]): second may carry a fraction (100 ns ticks). */
function makeDatetime(t: ScalarContext, a: KNode[]): string {
  const parts = a.map((x) => t.translate(x));
  const [y, mo, d] = [parts[0], parts[1], parts[2]];
  const h = parts[3] ?? '0';
  const mi = parts[4] ?? '0';
  const sec = parts[5] ?? '0';
  const whole = `CAST(floor(${sec}) AS INTEGER)`;
  const ticks = `CAST(round((CAST(${sec} AS DOUBLE) - floor(${sec})) * 10000000) AS BIGINT)`;
  return `make_timestamp_ns(epoch_ns(try(make_timestamp(CAST(${y} AS BIGINT), CAST(${mo} AS BIGINT), CAST(${d} AS BIGINT), CAST(${h} AS BIGINT), CAST(${mi} AS BIGINT), ${whole}))) + ${ticks} * 100)`;
}

/** make_timespan(hour, minute[, second]) or (day, hour, minute, second). */
function makeTimespan(t: ScalarContext, a: KNode[]): string {
  const parts = a.map((x) => `CAST(${t.translate(x)} AS DOUBLE)`);
  const [d, h, m, sec] = parts.length === 4 ? parts : ['0', parts[0] ?? '0', parts[1] ?? '0', parts[2] ?? '0'];
  return `to_microseconds(CAST(round(((${d} * 24 + ${h}) * 60 + ${m}) * 60000000 + ${sec} * 1000000) AS BIGINT))`;
}

const fromUnix = (nanosPer: number): FunctionSpec =>
  fn(1, 1, (t, a, c) => `make_timestamp_ns(CAST(round(CAST(${t.translate(arg(a, 0, c))} AS DOUBLE) * ${nanosPer} / 100) AS BIGINT) * 100)`);


const binSpec: FunctionSpec = fn(2, 2, binFunction, (_t, _a, c) => typeOf(c) === 'datetime');

export const DATETIME_FUNCTIONS: FunctionTable = {
  now: fn(0, 0, () => 'CAST(get_current_timestamp() AS TIMESTAMP)', alwaysMicro),
  ago: fn(1, 1, (t, a, c) => `(CAST(get_current_timestamp() AS TIMESTAMP) - ${t.translate(arg(a, 0, c))})`, alwaysMicro),
  startofday: fn(1, 1, (t, a, c) => `date_trunc('day', ${t.floorUs(arg(a, 0, c))})`, alwaysMicro),
  startofmonth: fn(1, 1, (t, a, c) => `date_trunc('month', ${t.floorUs(arg(a, 0, c))})`, alwaysMicro),
  startofyear: fn(1, 1, (t, a, c) => `date_trunc('year', ${t.floorUs(arg(a, 0, c))})`, alwaysMicro),
  // Kusto weeks start on Sunday; DuckDB's date_trunc('week') is ISO (Monday).
  startofweek: fn(
    1,
    1,
    (t, a, c) => {
      const v = t.floorUs(arg(a, 0, c));
      return `(date_trunc('day', ${v}) - to_days(CAST(dayofweek(${v}) AS INTEGER)))`;
    },
    alwaysMicro,
  ),
  // Kusto's endof*() is the last tick (100 ns) of the period; DuckDB's TIMESTAMP holds micros,
  // so these return TIMESTAMP_NS and the final SELECT keeps datetimes in nanoseconds.
  endofday: fn(1, 1, (t, a, c) => lastTick(`date_trunc('day', ${t.floorUs(arg(a, 0, c))}) + INTERVAL 1 day`)),
  endofweek: fn(1, 1, (t, a, c) => {
    const v = t.floorUs(arg(a, 0, c));
    return lastTick(`date_trunc('day', ${v}) - to_days(CAST(dayofweek(${v}) AS INTEGER)) + INTERVAL 7 day`);
  }),
  endofmonth: fn(1, 1, (t, a, c) => lastTick(`date_trunc('month', ${t.floorUs(arg(a, 0, c))}) + INTERVAL 1 month`)),
  endofyear: fn(1, 1, (t, a, c) => lastTick(`date_trunc('year', ${t.floorUs(arg(a, 0, c))}) + INTERVAL 1 year`)),
  format_timespan: fn(2, 2, formatTimespan),
  datetime_diff: fn(3, 3, datetimeDiff),
  datetime_add: fn(3, 3, datetimeAdd, microWhen(2)),
  dayofweek: fn(1, 1, (t, a, c) => `to_days(CAST(dayofweek(${t.floorUs(arg(a, 0, c))}) AS INTEGER))`),
  dayofmonth: datePart('day'),
  dayofyear: datePart('dayofyear'),
  getmonth: datePart('month'),
  monthofyear: datePart('month'),
  getyear: datePart('year'),
  hourofday: datePart('hour'),
  format_datetime: fn(2, 2, formatDatetime),
  bin: binSpec,
  floor: binSpec,
  bin_at: fn(3, 3, binAt),
  datetime_part: fn(2, 2, datetimePartOf),
  datepart: fn(2, 2, datetimePartOf),
  week_of_year: fn(1, 1, (t, a, c) => `CAST(weekofyear(${t.floorUs(arg(a, 0, c))}) AS INTEGER)`),
  weekofyear: fn(1, 1, (t, a, c) => `CAST(weekofyear(${t.floorUs(arg(a, 0, c))}) AS INTEGER)`),
  make_datetime: fn(3, 6, makeDatetime),
  make_timespan: fn(2, 4, makeTimespan),
  unixtime_seconds_todatetime: fromUnix(1e9),
  unixtime_milliseconds_todatetime: fromUnix(1e6),
  unixtime_microseconds_todatetime: fromUnix(1e3),
  unixtime_nanoseconds_todatetime: fromUnix(1),
};
