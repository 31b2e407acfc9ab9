import { describe, expect, it } from 'vitest';
import type { TableSoFar } from '../kusto/decode-v2';
import { SLOW_STREAM_INTERVAL_MS, SnapshotSchedule } from './snapshot-schedule';

function soFar(rows: number, options: { kind?: string; replacements?: number; progress?: number | null } = {}): TableSoFar {
  return {
    table: { tableId: 1, tableKind: options.kind ?? 'PrimaryResult', tableName: 'PrimaryResult', rowCount: rows, columns: [] },
    replacements: options.replacements ?? 0, progress: options.progress ?? null, completed: false,
  };
}

describe('SnapshotSchedule', () => {
  it('shows nothing until a result table has a row, then shows the first rows at once', () => {
    const schedule = new SnapshotSchedule();
    expect(schedule.due([soFar(5, { kind: 'QueryProperties' })], 0)).toBe(false);
    expect(schedule.due([soFar(5, { kind: 'QueryProperties' }), soFar(0)], 1)).toBe(false);
    expect(schedule.due([soFar(5, { kind: 'QueryProperties' }), soFar(3)], 2)).toBe(true);
  });

  it('shows a fast stream each time its rows double, so the copies add up to at most twice the table', () => {
    const schedule = new SnapshotSchedule();
    const shown: number[] = [];
    for (let rows = 100; rows <= 100_000; rows += 100) if (schedule.due([soFar(rows)], rows / 1000)) shown.push(rows);
    expect(shown).toEqual([100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200]);
    expect(shown.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2 * 100_000);
  });

  it('shows a slow stream once a second, and nothing when nothing changed', () => {
    const schedule = new SnapshotSchedule();
    expect(schedule.due([soFar(1000)], 0)).toBe(true);
    expect(schedule.due([soFar(1010)], SLOW_STREAM_INTERVAL_MS - 1)).toBe(false);
    expect(schedule.due([soFar(1010)], SLOW_STREAM_INTERVAL_MS)).toBe(true);
    expect(schedule.due([soFar(1010)], 10 * SLOW_STREAM_INTERVAL_MS)).toBe(false);
  });

  it('shows a DataReplace and a new TableProgress at once', () => {
    const schedule = new SnapshotSchedule();
    expect(schedule.due([soFar(1000)], 0)).toBe(true);
    expect(schedule.due([soFar(10, { replacements: 1 })], 1)).toBe(true);
    expect(schedule.due([soFar(10, { replacements: 1, progress: 40 })], 2)).toBe(true);
    expect(schedule.due([soFar(10, { replacements: 1, progress: 40 })], 3)).toBe(false);
  });
});
