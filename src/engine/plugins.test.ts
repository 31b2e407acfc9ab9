/**
 * Golden tests of the evaluate plugins: queries and outputs from the Kusto docs pages
 * "bag_unpack plugin", "pivot plugin" and "narrow plugin" (learn.microsoft.com/kusto/query/…).
 * The pivot examples of the docs read the help cluster's StormEvents; here the same rows that the
 * docs' outputs summarize are given as a datatable, in the order the docs list them.
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

  it('unpacks every slot without an output schema, columns by slot name (docs: Expand a bag)', async () => {
    const t = await runOne(engine, `${people} | evaluate bag_unpack(d)`);
    expect(t.columns).toEqual([
      { ColumnName: 'Age', ColumnType: 'long' },
      { ColumnName: 'Name', ColumnType: 'string' },
    ]);
    expect(t.rows).toEqual([
      [20n, 'John'],
      [40n, 'Dave'],
      [30n, 'Jasmine'],
    ]);
  });

  it('prefixes the discovered columns (docs: Expand a bag and use the OutputColumnPrefix option)', async () => {
    const t = await runOne(engine, `${people} | evaluate bag_unpack(d, 'Property_')`);
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['Property_Age', 'Property_Name']);
    expect(t.rows).toEqual([
      [20n, 'John'],
      [40n, 'Dave'],
      [30n, 'Jasmine'],
    ]);
  });

  it('gives a slot only some bags have a column, null elsewhere (docs: Age | Height | Name)', async () => {
    const t = await runOne(
      engine,
      `datatable(d:dynamic)[dynamic({"Name": "John", "Age":20}), dynamic({ "Name": "Dave", "Height": 170, "Age":40}), dynamic({"Name": "Jasmine", "Age":30})] | evaluate bag_unpack(d)`,
    );
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['Age', 'Height', 'Name']);
    expect(t.rows).toEqual([
      [20n, null, 'John'],
      [40n, 170n, 'Dave'],
      [30n, null, 'Jasmine'],
    ]);
  });

  it('types a slot whose values differ in type as dynamic, ignores null values, keeps the other input columns', async () => {
    const t = await runOne(
      engine,
      `datatable(Id:long, d:dynamic)[1, dynamic({"a": 1, "b": "x", "c": null}), 2, dynamic({"a": "one", "b": "y", "c": 2.5})] | evaluate bag_unpack(d) | order by Id asc`,
    );
    // a: a long and a string → dynamic; b: strings; c: null is ignored, so real.
    expect(t.columns).toEqual([
      { ColumnName: 'Id', ColumnType: 'long' },
      { ColumnName: 'a', ColumnType: 'dynamic' },
      { ColumnName: 'b', ColumnType: 'string' },
      { ColumnName: 'c', ColumnType: 'real' },
    ]);
    expect(t.rows).toEqual([
      [1n, 1, 'x', null],
      [2n, 'one', 'y', 2.5],
    ]);
  });

  it('lets later operators use the discovered columns', async () => {
    const t = await runOne(engine, `${people} | evaluate bag_unpack(d) | where Age > 25 | project Name, Next = Age + 1`);
    expect(t.columns).toEqual([
      { ColumnName: 'Name', ColumnType: 'string' },
      { ColumnName: 'Next', ColumnType: 'long' },
    ]);
    expect(t.rows).toEqual([
      ['Dave', 41n],
      ['Jasmine', 31n],
    ]);
  });

  it('resolves a slot named as an input column with columnsConflict (docs: replace_source, keep_source)', async () => {
    const source = `datatable(Name:string, d:dynamic)['Old_name', dynamic({"Name": "John", "Age":20}), 'Old_name', dynamic({"Name": "Dave", "Age":40}), 'Old_name', dynamic({"Name": "Jasmine", "Age":30})]`;
    const replaced = await runOne(engine, `${source} | evaluate bag_unpack(d, columnsConflict='replace_source') | project Age, Name`);
    expect(replaced.rows).toEqual([
      [20n, 'John'],
      [40n, 'Dave'],
      [30n, 'Jasmine'],
    ]);
    const kept = await runOne(engine, `${source} | evaluate bag_unpack(d, columnsConflict='keep_source') | project Age, Name`);
    expect(kept.rows).toEqual([
      [20n, 'Old_name'],
      [40n, 'Old_name'],
      [30n, 'Old_name'],
    ]);
    const e = await engineError(engine, `${source} | evaluate bag_unpack(d)`);
    expect(e.message).toMatch(/slot 'Name'.*columnsConflict/);
  });

  it('plans without running only when the schema is given (sqlOf refuses a data-dependent plugin)', () => {
    expect(() => engine.sqlOf('Samples', `${people} | evaluate bag_unpack(d)`)).toThrow(/depend on its data/);
  });
});

const arDeaths = `datatable(State:string, EventType:string, Source:string, DeathsDirect:long)
[
  'ARKANSAS', 'Heavy Rain', 'Emergency Manager', 1,
  'ARKANSAS', 'Thunderstorm Wind', 'Emergency Manager', 1,
  'ARIZONA', 'Lightning', 'Newspaper', 1,
  'ARIZONA', 'Flash Flood', 'Trained Spotter', 2,
  'ARIZONA', 'Flash Flood', 'Broadcast Media', 3,
  'ARIZONA', 'Flash Flood', 'Newspaper', 1,
  'ARKANSAS', 'Strong Wind', 'Law Enforcement', 1,
  'ARKANSAS', 'Heat', 'Newspaper', 3,
]`;

describe('evaluate pivot', () => {
  it('counts per row key and pivot value, 0 where there are none (docs: Pivot by a column)', async () => {
    const t = await runOne(
      engine,
      `datatable(State:string, EventType:string)['ALABAMA', 'Thunderstorm Wind', 'ALASKA', 'High Wind', 'ALABAMA', 'Thunderstorm Wind', 'ALASKA', 'Thunderstorm Wind', 'ALABAMA', 'Strong Wind'] | evaluate pivot(State)`,
    );
    expect(t.columns).toEqual([
      { ColumnName: 'EventType', ColumnType: 'string' },
      { ColumnName: 'ALABAMA', ColumnType: 'long' },
      { ColumnName: 'ALASKA', ColumnType: 'long' },
    ]);
    // By hand: Thunderstorm Wind 2 in ALABAMA, 1 in ALASKA; High Wind 1 in ALASKA; Strong Wind 1 in ALABAMA.
    expect(t.rows).toEqual([
      ['Thunderstorm Wind', 2n, 1n],
      ['High Wind', 0n, 1n],
      ['Strong Wind', 1n, 0n],
    ]);
  });

  it('sums with an aggregation, pivot columns in the order the values first appear (docs: ARKANSAS | ARIZONA)', async () => {
    const t = await runOne(engine, `${arDeaths} | project State, EventType, DeathsDirect | evaluate pivot(State, sum(DeathsDirect))`);
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['EventType', 'ARKANSAS', 'ARIZONA']);
    expect(t.rows).toEqual([
      ['Heavy Rain', 1n, 0n],
      ['Thunderstorm Wind', 1n, 0n],
      ['Lightning', 0n, 1n],
      ['Flash Flood', 0n, 6n],
      ['Strong Wind', 1n, 0n],
      ['Heat', 3n, 0n],
    ]);
    const named = await runOne(engine, `${arDeaths} | project State, EventType, DeathsDirect | evaluate pivot(State, sum(DeathsDirect), EventType)`);
    expect(named.rows).toEqual(t.rows);
  });

  it('keeps several named columns as the row key (docs: multiple additional columns)', async () => {
    const t = await runOne(engine, `${arDeaths} | evaluate pivot(State, sum(DeathsDirect), EventType, Source)`);
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['EventType', 'Source', 'ARKANSAS', 'ARIZONA']);
    expect(t.rows).toEqual([
      ['Heavy Rain', 'Emergency Manager', 1n, 0n],
      ['Thunderstorm Wind', 'Emergency Manager', 1n, 0n],
      ['Lightning', 'Newspaper', 0n, 1n],
      ['Flash Flood', 'Trained Spotter', 0n, 2n],
      ['Flash Flood', 'Broadcast Media', 0n, 3n],
      ['Flash Flood', 'Newspaper', 0n, 1n],
      ['Strong Wind', 'Law Enforcement', 1n, 0n],
      ['Heat', 'Newspaper', 3n, 0n],
    ]);
  });

  it('takes an output schema as given, 0 for a value with no rows (docs: Pivot with a query-defined output schema)', async () => {
    const t = await runOne(
      engine,
      `datatable(State:string, EventType:string)['ALABAMA', 'High Wind', 'TEXAS', 'High Wind'] | evaluate pivot(State) : (EventType:string, ALABAMA:long, ALASKA:long)`,
    );
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['EventType', 'ALABAMA', 'ALASKA']);
    expect(t.rows).toEqual([['High Wind', 1n, 0n]]);
  });

  it('names columns by tostring() of a non-string pivot value and feeds later operators', async () => {
    const t = await runOne(engine, `datatable(k:long, g:string, v:real)[1, 'a', 1.5, 2, 'a', 2.0, 1, 'b', 4.0, 1, 'a', 0.5] | evaluate pivot(k, avg(v), g) | extend total = ['1'] + ['2']`);
    expect(t.columns).toEqual([
      { ColumnName: 'g', ColumnType: 'string' },
      { ColumnName: '1', ColumnType: 'real' },
      { ColumnName: '2', ColumnType: 'real' },
      { ColumnName: 'total', ColumnType: 'real' },
    ]);
    // a: k=1 → avg(1.5, 0.5) = 1, k=2 → 2; b: k=1 → 4, k=2 → no rows → avg() of nothing is null.
    expect(t.rows).toEqual([
      ['a', 1, 2, 3],
      ['b', 4, null, null],
    ]);
  });
});

describe('evaluate narrow', () => {
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

  it('refuses unknown plugins, naming them', async () => {
    const other = await engineError(engine, `datatable(k:string, v:long)['a', 1] | evaluate autocluster()`);
    expect(other.message).toMatch(/'evaluate autocluster'/);
  });
});
