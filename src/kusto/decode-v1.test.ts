import { describe, expect, it } from 'vitest';
import { columnText, decodeV1Tables, findColumn } from './decode-v1';

const showDatabases = {
  Tables: [
    {
      TableName: 'Table_0',
      Columns: [
        { ColumnName: 'DatabaseName', DataType: 'String', ColumnType: 'string' },
        { ColumnName: 'IsCurrent', DataType: 'Boolean', ColumnType: 'bool' },
        { ColumnName: 'Version', DataType: 'Int64' },
      ],
      Rows: [['Samples', true, 7], ['Big', false, 1]],
    },
  ],
};

describe('decodeV1Tables', () => {
  it('reads each table into columns by their Kusto type', () => {
    const result = decodeV1Tables(JSON.stringify(showDatabases));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [table] = result.tables;
    expect(table?.rowCount).toBe(2);
    expect(table?.columns.map((c) => c.type)).toEqual(['string', 'bool', 'long']);
    expect(columnText(findColumn(table!, 'databasename')!)).toEqual(['Samples', 'Big']);
  });

  it('keeps longs above 2^53 exact and falls back to DataType when ColumnType is missing', () => {
    const text = '{"Tables":[{"TableName":"T","Columns":[{"ColumnName":"n","DataType":"Int64"}],"Rows":[[9223372036854775807]]}]}';
    const result = decodeV1Tables(text);
    if (!result.ok) throw new Error('expected ok');
    const column = result.tables[0]!.columns[0]!;
    expect(column.type).toBe('long');
    if (column.type === 'long') expect(column.values[0]).toBe(9223372036854775807n);
  });

  it('keeps nulls as nulls', () => {
    const text = '{"Tables":[{"TableName":"T","Columns":[{"ColumnName":"b","ColumnType":"bool"},{"ColumnName":"s","ColumnType":"guid"}],"Rows":[[null,null]]}]}';
    const result = decodeV1Tables(text);
    if (!result.ok) throw new Error('expected ok');
    expect(columnText(result.tables[0]!.columns[1]!)).toEqual(['']);
  });

  it('collects Exceptions rows instead of treating them as data', () => {
    const text = '{"Tables":[{"TableName":"T","Columns":[{"ColumnName":"x","ColumnType":"int"}],"Rows":[[1],{"Exceptions":["Query execution has exceeded the allowed limits"]}]}]}';
    const result = decodeV1Tables(text);
    if (!result.ok) throw new Error('expected ok');
    expect(result.tables[0]!.rowCount).toBe(1);
    expect(result.exceptions).toEqual(['Query execution has exceeded the allowed limits']);
  });

  it.each([
    ['truncated JSON', '{"Tables":[{"TableName":"T","Columns":[]'],
    ['no Tables list', '{"Frames":[]}'],
    ['a row wider than the columns', '{"Tables":[{"TableName":"T","Columns":[{"ColumnName":"x","ColumnType":"int"}],"Rows":[[1,2]]}]}'],
    ['a column without a type', '{"Tables":[{"TableName":"T","Columns":[{"ColumnName":"x"}],"Rows":[]}]}'],
    ['a v2 frame array', '[{"FrameType":"DataSetHeader"}]'],
  ])('reports %s as a malformed response', (_name, text) => {
    const result = decodeV1Tables(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('malformed-response');
  });
});
