import { describe, expect, it } from 'vitest';
import { parseDeclaredParameters, toParameterLiteral, toParameterValues, type QueryParameterType } from './query-parameters';

describe('parseDeclaredParameters', () => {
  it('reads names, types and defaults', () => {
    const text = `declare query_parameters(n:long = 10, State:string = "TEXAS", d:dynamic = dynamic(["a", "b,c"]), since:datetime=datetime(2007-01-01));
StormEvents | where State == State | take n`;
    expect(parseDeclaredParameters(text)).toEqual([
      { name: 'n', type: 'long', declaredType: 'long', defaultLiteral: '10' },
      { name: 'State', type: 'string', declaredType: 'string', defaultLiteral: '"TEXAS"' },
      { name: 'd', type: 'dynamic', declaredType: 'dynamic', defaultLiteral: 'dynamic(["a", "b,c"])' },
      { name: 'since', type: 'datetime', declaredType: 'datetime', defaultLiteral: 'datetime(2007-01-01)' },
    ]);
  });

  it('reads every scalar type and resolves aliases', () => {
    const text =
      'declare query_parameters(a:string, b:long, c:int, d:real, e:double, f:bool, g:datetime, h:timespan, i:guid, j:dynamic, k:decimal, l:boolean, m:date, o:time, p:uuid);';
    expect(parseDeclaredParameters(text).map((p) => [p.name, p.type])).toEqual([
      ['a', 'string'],
      ['b', 'long'],
      ['c', 'int'],
      ['d', 'real'],
      ['e', 'double'],
      ['f', 'bool'],
      ['g', 'datetime'],
      ['h', 'timespan'],
      ['i', 'guid'],
      ['j', 'dynamic'],
      ['k', 'decimal'],
      ['l', 'bool'],
      ['m', 'datetime'],
      ['o', 'timespan'],
      ['p', 'guid'],
    ]);
  });

  it('spans lines and comments, and reads bracketed names', () => {
    const text = `declare query_parameters (
  // how many rows
  n : long = 5,   // trailing comment, with a comma
  ['my param'] : string = 'x)y'
);
T | take n`;
    expect(parseDeclaredParameters(text)).toEqual([
      { name: 'n', type: 'long', declaredType: 'long', defaultLiteral: '5' },
      { name: 'my param', type: 'string', declaredType: 'string', defaultLiteral: "'x)y'" },
    ]);
  });

  it('ignores declarations inside comments and strings', () => {
    const text = `// declare query_parameters(a:long);
print s = "declare query_parameters(b:long)", t = @'declare query_parameters(c:long)', u = \`\`\`declare query_parameters(d:long)\`\`\``;
    expect(parseDeclaredParameters(text)).toEqual([]);
  });

  it('reads several declarations, each name once', () => {
    const text = 'declare query_parameters(a:long);\ndeclare query_parameters(b:string, a:long);\nprint a, b';
    expect(parseDeclaredParameters(text).map((p) => p.name)).toEqual(['a', 'b']);
  });

  it('marks tabular and unknown types unsupported', () => {
    const text = 'declare query_parameters(T:(x:long, y:string), w:widget, n:long);';
    expect(parseDeclaredParameters(text)).toEqual([
      { name: 'T', type: 'unsupported', declaredType: '(x:long, y:string)' },
      { name: 'w', type: 'unsupported', declaredType: 'widget' },
      { name: 'n', type: 'long', declaredType: 'long' },
    ]);
  });

  it('returns nothing for a query without a declaration', () => {
    expect(parseDeclaredParameters('StormEvents | take 10')).toEqual([]);
    expect(parseDeclaredParameters('')).toEqual([]);
  });

  it('keeps what parsed of a malformed declaration', () => {
    expect(parseDeclaredParameters('declare query_parameters(a:long, b').map((p) => p.name)).toEqual(['a']);
  });
});

describe('toParameterLiteral', () => {
  const good: [QueryParameterType, string, string][] = [
    ['string', 'NEW YORK', 'NEW YORK'],
    ['string', '  spaced "quoted" ', '  spaced "quoted" '],
    ['string', '', ''],
    ['long', '10', '10'],
    ['long', ' -42 ', '-42'],
    ['long', '+7', '7'],
    ['long', '9223372036854775807', '9223372036854775807'],
    ['long', 'long(5)', '5'],
    ['long', '0xFF', '255'],
    ['long', 'null', 'long(null)'],
    ['int', '2147483647', 'int(2147483647)'],
    ['int', '-2147483648', 'int(-2147483648)'],
    ['real', '1.5', 'real(1.5)'],
    ['real', '-2e10', 'real(-2e10)'],
    ['real', '.5', 'real(.5)'],
    ['real', 'NaN', 'real(nan)'],
    ['real', '-inf', 'real(-inf)'],
    ['double', '3', 'real(3)'],
    ['double', 'real(2.25)', 'real(2.25)'],
    ['decimal', '2.00000000000001', 'decimal(2.00000000000001)'],
    ['bool', 'true', 'true'],
    ['bool', 'FALSE', 'false'],
    ['bool', 'bool(true)', 'true'],
    ['datetime', '2007-01-01', 'datetime(2007-01-01)'],
    ['datetime', '2007-01-01T13:45:00Z', 'datetime(2007-01-01T13:45:00Z)'],
    ['datetime', '2020-03-04T14:05:01.3109965Z', 'datetime(2020-03-04T14:05:01.3109965Z)'],
    ['datetime', '2007-06-30 23:59', 'datetime(2007-06-30 23:59)'],
    ['datetime', '2009-06-15T13:45:30-07:00', 'datetime(2009-06-15T13:45:30-07:00)'],
    ['datetime', '2008-02-29', 'datetime(2008-02-29)'],
    ['datetime', 'datetime(2007-01-01)', 'datetime(2007-01-01)'],
    ['timespan', '1d', 'timespan(1d)'],
    ['timespan', '1.5h', 'timespan(1.5h)'],
    ['timespan', '30m', 'timespan(30m)'],
    ['timespan', '100ms', 'timespan(100ms)'],
    ['timespan', '10 seconds', 'timespan(10seconds)'],
    ['timespan', '1.00:00:00', 'timespan(1.00:00:00)'],
    ['timespan', '01:23:45.6789000', 'timespan(01:23:45.6789000)'],
    ['timespan', 'time(1d)', 'timespan(1d)'],
    ['guid', '123E27DE-1E4E-49D9-B579-FE0B331D3642', 'guid(123e27de-1e4e-49d9-b579-fe0b331d3642)'],
    ['guid', '{123e27de-1e4e-49d9-b579-fe0b331d3642}', 'guid(123e27de-1e4e-49d9-b579-fe0b331d3642)'],
    ['dynamic', '["ATLANTIC SOUTH"]', 'dynamic(["ATLANTIC SOUTH"])'],
    ['dynamic', "['Java','C++']", "dynamic(['Java','C++'])"],
    ['dynamic', '{"a": {"b": [1, 2.5, null, true]}}', 'dynamic({"a": {"b": [1, 2.5, null, true]}})'],
    ['dynamic', '42', 'dynamic(42)'],
    ['dynamic', 'dynamic([1,2])', 'dynamic([1,2])'],
    ['dynamic', 'null', 'dynamic(null)'],
  ];
  it.each(good)('%s %j → %s', (type, input, literal) => {
    expect(toParameterLiteral(type, input)).toEqual({ ok: true, literal });
  });

  const bad: [QueryParameterType, string, RegExp][] = [
    ['long', '', /Enter a value/],
    ['long', '1.5', /not a whole number/],
    ['long', 'ten', /not a whole number/],
    ['long', '9223372036854775808', /outside the long range/],
    ['int', '2147483648', /outside the int range/],
    ['int', 'datetime(2007-01-01)', /not a whole number/],
    ['real', 'abc', /not a number/],
    ['real', '1,5', /Use a point/],
    ['real', '1e400', /too large/],
    ['decimal', 'inf', /not a number/],
    ['bool', 'yes', /not true or false/],
    ['bool', '1', /not true or false/],
    ['datetime', 'yesterday', /not a date/],
    ['datetime', '2007-02-30', /not a valid date/],
    ['datetime', '2007-13-01', /not a valid date/],
    ['datetime', '2007-01-01T24:00', /not a valid date/],
    ['datetime', 'ago(1d)', /fixed date/],
    ['datetime', '01/02/2007', /not a date/],
    ['timespan', '1 fortnight', /not a duration/],
    ['timespan', '1.25:00:00', /not a valid/],
    ['timespan', '10:61', /not a valid/],
    ['guid', '123e27de-1e4e-49d9-b579', /not a GUID/],
    ['dynamic', '[1, 2', /not JSON/],
    ['dynamic', '{a: 1}', /not JSON/],
  ];
  it.each(bad)('refuses %s %j', (type, input, reason) => {
    const result = toParameterLiteral(type, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('refuses values for unsupported types', () => {
    expect(toParameterLiteral('unsupported', '1').ok).toBe(false);
  });
});

describe('toParameterValues', () => {
  const declared = parseDeclaredParameters('declare query_parameters(n:long = 10, s:string, d:dynamic, since:datetime = datetime(2007-01-01));');

  it('builds properties.Parameters, leaving empty fields with defaults to the server', () => {
    expect(toParameterValues(declared, { n: '', s: 'TEXAS', d: '["a"]', since: ' ' })).toEqual({
      ok: true,
      parameters: { s: 'TEXAS', d: 'dynamic(["a"])' },
    });
  });

  it('sends an empty string for a string parameter without a default', () => {
    const result = toParameterValues(declared, { d: '[]' });
    expect(result).toEqual({ ok: true, parameters: { s: '', d: 'dynamic([])' } });
  });

  it('names every parameter whose value is wrong or missing', () => {
    const result = toParameterValues(declared, { n: 'x', s: 'ok', since: 'later' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.name)).toEqual(['n', 'd', 'since']);
  });
});
