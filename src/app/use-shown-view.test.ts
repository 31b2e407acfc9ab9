import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataSet } from '../kusto/types';
import { decodeDataSet } from '../testing/test-tables';
import { col } from '../testing/v2-factories';
import { useShownView } from './use-shown-view';

afterEach(cleanup);

const twoTables = () => decodeDataSet([{ columns: [col('a', 'long')], rows: [[1], [2]] }, { columns: [col('b', 'string')], rows: [['x']] }]);

describe('useShownView', () => {
  it('gives the first result in table order until the grid reports a view', () => {
    const dataSet = twoTables();
    const { result } = renderHook(() => useShownView(dataSet));
    expect(result.current.shownTable()).toEqual({ table: dataSet.primaryResults[0], order: null });
  });

  it('gives the table and order last shown, read at the call, without rendering again', () => {
    const dataSet = twoTables();
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      return useShownView(dataSet);
    });
    const second = dataSet.primaryResults[1]!;
    const order = Uint32Array.from([0]);
    act(() => result.current.onViewChange({ table: second, order }));
    expect(renders).toBe(1);
    expect(result.current.shownTable()).toEqual({ table: second, order });
  });

  it("forgets a view of an earlier run's table once a new result is on screen", () => {
    const first = twoTables();
    const { result, rerender } = renderHook(({ dataSet }: { dataSet: DataSet | null }) => useShownView(dataSet), { initialProps: { dataSet: first as DataSet | null } });
    act(() => result.current.onViewChange({ table: first.primaryResults[1]!, order: Uint32Array.from([0]) }));
    const next = twoTables();
    rerender({ dataSet: next });
    expect(result.current.shownTable()).toEqual({ table: next.primaryResults[0], order: null });
    rerender({ dataSet: null });
    expect(result.current.shownTable()).toEqual({ table: null, order: null });
  });
});
