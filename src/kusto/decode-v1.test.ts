import { describe, expect, it } from 'vitest';
import { columnText, decodeV1DataSet, decodeV1Tables, findColumn } from './decode-v1';

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

describe('decodeV1DataSet', () => {
  it('makes the only table of a command result its PrimaryResult', () => {
    const result = decodeV1DataSet(JSON.stringify(showDatabases));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.partial).toBeNull();
    expect(result.dataSet.primaryResults).toHaveLength(1);
    expect(result.dataSet.primaryResults[0]?.tableKind).toBe('PrimaryResult');
    expect(result.dataSet.primaryResults[0]?.rowCount).toBe(2);
    expect(result.dataSet.primaryResults[0]?.tableName).toBe('PrimaryResult');
  });

  it('with two tables, the second is QueryProperties and not shown as a result', () => {
    const two = { Tables: [showDatabases.Tables[0], { TableName: 'Table_1', Columns: [{ ColumnName: 'Value', ColumnType: 'string' }], Rows: [['{}']] }] };
    const result = decodeV1DataSet(JSON.stringify(two));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.dataSet.tables.map((t) => t.tableKind)).toEqual(['PrimaryResult', 'QueryProperties']);
    expect(result.dataSet.primaryResults).toHaveLength(1);
  });

  it('with more tables, reads kinds and names from the TableOfContents', () => {
    const column = (name: string, type: string) => ({ ColumnName: name, ColumnType: type });
    const body = {
      Tables: [
        { TableName: 'Table_0', Columns: [column('a', 'long')], Rows: [[1]] },
        { TableName: 'Table_1', Columns: [column('b', 'string')], Rows: [['x'], ['y']] },
        { TableName: 'Table_2', Columns: [column('Value', 'string')], Rows: [['{}']] },
        { TableName: 'Table_3', Columns: [column('StatusCode', 'int')], Rows: [[0]] },
        {
          TableName: 'Table_4',
          Columns: [column('Ordinal', 'long'), column('Kind', 'string'), column('Name', 'string'), column('Id', 'string'), column('PrettyName', 'string')],
          Rows: [
            [0, 'QueryResult', 'PrimaryResult', '0', ''],
            [1, 'QueryResult', 'Named', '1', ''],
            [2, 'QueryProperties', '@ExtendedProperties', '2', ''],
            [3, 'QueryStatus', 'QueryStatus', '3', ''],
          ],
        },
      ],
    };
    const result = decodeV1DataSet(JSON.stringify(body));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.dataSet.tables.map((t) => t.tableKind)).toEqual(['PrimaryResult', 'PrimaryResult', 'QueryProperties', 'QueryCompletionInformation', 'TableOfContents']);
    expect(result.dataSet.primaryResults.map((t) => [t.tableName, t.rowCount])).toEqual([['PrimaryResult', 1], ['Named', 2]]);
  });

  it("reports a table's Exceptions as a partial failure and keeps the rows", () => {
    const body = { Tables: [{ ...showDatabases.Tables[0], Rows: [['Samples', true, 7], { Exceptions: ['Something broke'] }] }] };
    const result = decodeV1DataSet(JSON.stringify(body));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.partial?.kind).toBe('partial');
    expect(result.partial?.message).toContain('Something broke');
    expect(result.dataSet.primaryResults[0]?.rowCount).toBe(1);
  });

  it('refuses a body that is not a v1 response', () => {
    const result = decodeV1DataSet('{"Tables":');
    expect(result.ok).toBe(false);
  });
});
