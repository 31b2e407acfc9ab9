import { describe, expect, it, vi } from 'vitest';
import { inferKustoType, stageJsColumns } from './js-columns';
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

describe('stageJsColumns (the Arrow table handed to DuckDB)', () => {
  it('keeps every value and every null of each type, without evaluating a string as code', () => {
    // The worker's content security policy has no 'unsafe-eval': Arrow's builders (vectorFromArray)
    // call Function(...) for their null check, which the browser refuses there.
    const compile = vi.spyOn(globalThis, 'Function');
    try {
      // One column per table: a file's columns have one length; these differ.
      const staged = (values: unknown[]) => {
        const { table, types } = stageJsColumns([{ name: 'c', values }]);
        return { type: types.get('c'), values: [...(table.getChild('c') ?? [])], nulls: table.getChild('c')?.nullCount };
      };
      expect(staged([1, null, 2n ** 60n, undefined, -3])).toEqual({ type: 'long', values: [1n, null, 2n ** 60n, null, -3n], nulls: 2 });
      expect(staged([1.5, null, -0.25])).toEqual({ type: 'real', values: [1.5, null, -0.25], nulls: 1 });
      expect(staged([true, null, false, true, false, false, false, false, true])).toEqual({
        type: 'bool', values: [true, null, false, true, false, false, false, false, true], nulls: 1,
      });
      expect(staged([new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), null, '2024-05-06'])).toEqual({
        type: 'datetime', values: ['2024-01-02T03:04:05.000Z', null, '2024-05-06'], nulls: 1,
      });
      expect(staged(['a', null, 'ÄÖ€ 😀', ''])).toEqual({ type: 'string', values: ['a', null, 'ÄÖ€ 😀', ''], nulls: 1 });
      expect(staged([{ a: 1 }, null, [1, 'two']])).toEqual({ type: 'dynamic', values: ['{"a":1}', null, '[1,"two"]'], nulls: 1 });
      expect(staged([1, 2, 3])).toEqual({ type: 'long', values: [1n, 2n, 3n], nulls: 0 });
      expect(compile).not.toHaveBeenCalled();
    } finally {
      compile.mockRestore();
    }
  });
});
