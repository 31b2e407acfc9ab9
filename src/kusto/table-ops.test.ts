import { describe, expect, it } from 'vitest';
import { col } from '../testing/v2-factories';
import { decodeTable } from '../testing/test-tables';
import { compareDecimalText, keepMatching, searchRows, sortRows } from './table-ops';

const order = (a: Uint32Array) => Array.from(a);

describe('sortRows', () => {
  it('puts nulls first ascending and last descending, like sort by … asc/desc', () => {
    const t = decodeTable([col('n', 'long')], [[3], [null], [1], [2], [null]]);
    expect(order(sortRows(t, 0, 'asc'))).toEqual([1, 4, 2, 3, 0]);
    expect(order(sortRows(t, 0, 'desc'))).toEqual([0, 3, 2, 1, 4]);
  });

  it('orders longs above 2^53 exactly', () => {
    const t = decodeTable([col('n', 'long')], [[9223372036854775807n], [9223372036854775806n], [-9223372036854775807n]]);
    expect(order(sortRows(t, 0, 'asc'))).toEqual([2, 1, 0]);
  });

  it('sorts NaN below -Infinity, as .NET double comparison does', () => {
    const t = decodeTable([col('r', 'real')], [[1.5], ['NaN'], ['-Infinity'], ['Infinity'], [null]]);
    expect(order(sortRows(t, 0, 'asc'))).toEqual([4, 1, 2, 0, 3]);
  });

  it('compares strings ordinally (upper case before lower case) and keeps ties stable', () => {
    const t = decodeTable([col('s', 'string'), col('k', 'int')], [['b', 0], ['B', 1], ['a', 2], ['b', 3], ['', 4]]);
    expect(order(sortRows(t, 0, 'asc'))).toEqual([4, 1, 2, 0, 3]);
    expect(order(sortRows(t, 0, 'desc'))).toEqual([0, 3, 2, 1, 4]);
  });

  it('sorts datetimes by instant, 100-ns digits included', () => {
    const t = decodeTable([col('d', 'datetime')], [
      ['2007-01-01T00:00:00.0000002Z'], ['2006-12-31T23:59:59Z'], ['2007-01-01T00:00:00.0000001Z'], [null],
    ]);
    expect(order(sortRows(t, 0, 'asc'))).toEqual([3, 1, 2, 0]);
  });

  it('sorts timespans, bools, guids case-insensitively', () => {
    const ts = decodeTable([col('t', 'timespan')], [['1.00:00:00'], ['-00:00:01'], ['00:30:00']]);
    expect(order(sortRows(ts, 0, 'asc'))).toEqual([1, 2, 0]);
    const b = decodeTable([col('b', 'bool')], [[true], [false], [null]]);
    expect(order(sortRows(b, 0, 'asc'))).toEqual([2, 1, 0]);
    const g = decodeTable([col('g', 'guid')], [['B0000000-0000-0000-0000-000000000000'], ['a0000000-0000-0000-0000-000000000000']]);
    expect(order(sortRows(g, 0, 'asc'))).toEqual([1, 0]);
  });

  it('sorts decimals exactly beyond double precision', () => {
    const t = decodeTable([col('m', 'decimal')], [['10.5'], ['9.99'], ['-1'], ['12345678901234567890.000000000000000002'], ['12345678901234567890.000000000000000001']]);
    expect(order(sortRows(t, 0, 'asc'))).toEqual([2, 1, 0, 4, 3]);
  });

  it('orders dynamic values by their JSON text', () => {
    const t = decodeTable([col('d', 'dynamic')], [[{ b: 1 }], [[1, 2]], [null]]);
    expect(order(sortRows(t, 0, 'asc'))).toEqual([2, 1, 0]);
  });
});

describe('compareDecimalText', () => {
  it('treats 0, -0 and 0.000 as equal and handles signs', () => {
    expect(compareDecimalText('0', '-0.000')).toBe(0);
    expect(compareDecimalText('-2.5', '-2.45')).toBe(-1);
    expect(compareDecimalText('007', '7.0')).toBe(0);
  });
});

describe('searchRows', () => {
  const t = decodeTable([col('State', 'string'), col('n', 'long'), col('d', 'dynamic')], [
    ['TEXAS', 1], ['OHIO', 22], ['Kansas', 3], ['IOWA', 4],
  ].map(([s, n]) => [s, n, { city: s === 'IOWA' ? 'Des Moines' : 'x' }]));

  it('matches any column, case-insensitively, in table order', () => {
    expect(order(searchRows(t, 'as'))).toEqual([0, 2]);
    expect(order(searchRows(t, '22'))).toEqual([1]);
    expect(order(searchRows(t, 'moines'))).toEqual([3]);
    expect(order(searchRows(t, 'nowhere'))).toEqual([]);
  });

  it('matches every row for an empty search', () => {
    expect(order(searchRows(t, '  '))).toEqual([0, 1, 2, 3]);
  });

});

describe('keepMatching', () => {
  it('keeps the sort order and drops rows that did not match', () => {
    expect(order(keepMatching(Uint32Array.from([3, 1, 0, 2]), Uint32Array.from([0, 3]), 4))).toEqual([3, 0]);
  });
});
