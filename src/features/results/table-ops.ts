/**
 * Sort and search on the main thread: the default ResultTableOps, for environments without a
 * worker. The worker-backed implementation (src/workers) runs the same src/kusto/table-ops.
 */

import { searchRows, sortRows, type ResultTableOps } from '../../kusto/table-ops';

export const mainThreadTableOps: ResultTableOps = {
  sort: (table, column, direction) => Promise.resolve(sortRows(table, column, direction)),
  search: (table, text) => Promise.resolve(searchRows(table, text)),
};
