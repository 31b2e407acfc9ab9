/**
 * The seam for sorting and searching a result: the panel asks for row permutations and does not
 * care where they are computed. The main-thread implementation is the default; a worker-backed
 * one can run the same table-ops-core functions off the main thread.
 */

import type { ColumnarTable } from '../../kusto/types';
import { searchRows, sortRows, type SortDirection } from './table-ops-core';

export interface ResultTableOps {
  /** Every row index once, in `sort by <column> <direction>` order (Kusto's null placement). */
  sort(table: ColumnarTable, column: number, direction: SortDirection): Promise<Uint32Array>;
  /** Indices of the rows with a cell containing `text` (case-insensitive), ascending. */
  search(table: ColumnarTable, text: string): Promise<Uint32Array>;
}

export const mainThreadTableOps: ResultTableOps = {
  sort: (table, column, direction) => Promise.resolve(sortRows(table, column, direction)),
  search: (table, text) => Promise.resolve(searchRows(table, text)),
};
