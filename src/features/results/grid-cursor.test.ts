import { describe, expect, it } from 'vitest';
import { clampGridCursor, moveGridCursor } from './grid-cursor';

const shape = { columns: 4, rows: 100, page: 10 };
const press = (key: string, ctrlKey = false) => ({ key, ctrlKey, metaKey: false });

describe('moveGridCursor', () => {
  it('moves one cell with the arrows and stops at the edges, the header row included', () => {
    expect(moveGridCursor({ column: 0, row: 0 }, press('ArrowRight'), shape)).toEqual({ column: 1, row: 0 });
    expect(moveGridCursor({ column: 3, row: 0 }, press('ArrowRight'), shape)).toEqual({ column: 3, row: 0 });
    expect(moveGridCursor({ column: 0, row: 0 }, press('ArrowUp'), shape)).toEqual({ column: 0, row: -1 });
    expect(moveGridCursor({ column: 0, row: -1 }, press('ArrowUp'), shape)).toEqual({ column: 0, row: -1 });
    expect(moveGridCursor({ column: 0, row: 99 }, press('ArrowDown'), shape)).toEqual({ column: 0, row: 99 });
  });

  it('goes to the row ends with Home/End and to the grid corners with Ctrl', () => {
    expect(moveGridCursor({ column: 2, row: 5 }, press('Home'), shape)).toEqual({ column: 0, row: 5 });
    expect(moveGridCursor({ column: 2, row: 5 }, press('End'), shape)).toEqual({ column: 3, row: 5 });
    expect(moveGridCursor({ column: 2, row: 5 }, press('End', true), shape)).toEqual({ column: 3, row: 99 });
    expect(moveGridCursor({ column: 2, row: 5 }, press('Home', true), shape)).toEqual({ column: 0, row: 0 });
  });

  it('pages by the rows in view less one, keeping a row of context', () => {
    expect(moveGridCursor({ column: 1, row: 0 }, press('PageDown'), shape)).toEqual({ column: 1, row: 9 });
    expect(moveGridCursor({ column: 1, row: 95 }, press('PageDown'), shape)).toEqual({ column: 1, row: 99 });
    expect(moveGridCursor({ column: 1, row: 5 }, press('PageUp'), shape)).toEqual({ column: 1, row: -1 });
  });

  it('ignores keys that are not movement', () => {
    expect(moveGridCursor({ column: 0, row: 0 }, press('Enter'), shape)).toBeNull();
    expect(moveGridCursor({ column: 0, row: 0 }, press('Tab'), shape)).toBeNull();
  });

  it('stays on the header in a result with no rows', () => {
    expect(moveGridCursor({ column: 0, row: -1 }, press('ArrowDown'), { columns: 2, rows: 0, page: 10 })).toEqual({ column: 0, row: -1 });
    expect(moveGridCursor({ column: 0, row: -1 }, press('Home', true), { columns: 2, rows: 0, page: 10 })).toEqual({ column: 0, row: -1 });
  });
});

describe('clampGridCursor', () => {
  it('pulls a cursor back inside a smaller grid', () => {
    expect(clampGridCursor({ column: 5, row: 50 }, { columns: 2, rows: 10 })).toEqual({ column: 1, row: 9 });
  });
});
