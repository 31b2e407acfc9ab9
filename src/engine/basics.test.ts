/** Golden tests of the basics: expected values come from JS over the generated StormEvents rows. */
import { describe, expect, it } from 'vitest';
import { generateStormEvents, STORM_EVENTS_COLUMNS } from './testing/storm-events';
import { engineError, runOne, runQuery, engineUnderTest } from './testing/host';

const engine = engineUnderTest();
const storm = generateStormEvents();

describe('walking skeleton', () => {
  it('counts every StormEvents row', async () => {
    const t = await runOne(engine, 'StormEvents | count');
    expect(t.columns).toEqual([{ ColumnName: 'Count', ColumnType: 'long' }]);
    expect(t.rows).toEqual([[BigInt(storm.rowCount)]]);
  });

  it('filters and takes with all 22 columns and their Kusto types', async () => {
    const t = await runOne(engine, 'StormEvents | where State == "TEXAS" | take 5');
    expect(t.columns).toEqual(STORM_EVENTS_COLUMNS);
    expect(t.rows).toHaveLength(5);
    for (const row of t.rows) {
      expect(row[4]).toBe('TEXAS');
      expect(row[0]).toMatch(/^2007-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z$/);
      expect(typeof row[2]).toBe('number');
      expect(typeof row[21]).toBe('object');
    }
  });

  it('projects, extends with arithmetic and sorts descending by default', async () => {
    const t = await runOne(engine, 'StormEvents | where State == "KANSAS" | project EventId, DamageProperty | extend Double = DamageProperty * 2 | sort by DamageProperty | take 3');
    const expected = storm.DamageProperty.map((d, i) => ({ d, s: storm.State[i] }))
      .filter((x) => x.s === 'KANSAS')
      .map((x) => x.d)
      .sort((a, b) => b - a)
      .slice(0, 3);
    expect(t.columns.map((c) => `${c.ColumnName}:${c.ColumnType}`)).toEqual(['EventId:int', 'DamageProperty:int', 'Double:long']);
    expect(t.rows.map((r) => r[1])).toEqual(expected);
    expect(t.rows.map((r) => r[2])).toEqual(expected.map((x) => BigInt(x * 2)));
  });

  it('summarizes count() by a column with Kusto naming', async () => {
    const t = await runOne(engine, 'StormEvents | summarize count() by EventType | order by count_ desc | take 3');
    const counts = new Map<string, number>();
    for (const e of storm.EventType) counts.set(e, (counts.get(e) ?? 0) + 1);
    const expected = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    expect(t.columns).toEqual([
      { ColumnName: 'EventType', ColumnType: 'string' },
      { ColumnName: 'count_', ColumnType: 'long' },
    ]);
    expect(t.rows).toEqual(expected.map(([k, v]) => [k, BigInt(v)]));
  });

  it('sorts nulls last when descending and first when ascending', async () => {
    const desc = await runOne(engine, 'StormEvents | project BeginLat | sort by BeginLat desc');
    const asc = await runOne(engine, 'StormEvents | project BeginLat | sort by BeginLat asc');
    const nulls = storm.BeginLat.filter((x) => x === null).length;
    expect(nulls).toBeGreaterThan(0);
    expect(desc.rows.at(-1)?.[0]).toBeNull();
    expect(desc.rows[0]?.[0]).toBe(Math.max(...storm.BeginLat.filter((x): x is number => x !== null)));
    expect(asc.rows.slice(0, nulls).every((r) => r[0] === null)).toBe(true);
    expect(asc.rows[nulls]?.[0]).toBe(Math.min(...storm.BeginLat.filter((x): x is number => x !== null)));
  });

  it('passes render through as the Visualization property bag', async () => {
    const t = await runOne(engine, 'StormEvents | summarize count() by State | render piechart with (title="By state")');
    expect(t.visualization).toMatchObject({ Visualization: 'piechart', Title: 'By state', XColumn: null, Ymin: 'NaN', Accumulate: false });
    expect(Object.keys(t.visualization ?? {})).toHaveLength(19);
  });

  it('reports a syntax error with its line and column', async () => {
    const e = await engineError(engine, 'StormEvents\n| where State ==');
    expect(e.kind).toBe('syntax');
    expect(e.code).toMatch(/^KS0/);
    expect(e.position).toEqual({ line: 2, column: 17, offset: 28 });
  });

  it('reports an unknown column as a semantic error', async () => {
    const e = await engineError(engine, 'StormEvents | where NoSuchColumn > 1');
    expect(e.kind).toBe('semantic');
    expect(e.message).toContain('NoSuchColumn');
    expect(e.position?.column).toBe(21);
  });

  it('names an unsupported operator instead of answering', async () => {
    const e = await engineError(engine, 'StormEvents | scan with (step s: true;)');
    expect(e.kind).toBe('unsupported');
    expect(e.code).toBe('UnsupportedOperator');
    expect(e.message).toBe("The local cluster does not support the 'scan' operator yet.");
  });

  it('returns several PrimaryResult tables for a batch', async () => {
    const tables = await runQuery(engine, 'StormEvents | count; StormEvents | take 1 | project State');
    expect(tables).toHaveLength(2);
    expect(tables[1]?.columns).toEqual([{ ColumnName: 'State', ColumnType: 'string' }]);
  });
});
