import { describe, expect, it } from 'vitest';
import { changesSchema } from './schema-changes';

describe('changesSchema', () => {
  it.each([
    '.create table T (a:long)', '.create-merge table T (a:long)', '.alter table T (a:long)', '.drop table T', '.rename table A to B',
    '.set T <| print 1', '.append T <| print 1', '.set-or-append T <| print 1', '.ingest inline into table T <| 1',
    '// make it\n.CREATE table T (a:long)', '// a comment ended by CR\r.drop table T',
  ])('%s changes the schema', (text) => {
    expect(changesSchema(text)).toBe(true);
  });

  it.each(['.show tables', '.cancel query "x"', 'StormEvents | take 1', 'print ".create"', '.settings'])('%s does not', (text) => {
    expect(changesSchema(text)).toBe(false);
  });
});
