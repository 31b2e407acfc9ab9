/**
 * Golden tests of the evaluate plugins: queries and outputs from the Kusto docs pages
 * "bag_unpack plugin" and "narrow plugin" (learn.microsoft.com/kusto/query/…).
 */
import { describe, expect, it } from 'vitest';
import { engineError, engineUnderTest, runOne } from './testing/host';

const engine = engineUnderTest();
const people = `datatable(d:dynamic)
[
    dynamic({"Name": "John", "Age":20}),
    dynamic({"Name": "Dave", "Age":40}),
    dynamic({"Name": "Jasmine", "Age":30}),
]`;

describe('evaluate bag_unpack', () => {
  it('unpacks the slots an output schema names, typed as it says (docs: Expand a bag with an output schema)', async () => {
    const t = await runOne(engine, `${people} | evaluate bag_unpack(d) : (Name:string, Age:long)`);
    expect(t.columns).toEqual([
      { ColumnName: 'Name', ColumnType: 'string' },
      { ColumnName: 'Age', ColumnType: 'long' },
    ]);
    expect(t.rows).toEqual([
      ['John', 20n],
      ['Dave', 40n],
      ['Jasmine', 30n],
    ]);
  });

  it('keeps the other input columns with *, adds a prefix, and gives null for a missing slot', async () => {
    const t = await runOne(
      engine,
      `datatable(Id:long, d:dynamic)[1, dynamic({"Name": "John", "Age":20}), 2, dynamic({"Name": "Dave"})] | evaluate bag_unpack(d, 'Property_') : (*, Property_Name:string, Property_Age:long) | order by Id asc`,
    );
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['Id', 'Property_Name', 'Property_Age']);
    expect(t.rows).toEqual([
      [1n, 'John', 20n],
      [2n, 'Dave', null],
    ]);
  });

  it('keeps the source column on a conflict with keep_source, takes the slot with replace_source (docs: Expand a bag with columnsConflict)', async () => {
    const source = `datatable(Name:string, d:dynamic)['Old_name', dynamic({"Name": "Peter", "Age":30, "Address":"1234 Main St"})]`;
    const kept = await runOne(engine, `${source} | evaluate bag_unpack(d, columnsConflict='keep_source') : (Name:string, Age:long, Address:string)`);
    expect(kept.rows).toEqual([['Old_name', 30n, '1234 Main St']]);
    const replaced = await runOne(engine, `${source} | evaluate bag_unpack(d, columnsConflict='replace_source') : (Name:string, Age:long, Address:string)`);
    expect(replaced.rows).toEqual([['Peter', 30n, '1234 Main St']]);
  });

  it('refuses bag_unpack without an output schema, saying how to write one', async () => {
    const e = await engineError(engine, `${people} | evaluate bag_unpack(d)`);
    expect(e.kind).toBe('unsupported');
    expect(e.message).toMatch(/evaluate bag_unpack.*output schema/);
  });
});

describe('evaluate narrow and pivot', () => {
  it('narrow() turns every cell into a (Row, Column, Value) row, values as strings', async () => {
    const t = await runOne(engine, `datatable(a:long, b:string, c:bool)[1, 'x', true, 2, 'y', false] | evaluate narrow()`);
    expect(t.columns).toEqual([
      { ColumnName: 'Row', ColumnType: 'long' },
      { ColumnName: 'Column', ColumnType: 'string' },
      { ColumnName: 'Value', ColumnType: 'string' },
    ]);
    expect(t.rows).toEqual([
      [0n, 'a', '1'],
      [0n, 'b', 'x'],
      [0n, 'c', 'true'],
      [1n, 'a', '2'],
      [1n, 'b', 'y'],
      [1n, 'c', 'false'],
    ]);
  });

  it('refuses pivot and unknown plugins, naming them', async () => {
    const pivot = await engineError(engine, `datatable(k:string, v:long)['a', 1] | evaluate pivot(k, sum(v))`);
    expect(pivot.message).toMatch(/'evaluate pivot'/);
    const other = await engineError(engine, `datatable(k:string, v:long)['a', 1] | evaluate autocluster()`);
    expect(other.message).toMatch(/'evaluate autocluster'/);
  });
});
