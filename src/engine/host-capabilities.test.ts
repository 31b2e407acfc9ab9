/** Which SQL needs DuckDB's JSON extension, for hosts without it (host-capabilities.ts). */
import { describe, expect, it } from 'vitest';
import { needsJsonExtension } from './host-capabilities';

describe('needsJsonExtension', () => {
  it('sees JSON functions and the ->> operator, not text inside string literals', () => {
    expect(needsJsonExtension(`json_extract(d, '$.a')`)).toBe(true);
    expect(needsJsonExtension(`d ->> '$'`)).toBe(true);
    expect(needsJsonExtension(`upper('json_extract(x)')`)).toBe(false);
  });

  it('sees calls of the macros that only hosts with JSON register', () => {
    expect(needsJsonExtension('kql_bag_of(list_concat(kql_bag_entries(a), kql_bag_entries(b)))')).toBe(true);
    expect(needsJsonExtension('kql_array_slice(l, 1, 2)')).toBe(true);
    expect(needsJsonExtension('kql_bag_of_many(es)')).toBe(true);
  });

  it('leaves the macros every host registers alone', () => {
    expect(needsJsonExtension('kql_todatetime(s)')).toBe(false);
    expect(needsJsonExtension('kql_indexof_in(l, 1, 0, -1, 1)')).toBe(false);
  });
});
