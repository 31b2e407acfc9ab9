import { describe, expect, it } from 'vitest';
import { inferKustoType } from './js-columns';
import { kustoTypeOfDuckDb } from './kusto-columns';

describe('inferKustoType (values read in JavaScript)', () => {
  it('gives each uniform kind its Kusto type', () => {
    expect(inferKustoType([true, null, false])).toBe('bool');
    expect(inferKustoType([1, 2n, null])).toBe('long');
    expect(inferKustoType([1, 2.5])).toBe('real');
    expect(inferKustoType(['2024-01-01', '2024-01-01T10:00:00.1234567Z', new Date(0)])).toBe('datetime');
    expect(inferKustoType(['a', '2024-01-01'])).toBe('string');
    expect(inferKustoType([null, undefined])).toBe('string');
  });
  it('makes objects, arrays and mixed kinds dynamic', () => {
    expect(inferKustoType([[1], { a: 1 }])).toBe('dynamic');
    expect(inferKustoType([1, 'one'])).toBe('dynamic');
    expect(inferKustoType([true, 1])).toBe('dynamic');
  });
  it('keeps integers beyond 2^53 out of long when they arrive as doubles', () => {
    expect(inferKustoType([2 ** 60])).toBe('real');
  });
});

describe('kustoTypeOfDuckDb (columns DuckDB typed)', () => {
  it('maps DuckDB types to the six local Kusto types', () => {
    expect(['INTEGER', 'BIGINT', 'HUGEINT', 'DECIMAL(18,3)', 'DATE', 'TIMESTAMP WITH TIME ZONE', 'BOOLEAN', 'VARCHAR', 'TIME', 'INTEGER[]', 'STRUCT(a INTEGER)'].map(kustoTypeOfDuckDb)).toEqual([
      'long', 'long', 'real', 'real', 'datetime', 'datetime', 'bool', 'string', 'string', 'dynamic', 'dynamic',
    ]);
  });
});
