import { describe, expect, it } from 'vitest';
import { extractSetStatements, parseProperties, parseTimespanMs, truncationLimits } from './request-options';

describe('request properties', () => {
  it('accepts properties as an object or as a JSON-encoded string', () => {
    const object = parseProperties({ Options: { servertimeout: '50m' }, Parameters: { n: 10 } });
    const text = parseProperties('{"Options":{"servertimeout":"50m"},"Parameters":{"n":10}}');
    expect(text).toEqual(object);
    expect(object).toEqual({ options: { servertimeout: '50m' }, parameters: { n: 10 } });
    expect(parseProperties(null)).toEqual({ options: {}, parameters: {} });
  });
});

describe('parseTimespanMs', () => {
  it.each([
    ['00:04:00', 240_000],
    ['1.00:00:01.5', 86_401_500],
    ['00:00:00.2500000', 250],
    ['50m', 3_000_000],
    ['30s', 30_000],
    ['1h', 3_600_000],
    ['time(2m)', 120_000],
    [1500, 1500],
    ['1500', 1500],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseTimespanMs(text)).toBe(ms);
  });

  it('rejects text that is not a timespan', () => {
    expect(parseTimespanMs('soon')).toBeUndefined();
  });
});

describe('set statements', () => {
  it('reads leading set statements and blanks them without moving the query', () => {
    const csl = "// comment\nset truncationmaxrecords = 10;\nset notruncation;\nset query_now='2020-01-01';\nT | take 1";
    const { statements, rest } = extractSetStatements(csl);
    expect(statements).toEqual([
      { name: 'truncationmaxrecords', value: '10' },
      { name: 'notruncation', value: true },
      { name: 'query_now', value: '2020-01-01' },
    ]);
    expect(rest).toHaveLength(csl.length);
    expect(rest.indexOf('T | take 1')).toBe(csl.indexOf('T | take 1'));
    expect(rest.split('\n')).toHaveLength(csl.split('\n').length);
    expect(rest).not.toContain('set');
  });

  it('leaves a query without set statements alone', () => {
    expect(extractSetStatements('settings | take 1').rest).toBe('settings | take 1');
  });
});

describe('truncation limits', () => {
  it('defaults to 500,000 records and 64 MB', () => {
    expect(truncationLimits({}, [])).toEqual({ maxRecords: 500_000, maxBytes: 67_108_864 });
  });

  it('turns truncation off with notruncation unless another limit is set; the lower value wins', () => {
    expect(truncationLimits({ notruncation: true }, [])).toBeNull();
    expect(truncationLimits({}, [{ name: 'notruncation', value: true }])).toBeNull();
    expect(truncationLimits({ notruncation: true, truncationmaxrecords: 10 }, [])).toMatchObject({ maxRecords: 10 });
    expect(truncationLimits({ truncationmaxrecords: 10 }, [{ name: 'truncationmaxrecords', value: '5' }])).toMatchObject({ maxRecords: 5 });
  });
});
