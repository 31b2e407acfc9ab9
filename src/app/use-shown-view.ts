/**
 * The table on screen and its rows in the order shown (sorted, filtered), for Share's "Copy query,
 * link and results". Kept in a ref and read when Share is clicked: held in state, every sort or
 * filter in the grid re-rendered the whole workbench for a value only a click reads.
 */

import { useCallback, useRef } from 'react';
import type { ResultViewState } from '../features/results/components/results-panel';
import type { ShownTable } from '../features/share/components/share-menu';
import type { DataSet } from '../kusto/types';

export function useShownView(dataSet: DataSet | null) {
  const view = useRef<ResultViewState | null>(null);
  const shownDataSet = useRef(dataSet);
  shownDataSet.current = dataSet;

  const onViewChange = useCallback((next: ResultViewState) => {
    view.current = next;
  }, []);

  /** A view of an older data set does not count: then the first primary result, in table order. */
  const shownTable = useCallback((): ShownTable => {
    const current = shownDataSet.current;
    const seen = view.current;
    if (seen && current?.tables.includes(seen.table)) return { table: seen.table, order: seen.order };
    return { table: current?.primaryResults[0] ?? null, order: null };
  }, []);

  return { onViewChange, shownTable };
}
