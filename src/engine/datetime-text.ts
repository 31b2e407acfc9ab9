/**
 * The datetime text formats Kusto accepts in `datetime(…)` literals and `todatetime()` (docs "The
 * datetime data type", Supported formats): ISO 8601 (`T` or space, optional seconds and up to 7
 * fraction digits), RFC 822 / RFC 1123 (`Sat, 8 Nov 14 15:05:02 GMT`, weekday optional, 2- or
 * 4-digit year), RFC 850 (`Saturday, 08-Nov-14 15:05:02 GMT`), sortable forms, and US dates
 * (`12-02-2022`, `12/02/2022`), each with an optional zone: `Z`, `UTC`, `UT`, `GMT`, the RFC 822
 * North American zones (EST, EDT, CST, CDT, MST, MDT, PST, PDT) or a numeric offset. Two-digit
 * years follow .NET's default window (00–29 → 2000s, 30–99 → 1900s).
 *
 * `parseDatetimeText` parses a literal at translation time; `DATETIME_TEXT_MACROS` are the same
 * grammar as DuckDB SQL for values known only at run time. datetime-text.test.ts runs one table
 * of cases through both.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Minutes east of UTC of the zone names RFC 822 defines (section 5.1) and UTC's aliases. */
export const ZONE_MINUTES: Record<string, number> = {
  Z: 0, UT: 0, UTC: 0, GMT: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};

const ZONE = `(?:\\s*(Z|UTC|UT|GMT|[ECMP][SD]T|[+-]\\d{2}:?\\d{2}))?`;
const TIME = `(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,7}))?)?`;

/** Year, month, day, hour, minute, second, fraction digits, zone — in this group order in every pattern. */
const PATTERNS: { re: RegExp; order: 'ymd' | 'dmy' | 'mdy' }[] = [
  { re: new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[T ]${TIME})?${ZONE}$`, 'i'), order: 'ymd' },
  // RFC 822 / 1123 (`8 Nov 14`, `Sat, 08 Nov 2014`) and RFC 850 (`Saturday, 08-Nov-14`).
  { re: new RegExp(`^(?:[A-Za-z]+,\\s*)?(\\d{1,2})[ -]([A-Za-z]{3})[ -](\\d{2}|\\d{4})\\s+${TIME}${ZONE}$`, 'i'), order: 'dmy' },
  { re: new RegExp(`^(\\d{1,2})[-/](\\d{1,2})[-/](\\d{4})(?:\\s+${TIME})?${ZONE}$`, 'i'), order: 'mdy' },
];

export interface DatetimeText {
  /** `YYYY-MM-DD HH:MM:SS.fffffff` in UTC. */
  text: string;
  /** Whether the value has a 100 ns tick below the micro (a 7th fraction digit that is not 0). */
  subMicro: boolean;
}

/** The UTC instant of a datetime text, or null when Kusto would not parse it either. */
export function parseDatetimeText(input: string): DatetimeText | null {
  const s = input.trim();
  for (const { re, order } of PATTERNS) {
    const m = re.exec(s);
    if (!m) continue;
    const g = (i: number) => m[i] ?? '';
    let year: number;
    let month: number;
    let day: number;
    if (order === 'ymd') [year, month, day] = [Number(g(1)), Number(g(2)), Number(g(3))];
    else if (order === 'mdy') [month, day, year] = [Number(g(1)), Number(g(2)), Number(g(3))];
    else {
      day = Number(g(1));
      month = MONTHS.indexOf(g(2).toLowerCase()) + 1;
      year = Number(g(3));
      if (g(3).length === 2) year += year <= 29 ? 2000 : 1900;
    }
    const [hour, minute, second] = [Number(g(4) || 0), Number(g(5) || 0), Number(g(6) || 0)];
    const fraction = g(7).padEnd(7, '0');
    const zone = g(8).toUpperCase();
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
    if (year < 1 || year > 9999) return null;
    // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
    const local = new Date(0);
    local.setUTCFullYear(year, month - 1, day);
    local.setUTCHours(hour, minute, second, 0);
    if (local.getUTCDate() !== day || local.getUTCMonth() !== month - 1) return null;
    const offset = zoneMinutes(zone);
    if (offset === null) return null;
    const utc = new Date(local.getTime() - offset * 60_000);
    const two = (n: number) => String(n).padStart(2, '0');
    const date = `${String(utc.getUTCFullYear()).padStart(4, '0')}-${two(utc.getUTCMonth() + 1)}-${two(utc.getUTCDate())} ${two(utc.getUTCHours())}:${two(utc.getUTCMinutes())}:${two(utc.getUTCSeconds())}`;
    return { text: `${date}.${fraction}`, subMicro: !fraction.endsWith('0') };
  }
  return null;
}

function zoneMinutes(zone: string): number | null {
  if (zone === '') return 0;
  const named = ZONE_MINUTES[zone];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return null;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const zoneCases = Object.entries(ZONE_MINUTES)
  .map(([name, minutes]) => `WHEN upper(z) = ${sqlString(name)} THEN ${minutes}`)
  .join(' ');

/**
 * The same grammar in DuckDB SQL: `kql_todatetime(s)` → TIMESTAMP_NS, or NULL. The patterns are
 * the JS ones (RE2 and JS agree on this subset); regexp_extract's group lists name the parts.
 */
export const DATETIME_TEXT_MACROS: readonly string[] = [
  `CREATE OR REPLACE MACRO kql_zone_minutes(z) AS CASE WHEN z IS NULL OR z = '' THEN 0 ${zoneCases} WHEN regexp_matches(z, '^[+-]\\d{2}:?\\d{2}$') THEN (CASE WHEN z[1] = '-' THEN -1 ELSE 1 END) * (CAST(z[2:3] AS INTEGER) * 60 + CAST(right(z, 2) AS INTEGER)) END`,
  // Parts → TIMESTAMP_NS in UTC; NULL when a part is out of range (make_timestamp would fail).
  `CREATE OR REPLACE MACRO kql_datetime_of_part_values(y, mo, d, h, mi, s, f, z) AS CASE
     WHEN mo BETWEEN 1 AND 12 AND d BETWEEN 1 AND 31 AND h < 24 AND mi < 60 AND s < 60 AND d <= day(last_day(make_date(y, mo, 1)))
     THEN make_timestamp_ns(epoch_ns(make_timestamp(y, mo, d, h, mi, s)) + CAST(rpad(f, 7, '0') AS BIGINT) * 100 - kql_zone_minutes(z) * 60000000000)
   END`,
  // A macro's argument is pasted wherever the body names it, so each level binds its argument
  // once in a one-element list_transform: without it one kql_todatetime() expanded to ~100
  // regexp_extract calls and took DuckDB ~300 ms to plan (EXPLAIN), per use in a query.
  `CREATE OR REPLACE MACRO kql_datetime_of_parts(y, mo, d, h, mi, s, f, z) AS list_transform([{'y': y, 'mo': mo, 'd': d, 'h': h, 'mi': mi, 's': s, 'f': f, 'z': z}],
     __p -> kql_datetime_of_part_values(__p.y, __p.mo, __p.d, __p.h, __p.mi, __p.s, __p.f, __p.z))[1]`,
  `CREATE OR REPLACE MACRO kql_datetime_of_match(m, order_) AS list_transform([m], p -> CASE WHEN p.y <> '' THEN kql_datetime_of_parts(
     CASE WHEN order_ = 'dmy' AND length(p.y) = 2 THEN CAST(p.y AS INTEGER) + CASE WHEN CAST(p.y AS INTEGER) <= 29 THEN 2000 ELSE 1900 END ELSE CAST(p.y AS INTEGER) END,
     CASE WHEN order_ = 'dmy' THEN list_position(${`[${MONTHS.map(sqlString).join(', ')}]`}, lower(p.mo)) ELSE CAST(p.mo AS INTEGER) END,
     CAST(p.d AS INTEGER), CAST(coalesce(nullif(p.h, ''), '0') AS INTEGER), CAST(coalesce(nullif(p.mi, ''), '0') AS INTEGER),
     CAST(coalesce(nullif(p.s, ''), '0') AS INTEGER), p.f, p.z) END)[1]`,
  `CREATE OR REPLACE MACRO kql_todatetime(s) AS list_transform([trim(s)], __t -> coalesce(
     kql_datetime_of_match(regexp_extract(__t, ${sqlString(PATTERNS[0]?.re.source ?? '')}, ['y', 'mo', 'd', 'h', 'mi', 's', 'f', 'z'], 'i'), 'ymd'),
     kql_datetime_of_match(regexp_extract(__t, ${sqlString(PATTERNS[1]?.re.source ?? '')}, ['d', 'mo', 'y', 'h', 'mi', 's', 'f', 'z'], 'i'), 'dmy'),
     kql_datetime_of_match(regexp_extract(__t, ${sqlString(PATTERNS[2]?.re.source ?? '')}, ['mo', 'd', 'y', 'h', 'mi', 's', 'f', 'z'], 'i'), 'mdy')))[1]`,
];
