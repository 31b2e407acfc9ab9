import { describe, expect, it } from 'vitest';
import { decodeV1Tables } from './decode-v1';
import {
  cancelQueryCommand, readCancelResult, readDatabaseNames, readShowSchema, showDatabaseSchemaCommand,
} from './mgmt';

function tables(body: unknown) {
  const decoded = decodeV1Tables(JSON.stringify(body));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return decoded.tables;
}

const schemaDoc = {
  Plugins: [],
  Databases: {
    Samples: {
      Name: 'Samples',
      Tables: {
        StormEvents: {
          Name: 'StormEvents', EntityType: 'Table', Folder: '', DocString: '',
          OrderedColumns: [{ Name: 'StartTime', Type: 'System.DateTime', CslType: 'datetime' }, { Name: 'State', Type: 'System.String' }],
        },
        Alpha: { Name: 'Alpha', OrderedColumns: [] },
      },
      Functions: { MyFunc: { Name: 'MyFunc', InputParameters: [{ Name: 'n', Type: 'System.Int64', CslType: 'long' }], Body: '{ range x from 1 to n step 1 }' } },
    },
  },
};

describe('management commands', () => {
  it('quotes the client request id of .cancel query as a KQL string', () => {
    expect(cancelQueryCommand('KQLW.Query;abc')).toBe('.cancel query "KQLW.Query;abc"');
    expect(cancelQueryCommand('a"b\\c', 'user pressed Cancel')).toBe('.cancel query "a\\"b\\\\c" with (reason = "user pressed Cancel")');
  });

  it('brackets database names that are not identifiers', () => {
    expect(showDatabaseSchemaCommand('Samples')).toBe('.show databases (Samples) schema as json');
    expect(showDatabaseSchemaCommand("My DB's")).toBe(".show databases (['My DB\\'s']) schema as json");
  });

  it('reads database names by column name, sorted', () => {
    const result = tables({ Tables: [{ TableName: 'Whatever', Columns: [{ ColumnName: 'PrettyName', ColumnType: 'string' }, { ColumnName: 'DatabaseName', ColumnType: 'string' }], Rows: [['', 'Samples'], ['', 'big']] }] });
    expect(readDatabaseNames(result)).toEqual(['big', 'Samples']);
  });

  it('reads tables with column types and functions with parameters from the schema document', () => {
    const result = readShowSchema(tables({ Tables: [{ TableName: 'Table_0', Columns: [{ ColumnName: 'DatabaseSchema', ColumnType: 'string' }], Rows: [[JSON.stringify(schemaDoc)]] }] }));
    expect(result.showSchemaJson).toEqual(schemaDoc);
    const [db] = result.databases;
    expect(db?.tables.map((t) => t.name)).toEqual(['Alpha', 'StormEvents']);
    expect(db?.tables[1]?.columns).toEqual([{ name: 'StartTime', type: 'datetime' }, { name: 'State', type: 'string' }]);
    expect(db?.functions).toEqual([{ name: 'MyFunc', parameters: '(n:long)', body: '{ range x from 1 to n step 1 }', folder: '', docString: '' }]);
  });

  it('reads whether the service stopped the query', () => {
    const columns = [{ ColumnName: 'ClientRequestId', ColumnType: 'string' }, { ColumnName: 'ReasonPhrase', ColumnType: 'string' }, { ColumnName: 'RunningQueryCanceled', ColumnType: 'bool' }];
    expect(readCancelResult(tables({ Tables: [{ TableName: 'T', Columns: columns, Rows: [['id', 'Query cancelled', true]] }] }))).toEqual({ cancelled: true, reason: 'Query cancelled' });
    expect(readCancelResult(tables({ Tables: [{ TableName: 'T', Columns: columns, Rows: [['id', 'not found', false]] }] })).cancelled).toBe(false);
  });
});
