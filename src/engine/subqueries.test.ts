/**
 * Golden tests for subqueries and user functions: toscalar(), `in` with a table, invoke, tabular
 * parameters, named arguments, materialize(), `as` with union withsource. Expected values are the
 * outputs printed on the Kusto docs pages named in each test (learn.microsoft.com/kusto/query/…),
 * or computed in JS.
 */
import { describe, expect, it } from 'vitest';
import { runOne, runQuery, engineUnderTest } from './testing/host';

const engine = engineUnderTest();
const sortRows = (rows: unknown[][]) => [...rows].sort((a, b) => JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)).localeCompare(JSON.stringify(b, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))));

describe('toscalar()', () => {
  it('evaluates let-bound scalars from tables for range (docs "toscalar()", Set range for evaluation)', async () => {
    const t = await runOne(
      engine,
      `let Start = toscalar(print x=1);
let End = toscalar(range x from 1 to 9 step 1 | count);
let Step = toscalar(2);
range z from Start to End step Step | extend start=Start, end=End, step=Step`,
    );
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['z', 'start', 'end', 'step']);
    expect(t.rows).toEqual([1n, 3n, 5n, 7n, 9n].map((z) => [z, 1n, 9n, 2n]));
  });

  it('takes the first column of the first row, inside an expression', async () => {
    const t = await runOne(engine, 'range x from 1 to 5 step 1 | extend share = todouble(x) / toscalar(range y from 1 to 5 step 1 | summarize sum(y), count())');
    expect(t.rows.map((r) => r[1])).toEqual([1, 2, 3, 4, 5].map((x) => x / 15));
  });
});

describe('in with a table', () => {
  it('keeps the rows whose value is in the first column of a subquery (docs "in~ operator", Tabular expression)', async () => {
    const t = await runOne(
      engine,
      `let PopulationData = datatable(State:string, Population:long)["TEXAS", 29000000, "IOWA", 3200000, "ILLINOIS", 12600000];
datatable(State:string, n:long)["texas", 1, "Texas", 2, "iowa", 3, "illinois", 4, "kansas", 5]
| where State in~ (PopulationData | where Population > 5000000 | project State)`,
    );
    expect(t.rows).toEqual([
      ['texas', 1n],
      ['Texas', 2n],
      ['illinois', 4n],
    ]);
  });

  it('uses a let-bound table, case-sensitively with in and negated with !in', async () => {
    const base = `let large_states = datatable(State:string)["TEXAS", "ILLINOIS"];
datatable(State:string)["TEXAS", "texas", "IOWA", "ILLINOIS"]`;
    expect((await runOne(engine, `${base} | where State in (large_states)`)).rows).toEqual([['TEXAS'], ['ILLINOIS']]);
    expect((await runOne(engine, `${base} | where State !in (large_states)`)).rows).toEqual([['texas'], ['IOWA']]);
    expect((await runOne(engine, `${base} | where State !in~ (large_states)`)).rows).toEqual([['IOWA']]);
  });
});

describe('user functions', () => {
  it('take a tabular and a scalar argument (docs "User-defined functions")', async () => {
    const t = await runOne(engine, 'let MyFilter = (T:(x:long), v:long) { T | where x >= v }; MyFilter((range x from 1 to 10 step 1), 9)');
    expect(t.rows).toEqual([[9n], [10n]]);
  });

  it('take a table of any schema', async () => {
    const t = await runOne(engine, 'let MyDistinct = (T:(*)) { T | distinct * }; MyDistinct((range x from 1 to 3 step 1))');
    expect(sortRows(t.rows)).toEqual([[1n], [2n], [3n]]);
  });

  it('take named arguments in any order, with defaults', async () => {
    const t = await runQuery(
      engine,
      `let f = (a:long, b:string = "b.default", c:long = 0) { strcat(a, "-", b, "-", c) };
union (print x=f(c=7, a=12)), (print x=f(12, c=7))`,
    );
    expect(t[0]?.rows).toEqual([['12-b.default-7'], ['12-b.default-7']]);
  });

  it('declare lets and functions inside their body (docs: the output is 70)', async () => {
    const t = await runOne(
      engine,
      `let Test1 = (id: int) {
  let Test2 = 10;
  let Test3 = 10 + Test2 + id;
  let Test4 = (arg: int) {
      let Test5 = 20;
      Test2 + Test3 + Test5 + arg
  };
  Test4(10)
};
range x from 1 to Test1(10) step 1
| count`,
    );
    expect(t.rows).toEqual([[70n]]);
  });
});

describe('invoke', () => {
  it('passes its source as the first tabular argument (docs "invoke operator": avg_x = 52)', async () => {
    const t = await runOne(
      engine,
      `let clipped_average = (T:(x: long), lowPercentile:double, upPercentile:double)
{
   let high = toscalar(T | summarize percentiles(x, upPercentile));
   let low = toscalar(T | summarize percentiles(x, lowPercentile));
   T
   | where x > low and x < high
   | summarize avg(x)
};
range x from 1 to 100 step 1
| invoke clipped_average(5, 99)`,
    );
    expect(t.columns).toEqual([{ ColumnName: 'avg_x', ColumnType: 'real' }]);
    expect(t.rows).toEqual([[52]]);
  });

  it('appends to a column of its source (docs "User-defined functions", invoke)', async () => {
    const t = await runOne(
      engine,
      `let append_to_column_a=(T:(a:string), what:string) { T | extend a=strcat(a, " ", what) };
datatable (a:string) ["sad", "really", "sad"]
| invoke append_to_column_a(":-)")`,
    );
    expect(t.rows).toEqual([['sad :-)'], ['really :-)'], ['sad :-)']]);
  });
});

describe('materialize() and as', () => {
  it('reuses a materialized let in a batch', async () => {
    const tables = await runQuery(
      engine,
      `let randomSet = materialize(range x from 1 to 1000 step 1 | project value = x % 7);
randomSet | summarize Dcount=dcount(value);
randomSet | top 3 by value;
randomSet | summarize Sum=sum(value)`,
    );
    const values = Array.from({ length: 1000 }, (_, i) => (i + 1) % 7);
    expect(tables.map((t) => t.rows)).toEqual([[[7n]], [[6n], [6n], [6n]], [[BigInt(values.reduce((a, b) => a + b, 0))]]]);
  });

  it('names union legs in withsource (docs "as operator": TableName is T1 and T2)', async () => {
    const a = await runOne(engine, 'range x from 1 to 10 step 1 | as T1 | union withsource=TableName (range x from 1 to 10 step 1 | as T2)');
    const b = await runOne(engine, 'union withsource=TableName (range x from 1 to 10 step 1 | as T1), (range x from 1 to 10 step 1 | as T2)');
    const expected = ['T1', 'T2'].flatMap((name) => Array.from({ length: 10 }, (_, i) => [name, BigInt(i + 1)]));
    for (const t of [a, b]) {
      expect(t.columns.map((c) => c.ColumnName)).toEqual(['TableName', 'x']);
      expect(sortRows(t.rows)).toEqual(sortRows(expected));
    }
  });

  it('lets the rest of the query read the named input', async () => {
    const t = await runOne(engine, 'range x from 1 to 6 step 1 | as T | where x > 3 | join kind=inner (T | where x < 5) on x | project x');
    expect(t.rows).toEqual([[4n]]);
  });
});
