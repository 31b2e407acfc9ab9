import { describe, expect, it } from 'vitest';
import { col, dataSetCompletion, dataSetHeader, dataTable, tableCompletion, tableFragment, tableHeader, toV2Text, v2Response } from '../testing/v2-factories';
import { buildColumn, datetimeText, dynamicAt, formatCell, isNullAt, stringAt } from './columnar';
import { decodeV2Bytes, decodeV2Frames, type DecodeResult } from './decode-v2';
import type { ColumnarColumn, ColumnarTable } from './types';

function table(result: DecodeResult): ColumnarTable {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.message}`);
  const t = result.dataSet.primaryResults[0];
  if (!t) throw new Error('no primary result');
  return t;
}

function oneColumn(type: string, cells: string[]): ColumnarColumn {
  // Raw JSON cells, written by hand: the scanner must read the service's text, not our factory's.
  const text = `[{"FrameType":"DataSetHeader","IsProgressive":false,"Version":"v2.0"},
{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult","Columns":[{"ColumnName":"x","ColumnType":"${type}"}],
"Rows":[${cells.map((c) => `[${c}]`).join(',')}]},
{"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":false}]`;
  const column = table(decodeV2Frames(text)).columns[0];
  if (!column) throw new Error('no column');
  return column;
}

function texts(column: ColumnarColumn, rows: number): string[] {
  return Array.from({ length: rows }, (_, r) => formatCell(column, r));
}

function malformed(text: string): string {
  const result = decodeV2Frames(text);
  if (result.ok) throw new Error('expected a malformed response');
  expect(result.error.kind).toBe('malformed-response');
  return result.error.message;
}

describe('the v2 byte scanner', () => {
  it('reads every scalar type from the bytes', () => {
    expect(texts(oneColumn('bool', ['true', 'false', 'null', '1']), 4)).toEqual(['true', 'false', '', 'true']);
    expect(texts(oneColumn('int', ['0', '-2147483648', '2147483647', 'null']), 4)).toEqual(['0', '-2147483648', '2147483647', '']);
    expect(texts(oneColumn('real', ['1.5', '-0.25', '1e3', '2.5E-3', '0.1', '123456789.123456789']), 6))
      .toEqual(['1.5', '-0.25', '1000', '0.0025', '0.1', '123456789.12345679']);
    expect(texts(oneColumn('decimal', ['"79228162514264337593543950335"', '1.10', 'null']), 3)).toEqual(['79228162514264337593543950335', '1.10', '']);
    expect(texts(oneColumn('guid', ['"74be27de-1e4e-49d9-b579-fe0b331d3642"', 'null']), 2)).toEqual(['74be27de-1e4e-49d9-b579-fe0b331d3642', '']);
    expect(texts(oneColumn('timespan', ['"00:00:01"', '"-1.02:03:04.5000000"', '10000000', 'null']), 4))
      .toEqual(['00:00:01', '-1.02:03:04.5000000', '10000000', '']);
    const spans = oneColumn('timespan', ['"1.02:03:04.5000001"', '10000000']);
    if (spans.type !== 'timespan') throw new Error('not timespan');
    expect(spans.values[0]).toBeCloseTo((((1 * 24 + 2) * 60 + 3) * 60 + 4) * 1000 + 500.0001, 6);
    expect(spans.values[1]).toBe(1000);
  });

  it('reads reals written as NaN, Infinity and -Infinity strings, and real numbers to the last bit', () => {
    const column = oneColumn('real', ['"NaN"', '"Infinity"', '"-Infinity"', 'null', '0.30000000000000004', '5e-324', '1.7976931348623157e308']);
    if (column.type !== 'real') throw new Error('not real');
    expect(Number.isNaN(column.values[0])).toBe(true);
    expect(column.values[1]).toBe(Infinity);
    expect(column.values[2]).toBe(-Infinity);
    expect(isNullAt(column, 3)).toBe(true);
    expect(column.values[4]).toBe(0.30000000000000004);
    expect(column.values[5]).toBe(5e-324);
    expect(column.values[6]).toBe(Number.MAX_VALUE);
  });

  it('keeps longs exact across the whole Int64 range, without a double in between', () => {
    const column = oneColumn('long', ['9223372036854775807', '-9223372036854775808', '9007199254740993', '-9007199254740993',
      '4294967296', '-4294967297', '-1', '0', 'null', '1.5']);
    if (column.type !== 'long') throw new Error('not long');
    expect(Array.from(column.values.subarray(0, 8))).toEqual([
      9223372036854775807n, -9223372036854775808n, 9007199254740993n, -9007199254740993n, 4294967296n, -4294967297n, -1n, 0n,
    ]);
    expect(isNullAt(column, 8)).toBe(true);
    expect(isNullAt(column, 9)).toBe(true);
  });

  it('reads datetimes in place with their 100-ns digits, and other ISO forms through the slow path', () => {
    const column = oneColumn('datetime', ['"2020-03-04T14:05:01.3109965Z"', '"0000-01-01T00:00:00Z"', '"2024-02-29T23:59:59.9999999Z"',
      '"2021-06-01T12:00:00+02:00"', 'null', '"not a date"']);
    if (column.type !== 'datetime') throw new Error('not datetime');
    expect(datetimeText(column, 0)).toBe('2020-03-04T14:05:01.3109965Z');
    expect(column.ticks[0]).toBe(9965);
    expect(column.values[0]).toBeCloseTo(Date.UTC(2020, 2, 4, 14, 5, 1, 310) + 0.9965, 3);
    expect(datetimeText(column, 1)).toBe('0000-01-01T00:00:00.0000000Z');
    expect(datetimeText(column, 2)).toBe('2024-02-29T23:59:59.9999999Z');
    expect(column.values[3]).toBe(Date.UTC(2021, 5, 1, 10));
    expect(isNullAt(column, 4)).toBe(true);
    expect(isNullAt(column, 5)).toBe(true);
  });

  it('unescapes strings: quotes, control escapes, \\u, surrogate pairs and raw UTF-8', () => {
    const column = oneColumn('string', [
      String.raw`"a\"b\\c\/d"`, String.raw`"\b\f\n\r\t"`, String.raw`"\u00e9\u6771\u4EAC"`, String.raw`"\ud83c\udf2a\ufe0f storm"`,
      '"Zürich 東京 🌪"', '""', 'null', '42', '{"a":1}',
    ]);
    expect(texts(column, 9)).toEqual(['a"b\\c/d', '\b\f\n\r\t', 'é東京', '🌪️ storm', 'Zürich 東京 🌪', '', '', '42', '{"a":1}']);
    expect(isNullAt(column, 6)).toBe(false);
  });

  it('turns a lone surrogate escape into U+FFFD (UTF-8 cannot hold it)', () => {
    expect(stringAt(oneColumn('string', [String.raw`"x\ud800y"`, String.raw`"\udc00"`]), 0)).toBe('x\ufffdy');
  });

  it('keeps dynamic values as their JSON text, parsed on demand with big integers exact', () => {
    const column = oneColumn('dynamic', ['{"id":9223372036854775807,"s":"a\\"b"}', '[1,2]', '"text"', 'null', '7', 'true']);
    if (column.type !== 'dynamic') throw new Error('not dynamic');
    expect(dynamicAt(column, 0)).toEqual({ id: 9223372036854775807n, s: 'a"b' });
    expect(formatCell(column, 0)).toBe('{"id":9223372036854775807,"s":"a\\"b"}');
    expect(dynamicAt(column, 1)).toEqual([1, 2]);
    expect(formatCell(column, 2)).toBe('text');
    expect(isNullAt(column, 3)).toBe(true);
    expect(dynamicAt(column, 4)).toBe(7);
    expect(dynamicAt(column, 5)).toBe(true);
  });

  it('reads a value of the wrong shape as null instead of failing the result', () => {
    expect(isNullAt(oneColumn('int', ['"seven"']), 0)).toBe(true);
    expect(isNullAt(oneColumn('datetime', ['12']), 0)).toBe(true);
    expect(isNullAt(oneColumn('bool', ['[true]']), 0)).toBe(true);
  });

  it('agrees cell for cell with JSON.parse + buildColumn on mixed rows', () => {
    const columns = [col('d', 'datetime'), col('s', 'string'), col('l', 'long'), col('r', 'real'), col('i', 'int'), col('b', 'bool'),
      col('y', 'dynamic'), col('g', 'guid'), col('t', 'timespan'), col('m', 'decimal')];
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const rows = Array.from({ length: 300 }, (_, r) => [
      random() < 0.1 ? null : new Date(Date.UTC(2000, 0, 1) + Math.floor(random() * 1e12)).toISOString().replace('Z', '1234Z'),
      ['plain', 'quo"te', 'é', '🌪', 'line\nbreak', ''][r % 6]! + String(r),
      random() < 0.1 ? null : BigInt(Math.floor(random() * 1e9)) * (r % 3 === 0 ? 1_000_000_007n : 1n),
      random() < 0.1 ? 'NaN' : random() * 1e6 - 5e5,
      random() < 0.1 ? null : Math.floor(random() * 1e6),
      random() < 0.1 ? null : random() < 0.5,
      random() < 0.2 ? null : { k: r, list: ['a', r % 2 === 0], nested: { v: random() } },
      random() < 0.1 ? null : '123e27de-1e4e-49d9-b579-fe0b331d3642',
      random() < 0.1 ? null : `0${r % 10}:0${r % 6}:1${r % 10}.${String(r).padStart(7, '0')}`,
      random() < 0.1 ? null : `${r}.0001`,
    ]);
    const text = toV2Text(v2Response([dataTable(1, columns, rows)]));
    const scanned = table(decodeV2Bytes(new TextEncoder().encode(text)));
    const parsed = (JSON.parse(text.replace(/(?<=[,[])(-?\d{16,})(?=[,\]])/g, '"$1"')) as Array<{ Rows?: unknown[][] }>)[1]!.Rows!;
    columns.forEach((c, index) => {
      const reference = buildColumn(c, index, parsed, false);
      for (let r = 0; r < rows.length; r++) {
        const got = formatCell(scanned.columns[index]!, r);
        const want = c.ColumnType === 'datetime' && !isNullAt(reference, r) ? (rows[r]![0] as string) : formatCell(reference, r);
        if (got !== want) throw new Error(`column ${c.ColumnName} row ${r}: ${got} != ${want}`);
      }
    });
    expect(scanned.rowCount).toBe(300);
  });

  it('reads Rows that come before Columns in a frame (key order is not guaranteed by JSON)', () => {
    const text = `[{"FrameType":"DataSetHeader"},{"Rows":[[1,"a"],[2,"b"]],"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult",
      "TableName":"PrimaryResult","Columns":[{"ColumnName":"n","ColumnType":"long"},{"ColumnName":"s","ColumnType":"string"}]},
      {"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":false}]`;
    const t = table(decodeV2Frames(text));
    expect(texts(t.columns[1]!, 2)).toEqual(['a', 'b']);
  });

  it('reads fragmented responses with a frame per line and DataReplace, growing past the first allocation', () => {
    const many = Array.from({ length: 3000 }, (_, r) => [r, `row ${r}`]);
    const frames = [
      dataSetHeader({ IsFragmented: true }), tableHeader(1, [col('n', 'long'), col('s', 'string')]),
      tableFragment(1, [[-1, 'gone']]), tableFragment(1, many, 'DataReplace'), tableFragment(1, [[3000, 'last']]),
      tableCompletion(1, 3001), dataSetCompletion(),
    ];
    const text = `[${frames.map((f) => JSON.stringify(f)).join('\n,')}\n]`;
    const t = table(decodeV2Frames(text));
    expect(t.rowCount).toBe(3001);
    expect(formatCell(t.columns[0]!, 0)).toBe('0');
    expect(stringAt(t.columns[1]!, 2999)).toBe('row 2999');
    expect(stringAt(t.columns[1]!, 3000)).toBe('last');
  });

  it('accepts a UTF-8 byte order mark and trailing whitespace', () => {
    const text = toV2Text(v2Response([dataTable(1, [col('x', 'int')], [[1]])]));
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(`${text}\n\n`)]);
    expect(table(decodeV2Bytes(bytes)).rowCount).toBe(1);
  });

  describe('malformed input', () => {
    const good = toV2Text(v2Response([dataTable(1, [col('s', 'string')], [['abc'], ['déf']])]));

    it.each([
      ['cut inside a string', good.slice(0, good.indexOf('déf') + 2)],
      ['cut inside a number', '[{"FrameType":"DataSetHeader"},{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"P","Columns":[{"ColumnName":"x","ColumnType":"long"}],"Rows":[[12'],
      ['an empty body', ''],
      ['an invalid escape', good.replace('abc', 'a\\qc')],
      ['a bad \\u escape', good.replace('abc', 'a\\u12zz')],
      ['garbage in a row', good.replace('"abc"', 'abc')],
      ['a missing comma between rows', good.replace('],["déf"', ']["déf"')],
      ['data after the frames', `${good}x`],
      ['a row narrower than the columns', toV2Text([dataSetHeader(), dataTable(1, [col('a', 'int'), col('b', 'int')], [[1]]), dataSetCompletion()])],
    ])('rejects %s', (_name, text) => {
      malformed(text);
    });

    it('says the body was cut off when it ends mid-value', () => {
      expect(malformed(good.slice(0, good.indexOf('déf')))).toMatch(/cut off/);
    });
  });
});
