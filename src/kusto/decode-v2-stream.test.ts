import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  col, dataSetCompletion, dataSetHeader, dataTable, oneApiError, tableCompletion, tableFragment, tableHeader, tableProgress, toV2Text,
} from '../testing/v2-factories';
import { formatCell } from './columnar';
import { V2StreamDecoder, decodeV2Bytes, type DecodeResult } from './decode-v2';
import type { ColumnarTable, DataSet } from './types';

const encoder = new TextEncoder();

/** Everything a reader can see of a result, as JSON text (compared as one string: the every-byte test stays fast). */
function visible(result: DecodeResult): string {
  const tables = (dataSet: DataSet | null | undefined) => dataSet?.tables.map((t) => ({
    id: t.tableId, kind: t.tableKind, name: t.tableName, incomplete: t.incomplete ?? false, cells: cells(t),
  }));
  return JSON.stringify(result.ok
    ? { ok: true, tables: tables(result.dataSet), partial: result.partial?.message ?? null, stats: result.dataSet.stats, vis: [...result.dataSet.visualizations] }
    : { ok: false, error: result.error.message, incomplete: tables(result.incomplete) ?? null });
}

function cells(t: ColumnarTable): string[][] {
  return Array.from({ length: t.rowCount }, (_, r) => t.columns.map((c) => formatCell(c, r)));
}

function inPieces(bytes: Uint8Array, cuts: number[]): DecodeResult {
  const decoder = new V2StreamDecoder();
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    decoder.push(bytes.subarray(at, cut));
    at = cut;
  }
  decoder.push(bytes.subarray(at));
  return decoder.end();
}

const MIXED_COLUMNS = [
  col('t', 'datetime'), col('s', 'string'), col('n', 'long'), col('r', 'real'), col('i', 'int'), col('b', 'bool'),
  col('d', 'dynamic'), col('g', 'guid'), col('ts', 'timespan'), col('m', 'decimal'),
];
const MIXED_ROWS = [
  ['2024-01-02T03:04:05.1234567Z', 'a "quoted" \\ é 🌪️\n', 9223372036854775807n, 1.5, -7, true, { a: [1, 'x'] }, '74be27de-1e4e-49d9-b579-fe0b331d3642', '1.02:03:04.5000001', '79228162514264337593543950335'],
  [null, '', -9223372036854775808n, 'NaN', null, null, null, null, null, null],
  ['2000-02-29T00:00:00Z', '\u0000\u001f', 12, -0.25e-3, 2147483647, false, 'text', 'not-a-guid', '00:00:01', 1.1],
];

/** A body with most of what the protocol has: a BOM, every type, a progressive table with DataReplace and progress, in-data errors, a frame per line. */
function richBody(): Uint8Array {
  const text = toV2Text([
    dataSetHeader({ IsProgressive: true }),
    dataTable(0, [col('Value', 'string')], [['{"x":1}']], 'QueryProperties', '@ExtendedProperties'),
    dataTable(1, MIXED_COLUMNS, MIXED_ROWS),
    tableHeader(2, [col('x', 'long'), col('y', 'string')]),
    tableFragment(2, [[1, 'a'], [2, 'b']]),
    tableProgress(2, 40),
    tableFragment(2, [[3, 'c']], 'DataReplace'),
    tableFragment(2, [[4, 'd'], { OneApiErrors: [oneApiError('LimitsExceeded', 'Query result set has exceeded the internal record count limit')] }]),
    tableCompletion(2, 2),
    dataSetCompletion(),
  ]).replace(/\},\{"FrameType"/g, '},\n{"FrameType"');
  return encoder.encode(`\ufeff${text}  \n`);
}

describe('V2StreamDecoder', () => {
  it('decodes a body cut into two pieces at every byte exactly as the whole body', () => {
    const bytes = richBody();
    const whole = visible(decodeV2Bytes(bytes));
    expect(whole).toMatch(/^\{"ok":true/);
    for (let cut = 0; cut <= bytes.length; cut++) expect(visible(inPieces(bytes, [cut])), `cut at ${cut}`).toBe(whole);
  });

  it('decodes a body in one-byte pieces and in random pieces exactly as the whole body', () => {
    const bytes = richBody();
    const whole = visible(decodeV2Bytes(bytes));
    expect(visible(inPieces(bytes, Array.from({ length: bytes.length }, (_, k) => k)))).toBe(whole);
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
      expect(visible(inPieces(bytes, cuts))).toBe(whole);
    }), { numRuns: 200 });
  });

  it('keeps a long exact when a piece ends inside its digits', () => {
    const bytes = encoder.encode(toV2Text([dataSetHeader(), dataTable(1, [col('n', 'long')], [[9223372036854775807n]]), dataSetCompletion()]));
    const digits = new TextDecoder().decode(bytes).indexOf('9223372036854775807');
    const result = inPieces(bytes, [digits + 7]);
    expect(result.ok && formatCell(result.dataSet.primaryResults[0]!.columns[0]!, 0)).toBe('9223372036854775807');
  });

  it('has the rows of a table before the body ends, and none of a row cut part way', () => {
    const rows = Array.from({ length: 1000 }, (_, r) => [r, `row ${r}`]);
    const text = toV2Text([dataSetHeader(), dataTable(1, [col('x', 'int'), col('s', 'string')], rows), dataSetCompletion()]);
    const half = text.indexOf('"row 500"') + 4;
    const decoder = new V2StreamDecoder();
    decoder.push(encoder.encode(text.slice(0, half)));
    const [soFar] = decoder.tablesSoFar();
    expect(soFar?.completed).toBe(false);
    expect(soFar?.table.rowCount).toBe(500);
    expect(cells(soFar!.table)[499]).toEqual(['499', 'row 499']);
    decoder.push(encoder.encode(text.slice(half)));
    const result = decoder.end();
    expect(result.ok && result.dataSet.primaryResults[0]!.rowCount).toBe(1000);
    expect(decoder.tablesSoFar()[0]?.completed).toBe(true);
  });

  it('follows DataReplace and TableProgress of a progressive table', () => {
    const text = toV2Text([
      dataSetHeader({ IsProgressive: true }), tableHeader(1, [col('x', 'int')]), tableFragment(1, [[1], [2]]), tableProgress(1, 42.5),
      tableFragment(1, [[7]], 'DataReplace'), tableCompletion(1, 1), dataSetCompletion(),
    ]);
    const decoder = new V2StreamDecoder();
    const upTo = (marker: string) => text.indexOf(marker);
    decoder.push(encoder.encode(text.slice(0, upTo('"DataReplace"'))));
    const before = decoder.tablesSoFar()[0]!;
    expect([before.table.rowCount, before.replacements, before.progress]).toEqual([2, 0, 42.5]);
    decoder.push(encoder.encode(text.slice(upTo('"DataReplace"'), upTo('"TableCompletion"'))));
    const after = decoder.tablesSoFar()[0]!;
    expect([after.table.rowCount, after.replacements, cells(after.table)]).toEqual([1, 1, [['7']]]);
  });

  it('marks the tables of a body cut off mid-way incomplete and says so: never a silently short table', () => {
    const rows = Array.from({ length: 100 }, (_, r) => [r]);
    const text = toV2Text([
      dataSetHeader(), dataTable(1, [col('x', 'int')], [[1]], 'QueryProperties', '@ExtendedProperties'),
      dataTable(2, [col('x', 'int')], rows), dataSetCompletion(),
    ]);
    const result = inPieces(encoder.encode(text.slice(0, text.indexOf('[60]') + 2)), []);
    if (result.ok) throw new Error('a cut-off body decoded as complete');
    expect(result.error.kind).toBe('malformed-response');
    expect(result.error.message).toMatch(/cut off/);
    const [properties, primary] = result.incomplete!.tables;
    expect(properties!.incomplete).toBeUndefined();
    expect(primary!.incomplete).toBe(true);
    expect(primary!.rowCount).toBe(60);
    expect(result.incomplete!.primaryResults).toEqual([primary]);
  });

  it('stops at the first malformed byte without waiting for the rest', () => {
    const decoder = new V2StreamDecoder();
    const head = '[{"FrameType":"DataSetHeader"},{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"P",'
      + '"Columns":[{"ColumnName":"x","ColumnType":"int"}],"Rows":[[1],';
    decoder.push(encoder.encode(head));
    decoder.push(encoder.encode('[2}'));
    const at = head.length + 2;
    expect(decoder.failed?.message).toContain(`expected ',' or ']' in a row at byte ${at}`);
    decoder.push(encoder.encode(']]}]'));
    const result = decoder.end();
    expect(!result.ok && result.error.message).toContain(`at byte ${at}`);
  });

  it('waits for more when a piece ends in a number, a literal, an escape or a byte order mark', () => {
    for (const [prefix, rest] of [['[{"FrameType":"DataSetHeader"},{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"P","Columns":[{"ColumnName":"x","ColumnType":"real"}],"Rows":[[-', '1e5]]},{"FrameType":"DataSetCompletion"}]'],
      ['[{"FrameType":"DataSetHeader"},{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"P","Columns":[{"ColumnName":"x","ColumnType":"real"}],"Rows":[[1e', '5]]},{"FrameType":"DataSetCompletion"}]'],
      ['[{"FrameType":"DataSetHeader"},{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"P","Columns":[{"ColumnName":"x","ColumnType":"int"}],"Rows":[[nu', 'll]]},{"FrameType":"DataSetCompletion"}]'],
      ['\ufeff'.slice(0, 1), '[{"FrameType":"DataSetHeader"},{"FrameType":"DataSetCompletion"}]']] as const) {
      const bytes = encoder.encode(prefix + rest);
      const cut = encoder.encode(prefix).length - (prefix === '\ufeff' ? 1 : 0);
      const decoder = new V2StreamDecoder();
      decoder.push(bytes.subarray(0, cut));
      expect(decoder.failed).toBeNull();
      decoder.push(bytes.subarray(cut));
      expect(visible(decoder.end())).toBe(visible(decodeV2Bytes(bytes)));
    }
  });
});
