import { describe, expect, it } from 'vitest';
import {
  col, dataSetCompletion, dataSetHeader, dataTable, oneApiError, queryCompletionInformation, tableCompletion,
  tableFragment, tableHeader, tableProgress, toV2Text, v2Response,
} from '../testing/v2-factories';
import { dynamicAt, formatCell, isNullAt } from './columnar';
import { decodeV2Frames, type DecodeResult } from './decode-v2';
import type { ColumnarColumn } from './types';

function ok(result: DecodeResult): Extract<DecodeResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result;
}

function firstColumn(result: DecodeResult, index = 0): ColumnarColumn {
  const table = ok(result).dataSet.primaryResults[0];
  if (!table) throw new Error('no primary result');
  const column = table.columns[index];
  if (!column) throw new Error(`no column ${index}`);
  return column;
}

function decodeOneColumn(type: string, values: unknown[]): ColumnarColumn {
  return firstColumn(decodeV2Frames(toV2Text(v2Response([dataTable(1, [col('x', type)], values.map((v) => [v]))]))));
}

describe('decodeV2Frames', () => {
  it('reads the first PrimaryResult with its columns and row count', () => {
    const text = toV2Text(v2Response([dataTable(1, [col('State', 'string'), col('n', 'long')], [['TEXAS', 10], ['KANSAS', 3]])]));
    const { dataSet } = ok(decodeV2Frames(text));
    expect(dataSet.primaryResults).toHaveLength(1);
    const table = dataSet.primaryResults[0]!;
    expect(table.rowCount).toBe(2);
    expect(table.columns.map((c) => c.name)).toEqual(['State', 'n']);
    expect(formatCell(table.columns[0]!, 1)).toBe('KANSAS');
    expect(formatCell(table.columns[1]!, 0)).toBe('10');
  });

  it('keeps every PrimaryResult of a batch in order', () => {
    const text = toV2Text(v2Response([dataTable(1, [col('a', 'int')], [[1]]), dataTable(2, [col('b', 'int')], [[2], [3]])]));
    const { dataSet } = ok(decodeV2Frames(text));
    expect(dataSet.primaryResults.map((t) => t.rowCount)).toEqual([1, 2]);
  });

  it('keeps longs above 2^53 exact', () => {
    const column = decodeOneColumn('long', [9223372036854775807n, -9223372036854775808n, 9007199254740993n, 42, null]);
    expect(column.type).toBe('long');
    expect([0, 1, 2, 3].map((r) => formatCell(column, r))).toEqual([
      '9223372036854775807', '-9223372036854775808', '9007199254740993', '42',
    ]);
    expect(isNullAt(column, 4)).toBe(true);
  });

  it('keeps a big integer inside a dynamic value exact', () => {
    const column = decodeOneColumn('dynamic', [{ id: 9223372036854775807n, small: 1 }]);
    expect(formatCell(column, 0)).toBe('{"id":9223372036854775807,"small":1}');
  });

  it('does not touch long digit runs inside strings', () => {
    const column = decodeOneColumn('string', ['id 12345678901234567890 here']);
    expect(formatCell(column, 0)).toBe('id 12345678901234567890 here');
  });

  it('reads reals including NaN, Infinity and null', () => {
    const column = decodeOneColumn('real', [1.5, 'NaN', 'Infinity', '-Infinity', null, 0]);
    if (column.type !== 'real') throw new Error('not real');
    expect(column.values[0]).toBe(1.5);
    expect(Number.isNaN(column.values[1])).toBe(true);
    expect(column.values[2]).toBe(Infinity);
    expect(column.values[3]).toBe(-Infinity);
    expect(isNullAt(column, 4)).toBe(true);
    expect(isNullAt(column, 5)).toBe(false);
    expect(formatCell(column, 1)).toBe('NaN');
    expect(formatCell(column, 4)).toBe('');
  });

  it('accepts the double alias for real', () => {
    expect(decodeOneColumn('double', [2.25]).type).toBe('real');
  });

  it('reads ints and bools with nulls', () => {
    const ints = decodeOneColumn('int', [1, -2147483648, null]);
    expect(ints.type).toBe('int');
    expect(formatCell(ints, 1)).toBe('-2147483648');
    expect(isNullAt(ints, 2)).toBe(true);
    const bools = decodeOneColumn('bool', [true, false, null]);
    expect([0, 1].map((r) => formatCell(bools, r))).toEqual(['true', 'false']);
    expect(isNullAt(bools, 2)).toBe(true);
  });

  it('reads datetimes as epoch ms and keeps the 7-digit text', () => {
    const column = decodeOneColumn('datetime', ['2020-03-04T14:05:01.3109965Z', '0000-01-01T00:00:00Z', null]);
    if (column.type !== 'datetime') throw new Error('not datetime');
    expect(column.values[0]).toBeCloseTo(Date.UTC(2020, 2, 4, 14, 5, 1, 310) + 0.9965, 3);
    expect(formatCell(column, 0)).toBe('2020-03-04T14:05:01.3109965Z');
    expect(new Date(column.values[1]!).getUTCFullYear()).toBe(0);
    expect(isNullAt(column, 2)).toBe(true);
  });

  it('reads timespans with days, fractions and sign', () => {
    const column = decodeOneColumn('timespan', ['01:23:45.6789000', '1.00:00:01.0010001', '-2.00:00:02.0020002', null]);
    if (column.type !== 'timespan') throw new Error('not timespan');
    expect(column.values[0]).toBeCloseTo(((1 * 60 + 23) * 60 + 45.6789) * 1000, 6);
    expect(column.values[1]).toBeCloseTo(86_400_000 + 1001.0001, 6);
    expect(column.values[2]).toBeCloseTo(-(2 * 86_400_000 + 2002.0002), 6);
    expect(formatCell(column, 2)).toBe('-2.00:00:02.0020002');
    expect(isNullAt(column, 3)).toBe(true);
  });

  it('keeps decimals and guids as exact text', () => {
    const decimals = decodeOneColumn('decimal', ['2.00000000000001', null]);
    expect(formatCell(decimals, 0)).toBe('2.00000000000001');
    expect(isNullAt(decimals, 1)).toBe(true);
    const guids = decodeOneColumn('guid', ['123e27de-1e4e-49d9-b579-fe0b331d3642', null]);
    expect(formatCell(guids, 0)).toBe('123e27de-1e4e-49d9-b579-fe0b331d3642');
    expect(isNullAt(guids, 1)).toBe(true);
  });

  it('treats an empty string as a value, never null', () => {
    const column = decodeOneColumn('string', ['', 'x']);
    expect(isNullAt(column, 0)).toBe(false);
    expect(formatCell(column, 0)).toBe('');
  });

  it('reads dynamic as a JSON value and as a JSON string', () => {
    const column = decodeOneColumn('dynamic', [{ a: [1, 2] }, '{"b":true}', null, 7]);
    if (column.type !== 'dynamic') throw new Error('not dynamic');
    expect(dynamicAt(column, 0)).toEqual({ a: [1, 2] });
    expect(formatCell(column, 0)).toBe('{"a":[1,2]}');
    expect(formatCell(column, 1)).toBe('{"b":true}');
    expect(isNullAt(column, 2)).toBe(true);
    expect(formatCell(column, 3)).toBe('7');
  });

  it('parses the Visualization of render from its JSON string', () => {
    const text = toV2Text(v2Response([dataTable(1, [col('x', 'int')], [[1]])], {
      visualization: { Visualization: 'timechart', Title: 'Storms', XColumn: null, Ymin: 'NaN' },
    }));
    const { dataSet } = ok(decodeV2Frames(text));
    expect(dataSet.visualizations.get(1)).toMatchObject({ Visualization: 'timechart', Title: 'Storms' });
  });

  it('reads query statistics from QueryCompletionInformation', () => {
    const { dataSet } = ok(decodeV2Frames(toV2Text(v2Response([dataTable(1, [col('x', 'int')], [[1]])]))));
    expect(dataSet.stats?.executionTimeSec).toBeCloseTo(0.0312);
    expect(dataSet.stats?.resourceConsumption).toHaveProperty('input_dataset_statistics');
  });

  it('assembles progressive fragments, honouring DataReplace', () => {
    const columns = [col('n', 'long')];
    const text = toV2Text([
      dataSetHeader({ IsProgressive: true }),
      tableHeader(1, columns),
      tableFragment(1, [[1], [2]]),
      tableProgress(1, 50),
      tableFragment(1, [[10], [20], [30]], 'DataReplace'),
      tableFragment(1, [[40]]),
      tableCompletion(1, 4),
      dataSetCompletion(),
    ]);
    const column = firstColumn(decodeV2Frames(text));
    expect([0, 1, 2, 3].map((r) => formatCell(column, r))).toEqual(['10', '20', '30', '40']);
  });

  describe('partial failures', () => {
    const truncation = oneApiError('LimitsExceeded',
      'Query execution has exceeded the allowed limits (80DA0003): The results of this query exceed the set limit of 1 records (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003).');

    it('keeps the rows and reports DataSetCompletion errors', () => {
      const text = toV2Text([dataSetHeader(), dataTable(1, [col('x', 'int')], [[1]]), dataSetCompletion([truncation])]);
      const result = decodeV2Frames(text);
      if (!result.ok) throw new Error('expected ok');
      expect(result.dataSet.primaryResults[0]?.rowCount).toBe(1);
      expect(result.partial?.kind).toBe('partial');
      expect(result.partial?.message).toContain('E_QUERY_RESULT_SET_TOO_LARGE');
      expect(result.partial?.code).toBe('LimitsExceeded');
    });

    it('reports TableCompletion OneApiErrors', () => {
      const text = toV2Text([
        dataSetHeader({ IsFragmented: true, ErrorReportingPlacement: 'EndOfTable' }), tableHeader(1, [col('x', 'int')]),
        tableFragment(1, [[1]]), tableCompletion(1, 1, [truncation]), dataSetCompletion(),
      ]);
      const result = decodeV2Frames(text);
      expect(result.ok && result.partial?.kind).toBe('partial');
    });

    it('reports in-data OneApiErrors rows and keeps the other rows', () => {
      const text = toV2Text([dataSetHeader(), dataTable(1, [col('x', 'int')], [[1], { OneApiErrors: [truncation] }]), dataSetCompletion()]);
      const result = decodeV2Frames(text);
      if (!result.ok) throw new Error('expected ok');
      expect(result.dataSet.primaryResults[0]?.rowCount).toBe(1);
      expect(result.partial?.kind).toBe('partial');
    });

    it('reports QueryCompletionInformation rows with Level ≤ 2 once, deduplicated', () => {
      const text = toV2Text([
        dataSetHeader(), dataTable(1, [col('x', 'int')], [[1]]), queryCompletionInformation(2, { errors: [truncation] }),
        dataSetCompletion([truncation]),
      ]);
      const result = decodeV2Frames(text);
      if (!result.ok) throw new Error('expected ok');
      expect(result.partial?.oneApiErrors).toHaveLength(1);
    });

    it('reports a cancelled data set', () => {
      const text = toV2Text([dataSetHeader(), dataTable(1, [col('x', 'int')], [[1]]), dataSetCompletion(undefined, true)]);
      const result = decodeV2Frames(text);
      expect(result.ok && result.partial?.kind).toBe('cancelled');
    });
  });

  describe('malformed input', () => {
    const good = toV2Text(v2Response([dataTable(1, [col('x', 'int')], [[1]])]));

    it('rejects truncated JSON', () => {
      const result = decodeV2Frames(good.slice(0, good.length - 20));
      expect(!result.ok && result.error.kind).toBe('malformed-response');
    });

    it('rejects a body that is not an array of frames', () => {
      const result = decodeV2Frames('{"Tables":[]}');
      expect(!result.ok && result.error.kind).toBe('malformed-response');
    });

    it('rejects a response that does not start with DataSetHeader', () => {
      const result = decodeV2Frames(toV2Text([dataTable(1, [col('x', 'int')], [[1]]), dataSetHeader(), dataSetCompletion()]));
      expect(!result.ok && result.error.kind).toBe('malformed-response');
    });

    it('rejects a response cut off before DataSetCompletion', () => {
      const result = decodeV2Frames(toV2Text([dataSetHeader(), dataTable(1, [col('x', 'int')], [[1]])]));
      expect(!result.ok && result.error.message).toMatch(/cut off/);
    });

    it('rejects frames after DataSetCompletion', () => {
      const result = decodeV2Frames(toV2Text([dataSetHeader(), dataSetCompletion(), dataTable(1, [col('x', 'int')], [[1]])]));
      expect(!result.ok && result.error.kind).toBe('malformed-response');
    });

    it('rejects a fragment before its TableHeader', () => {
      const result = decodeV2Frames(toV2Text([dataSetHeader(), tableFragment(1, [[1]]), dataSetCompletion()]));
      expect(!result.ok && result.error.message).toMatch(/without its TableHeader/);
    });

    it('rejects rows wider than the columns', () => {
      const result = decodeV2Frames(toV2Text([dataSetHeader(), dataTable(1, [col('x', 'int')], [[1, 2]]), dataSetCompletion()]));
      expect(!result.ok && result.error.message).toMatch(/2 values for 1 columns/);
    });

    it('skips frame types it does not know', () => {
      const result = decodeV2Frames(toV2Text([
        dataSetHeader(), { FrameType: 'FutureFrame', Anything: 1 }, dataTable(1, [col('x', 'int')], [[1]]), dataSetCompletion(),
      ]));
      expect(result.ok && result.dataSet.primaryResults[0]?.rowCount).toBe(1);
    });
  });
});
