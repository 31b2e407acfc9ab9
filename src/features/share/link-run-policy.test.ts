import { describe, expect, it } from 'vitest';
import { decideLinkRun } from './link-run-policy';

describe('decideLinkRun', () => {
  it('runs a query once, read-only', () => {
    expect(decideLinkRun({ query: 'StormEvents | take 10', autorun: true })).toEqual({ run: true, properties: { Options: { request_readonly: true } } });
  });

  it.each(['.drop table StormEvents', '  \n.show tables', '// drop it\n.drop table StormEvents', '\uFEFF.set-or-append T <| print 1'])(
    'never runs the management command %j, whatever autorun says',
    (query) => {
      const decision = decideLinkRun({ query, autorun: true });
      expect(decision.run).toBe(false);
      if (!decision.run) expect(decision.reason).toMatch(/Management commands/);
    },
  );

  // The texts that ran from links before the link policy used Kusto's own rules.
  it.each(['// hi\r.drop table T', '\u200B.drop table T', '\u180E.show tables', '// hi\u2028.drop table T'])(
    'never runs the command hidden behind Kusto whitespace or line breaks in %j',
    (query) => {
      expect(decideLinkRun({ query, autorun: true })).toEqual({ run: false, reason: expect.stringMatching(/Management commands/) });
    },
  );

  it.each(['\u0085.drop table T', '\u2028.show tables', '#connect cluster("help")\nStormEvents', '\u200CStormEvents'])(
    'does not run %j when it cannot be sure it is no command',
    (query) => {
      expect(decideLinkRun({ query, autorun: true })).toEqual({ run: false, reason: expect.stringMatching(/not run from the link/) });
    },
  );

  it('does not run with autorun=false and says why', () => {
    expect(decideLinkRun({ query: 'StormEvents | count', autorun: false })).toEqual({
      run: false,
      reason: 'The link asks not to run the query (autorun=false). Press Run when ready.',
    });
  });

  it('does not run an empty link', () => {
    expect(decideLinkRun({ query: null, autorun: true })).toEqual({ run: false, reason: 'The link holds no query.' });
    expect(decideLinkRun({ query: '  ', autorun: true }).run).toBe(false);
  });

  it('does not run again on a reload of its own URL', () => {
    const decision = decideLinkRun({ query: 'StormEvents | count', autorun: true, reloaded: true });
    expect(decision).toEqual({ run: false, reason: expect.stringMatching(/reloaded/) });
  });

  it('runs a query that merely mentions a command later on', () => {
    expect(decideLinkRun({ query: 'print x = ".drop table T"', autorun: true }).run).toBe(true);
  });

  it('never runs a local-files link: it names the files to open first', () => {
    const decision = decideLinkRun({ query: 'events | count', autorun: true, files: ['events.csv', 'keys.parquet'] });
    expect(decision).toEqual({ run: false, reason: expect.stringContaining('events.csv, keys.parquet') as string });
  });
});
