/**
 * Golden tests for lookup. Expected values are the output printed on the Kusto docs page
 * "lookup operator" (learn.microsoft.com/kusto/query/lookup-operator), or follow from its rules
 * (left columns, then the right's without the keys; leftouter keeps unmatched left rows).
 */
import { describe, expect, it } from 'vitest';
import { engineError, runOne, engineUnderTest } from './testing/host';

const engine = engineUnderTest();
const byFirst = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

const FACTS = `let FactTable=datatable(Row:string,Personal:string,Family:string) [
  "1", "Bill",   "Gates",
  "2", "Bill",   "Clinton",
  "3", "Bill",   "Clinton",
  "4", "Steve",  "Ballmer",
  "5", "Tim",    "Cook"
];
let DimTable=datatable(Personal:string,Family:string,Alias:string) [
  "Bill",  "Gates",   "billg",
  "Bill",  "Clinton", "billc",
  "Steve", "Ballmer", "steveb",
  "Tim",   "Cook",    "timc"
];
`;

describe('lookup', () => {
  it('extends the facts with the dimension, keys once (docs "lookup operator")', async () => {
    const t = await runOne(engine, `${FACTS}FactTable\n| lookup kind=leftouter DimTable on Personal, Family`);
    expect(t.columns.map((c) => c.ColumnName)).toEqual(['Row', 'Personal', 'Family', 'Alias']);
    expect(byFirst(t.rows)).toEqual([
      ['1', 'Bill', 'Gates', 'billg'],
      ['2', 'Bill', 'Clinton', 'billc'],
      ['3', 'Bill', 'Clinton', 'billc'],
      ['4', 'Steve', 'Ballmer', 'steveb'],
      ['5', 'Tim', 'Cook', 'timc'],
    ]);
  });

  const PAIRS = `let F=datatable(k:long, v:string)[1, "a", 2, "b", 3, "c"];
let D=datatable(key:long, v:string, w:long)[1, "x", 10, 3, "z", 30];
`;

  it('keeps unmatched left rows by default, with empty right columns; $left.x == $right.y drops the right key', async () => {
    const t = await runOne(engine, `${PAIRS}F | lookup (D) on $left.k == $right.key`);
    expect(t.columns.map((c) => `${c.ColumnName}:${c.ColumnType}`)).toEqual(['k:long', 'v:string', 'v1:string', 'w:long']);
    expect(byFirst(t.rows)).toEqual([
      [1n, 'a', 'x', 10n],
      [2n, 'b', '', null],
      [3n, 'c', 'z', 30n],
    ]);
  });

  it('drops unmatched left rows with kind=inner', async () => {
    const t = await runOne(engine, `${PAIRS}F | lookup kind=inner (D) on $left.k == $right.key`);
    expect(byFirst(t.rows)).toEqual([
      [1n, 'a', 'x', 10n],
      [3n, 'c', 'z', 30n],
    ]);
  });

  it('rejects the kinds Kusto does not have for lookup (the analyzer lists the two)', async () => {
    const e = await engineError(engine, `${PAIRS}F | lookup kind=leftanti (D) on $left.k == $right.key`);
    expect(e.message).toContain('inner, leftouter');
  });
});
