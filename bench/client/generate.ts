/**
 * A deterministic v2 response of `rows` × 20 columns with the mix of a real result: datetimes,
 * short and long strings (escapes, non-ASCII, surrogate pairs), longs (some above 2^53), ints,
 * reals, bools, guids, timespans and dynamic objects/arrays, with nulls. Same seed, same bytes.
 * Runs in Node and in the page (no Node APIs).
 */
import { seededRandom } from '../../src/engine/testing/storm-events';

export const COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['StartTime', 'datetime'], ['EndTime', 'datetime'], ['State', 'string'], ['EventType', 'string'],
  ['Source', 'string'], ['EventId', 'long'], ['EpisodeId', 'long'], ['InjuriesDirect', 'int'],
  ['DeathsDirect', 'int'], ['DamageProperty', 'long'], ['BeginLat', 'real'], ['BeginLon', 'real'],
  ['Magnitude', 'real'], ['Flooded', 'bool'], ['EventNarrative', 'string'], ['StormSummary', 'dynamic'],
  ['ReportId', 'guid'], ['Duration', 'timespan'], ['Score', 'real'], ['Tags', 'dynamic'],
];

const STATES = ['TEXAS', 'KANSAS', 'IOWA', 'NEBRASKA', 'OKLAHOMA', 'MISSOURI', 'GEORGIA', 'NEW YORK', 'CALIFORNIA', 'PUERTO RICO'];
const EVENTS = ['Thunderstorm Wind', 'Hail', 'Flash Flood', 'Tornado', 'Winter Storm', 'Heavy Snow', 'Drought', 'High Wind'];
const SOURCES = ['Trained Spotter', 'Public', 'Emergency Manager', 'Law Enforcement', 'NWS Storm Survey', 'Mesonet'];
const WORDS = ['storm', 'wind', 'damage', 'trees', 'downed', 'power', 'lines', 'roof', 'hail', 'inches', 'reported', 'near',
  'county', 'road', 'flooding', 'water', 'feet', 'Zürich', 'café', '東京', 'naïve', 'quoted "word"', 'back\\slash', 'line\nbreak', '🌪️'];

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function iso(ms: number, ticks: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}${pad(ticks, 4)}Z`;
}

function guid(random: () => number): string {
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;
}

function row(r: number, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const start = Date.UTC(2007, 0, 1) + Math.floor(random() * 365 * 86_400_000);
  const end = start + Math.floor(random() * 86_400_000);
  const words = Array.from({ length: 6 + Math.floor(random() * 12) }, () => pick(WORDS)).join(' ');
  const big = random() < 0.05 ? `${9_007_199_254_740_993n + BigInt(r)}` : String(Math.floor(random() * 5_000_000));
  const cells = [
    JSON.stringify(iso(start, Math.floor(random() * 10_000))),
    random() < 0.02 ? 'null' : JSON.stringify(iso(end, 0)),
    JSON.stringify(pick(STATES)),
    JSON.stringify(pick(EVENTS)),
    JSON.stringify(pick(SOURCES)),
    String(100_000 + r),
    big,
    String(Math.floor(random() * 4)),
    random() < 0.1 ? 'null' : String(Math.floor(random() * 3)),
    String(Math.floor(random() * 2_500_000)),
    (25 + random() * 20).toFixed(4),
    (-120 + random() * 45).toFixed(4),
    random() < 0.05 ? '"NaN"' : String(Math.round(random() * 500) / 100),
    random() < 0.03 ? 'null' : random() < 0.5 ? 'true' : 'false',
    JSON.stringify(words),
    `{"TotalDamages":${Math.floor(random() * 100_000)},"StartTime":"${iso(start, 0)}","Details":{"Description":"${pick(EVENTS)}","Location":"${pick(STATES)}"}}`,
    JSON.stringify(guid(random)),
    `"${pad(Math.floor(random() * 24), 2)}:${pad(Math.floor(random() * 60), 2)}:${pad(Math.floor(random() * 60), 2)}.${pad(Math.floor(random() * 10_000_000), 7)}"`,
    String(random()),
    `["${pick(SOURCES)}",${Math.floor(random() * 10)}]`,
  ];
  return `[${cells.join(',')}]`;
}

/** The v2 body as text: header, one DataTable of `rows` rows, QueryCompletionInformation, completion. */
export function generateV2Response(rows: number, seed = 2007): string {
  const random = seededRandom(seed);
  const columns = COLUMNS.map(([name, type]) => `{"ColumnName":"${name}","ColumnType":"${type}"}`).join(',');
  const parts: string[] = [
    '[{"FrameType":"DataSetHeader","IsProgressive":false,"Version":"v2.0"}',
    `,{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult","Columns":[${columns}],"Rows":[`,
  ];
  for (let r = 0; r < rows; r++) parts.push(r === 0 ? row(r, random) : `,${row(r, random)}`);
  parts.push(']}');
  parts.push(',{"FrameType":"DataTable","TableId":2,"TableKind":"QueryCompletionInformation","TableName":"QueryCompletionInformation",'
    + '"Columns":[{"ColumnName":"Level","ColumnType":"int"},{"ColumnName":"EventTypeName","ColumnType":"string"},{"ColumnName":"Payload","ColumnType":"string"}],'
    + '"Rows":[[6,"QueryResourceConsumption","{\\"ExecutionTime\\":1.25}"]]}');
  parts.push(',{"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":false}]');
  return parts.join('');
}
