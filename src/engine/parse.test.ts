/**
 * Golden tests for parse (kind=simple, regex with flags, relaxed) and parse-where. The inputs and
 * expected values are the examples and outputs printed on the Kusto docs pages "parse operator"
 * and "parse-where operator" (learn.microsoft.com/kusto/query/parse-operator, …/parse-where-operator).
 */
import { describe, expect, it } from 'vitest';
import { withoutCapturingGroups } from './operators/parse';
import { runOne, engineUnderTest } from './testing/host';

const engine = engineUnderTest();

/** The docs' trace line; `parts` overrides its values (invalid numbers, newlines for separators). */
function trace(slice: string, lock: string, release: string, previous: string, over: { total?: string; sep?: string } = {}): string {
  const sep = over.sep ?? ', ';
  return `Event: NotifySliceRelease (resourceName=PipelineScheduler${sep}totalSlices=${over.total ?? '27'}${sep}sliceNumber=${slice}${sep}lockTime=${lock}${sep}releaseTime=${release}${sep}previousLockTime=${previous})`;
}
const traces = (lines: string[]) => `let Traces = datatable(EventText: string)\n[\n${lines.map((l) => JSON.stringify(l)).join(',\n')}\n];\nTraces\n`;
const dt = (s: string) => `${s.replace(/^(\d\d)\/(\d\d)\/(\d{4}) /, '$3-$1-$2T')}.0000000Z`;
const SLICES: [string, string, string, string][] = [
  ['23', '02/17/2016 08:40:01', '02/17/2016 08:40:01', '02/17/2016 08:39:01'],
  ['15', '02/17/2016 08:40:00', '02/17/2016 08:40:00', '02/17/2016 08:39:00'],
  ['20', '02/17/2016 08:40:01', '02/17/2016 08:40:01', '02/17/2016 08:39:01'],
  ['22', '02/17/2016 08:41:01', '02/17/2016 08:41:00', '02/17/2016 08:40:01'],
  ['16', '02/17/2016 08:41:00', '02/17/2016 08:41:00', '02/17/2016 08:40:00'],
];
const SIMPLE_PATTERN = `* "resourceName=" resourceName ", totalSlices=" totalSlices: long * "sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *`;

describe('parse', () => {
  it('extends with typed captures, datetimes too (docs "parse operator": Parse and extend results)', async () => {
    const t = await runOne(
      engine,
      `${traces(SLICES.map((s) => trace(...s)))}| parse EventText with ${SIMPLE_PATTERN}\n| project resourceName, totalSlices, sliceNumber, lockTime, releaseTime, previousLockTime`,
    );
    expect(t.columns.map((c) => c.ColumnType)).toEqual(['string', 'long', 'long', 'string', 'datetime', 'datetime']);
    expect(t.rows).toEqual(SLICES.map(([n, lock, release, previous]) => ['PipelineScheduler', 27n, BigInt(n), lock, dt(release), dt(previous)]));
  });

  it('regex mode: constants are regexes with their own groups, captures greedy (docs: Regex mode)', async () => {
    const t = await runOne(
      engine,
      `${traces(SLICES.map((s) => trace(...s)))}| parse kind=regex EventText with "(.*?)[a-zA-Z]*=" resourceName @", totalSlices=\\s*\\d+\\s*.*?sliceNumber=" sliceNumber: long  ".*?(previous)?lockTime=" lockTime ".*?releaseTime=" releaseTime ".*?previousLockTime=" previousLockTime: date "\\\\)"
| project resourceName, sliceNumber, lockTime, releaseTime, previousLockTime`,
    );
    // The docs print lockTime and releaseTime with the ", " that follows them.
    expect(t.rows).toEqual(SLICES.map(([n, lock, release, previous]) => ['PipelineScheduler', BigInt(n), `${lock}, `, `${release}, `, dt(previous)]));
  });

  it('regex mode is greedy by default, flags=Ui makes it lazy and case-insensitive (docs: Regex mode with regex flags)', async () => {
    const input = traces(SLICES.map((s) => trace(...s)));
    const greedy = await runOne(engine, `${input}| parse kind=regex EventText with * "resourceName=" resourceName ',' *\n| project resourceName`);
    expect(greedy.rows).toEqual(SLICES.map(([n, lock, release]) => [`PipelineScheduler, totalSlices=27, sliceNumber=${n}, lockTime=${lock}, releaseTime=${release}`]));
    const lazy = await runOne(engine, `${input}| parse kind=regex flags=Ui EventText with * "RESOURCENAME=" resourceName ',' *\n| project resourceName`);
    expect(lazy.rows).toEqual(SLICES.map(() => ['PipelineScheduler']));
  });

  it('flags=s lets captures span newlines; typed captures ignore the blanks around them (docs)', async () => {
    const t = await runOne(
      engine,
      `${traces(SLICES.map((s) => trace(...s, { sep: '\n' })))}| parse kind=regex flags=s EventText with * "resourceName=" resourceName: string "(.*?)totalSlices=" totalSlices: long "(.*?)lockTime=" lockTime: datetime "(.*?)releaseTime=" releaseTime: datetime "(.*?)previousLockTime=" previousLockTime: datetime "\\\\)"
| project-away EventText`,
    );
    expect(t.rows).toEqual(SLICES.map(([, lock, release, previous]) => ['PipelineScheduler\n', 27n, dt(lock), dt(release), dt(previous)]));
  });

  it('relaxed: a capture that does not convert is null alone (docs: Relaxed mode)', async () => {
    const lines = [
      trace('23', '02/17/2016 08:40:01', 'nonValidDateTime 08:40:01', '02/17/2016 08:39:01'),
      trace('15', '02/17/2016 08:40:00', 'nonValidDateTime', '02/17/2016 08:39:00'),
      trace('20', '02/17/2016 08:40:01', 'nonValidDateTime 08:40:01', '02/17/2016 08:39:01', { total: 'nonValidLongValue' }),
      trace('22', '02/17/2016 08:41:01', '02/17/2016 08:41:00', '02/17/2016 08:40:01'),
      trace('16', '02/17/2016 08:41:00', '02/17/2016 08:41:00', '02/17/2016 08:40:00', { total: 'nonValidLongValue' }),
    ];
    const t = await runOne(
      engine,
      `${traces(lines)}| parse kind=relaxed EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long ", sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
| project-away EventText`,
    );
    expect(t.rows).toEqual([
      ['PipelineScheduler', 27n, 23n, '02/17/2016 08:40:01', null, dt('02/17/2016 08:39:01')],
      ['PipelineScheduler', 27n, 15n, '02/17/2016 08:40:00', null, dt('02/17/2016 08:39:00')],
      ['PipelineScheduler', null, 20n, '02/17/2016 08:40:01', null, dt('02/17/2016 08:39:01')],
      ['PipelineScheduler', 27n, 22n, '02/17/2016 08:41:01', dt('02/17/2016 08:41:00'), dt('02/17/2016 08:40:01')],
      ['PipelineScheduler', null, 16n, '02/17/2016 08:41:00', dt('02/17/2016 08:41:00'), dt('02/17/2016 08:40:00')],
    ]);
  });
});

describe('parse-where', () => {
  const PARTLY_INVALID = [
    trace('invalid_number', '02/17/2016 08:40:01', '02/17/2016 08:40:01', '02/17/2016 08:39:01'),
    trace('15', '02/17/2016 08:40:00', 'invalid_datetime', '02/17/2016 08:39:00'),
    trace(...(SLICES[2] as [string, string, string, string])),
    trace(...(SLICES[3] as [string, string, string, string])),
    trace('16', '02/17/2016 08:41:00', '02/17/2016 08:41:00', '02/17/2016 08:40:00', { total: 'invalid_number' }),
  ];

  it('keeps only the rows that parse, where parse gives empty columns (docs "parse-where operator")', async () => {
    const project = '| project resourceName, totalSlices, sliceNumber, lockTime, releaseTime, previousLockTime';
    const kept = await runOne(engine, `${traces(PARTLY_INVALID)}| parse-where EventText with ${SIMPLE_PATTERN}\n${project}`);
    expect(kept.rows).toEqual([
      ['PipelineScheduler', 27n, 20n, '02/17/2016 08:40:01', dt('02/17/2016 08:40:01'), dt('02/17/2016 08:39:01')],
      ['PipelineScheduler', 27n, 22n, '02/17/2016 08:41:01', dt('02/17/2016 08:41:00'), dt('02/17/2016 08:40:01')],
    ]);
    const all = await runOne(engine, `${traces(PARTLY_INVALID)}| parse EventText with ${SIMPLE_PATTERN}\n${project}`);
    expect(all.rows.map((r) => r[1])).toEqual([null, null, 27n, 27n, null]);
    expect(all.rows.map((r) => r[0])).toEqual(['', '', 'PipelineScheduler', 'PipelineScheduler', '']);
  });

  it('regex mode is case-sensitive unless flags=i (docs: no rows, then three)', async () => {
    const lines = [
      trace('11', '02/17/2016 08:40:01', '02/17/2016 08:40:01', '02/17/2016 08:39:01', { total: 'non_valid_integer' }),
      trace(...(SLICES[1] as [string, string, string, string])),
      trace('44', '02/17/2016 08:40:01', '02/17/2016 08:40:01', '02/17/2016 08:39:01', { total: 'non_valid_integer' }),
      trace(...(SLICES[3] as [string, string, string, string])),
      trace(...(SLICES[4] as [string, string, string, string])),
    ];
    const pattern = `* "RESOURCENAME=" resourceName "," * "totalSlices=" totalSlices: long "," *\n| project resourceName, totalSlices`;
    const none = await runOne(engine, `${traces(lines)}| parse-where kind = regex EventText with ${pattern}`);
    expect(none.rows).toEqual([]);
    const three = await runOne(engine, `${traces(lines)}| parse-where kind = regex flags=i EventText with ${pattern}`);
    expect(three.rows).toEqual([
      ['PipelineScheduler', 27n],
      ['PipelineScheduler', 27n],
      ['PipelineScheduler', 27n],
    ]);
  });
});

describe('the groups of a regex constant', () => {
  it('stop capturing; escapes and classes stay as they are', () => {
    expect(withoutCapturingGroups('(.*?)[a-zA-Z(]*=(?P<n>x)(?:y)\\(z\\)[]()]')).toBe('(?:.*?)[a-zA-Z(]*=(?:x)(?:y)\\(z\\)[]()]');
  });
});
