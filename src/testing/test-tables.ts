/** Builds ColumnarTables for the results tests through the real v2 decoder. */

import { decodeV2Frames } from '../kusto/decode-v2';
import type { ColumnarTable, DataSet } from '../kusto/types';
import { dataTable, toV2Text, v2Response, type Col } from './v2-factories';

export function decodeDataSet(tables: { columns: Col[]; rows: unknown[][]; name?: string }[]): DataSet {
  const frames = tables.map((t, i) => dataTable(i + 1, t.columns, t.rows, 'PrimaryResult', t.name ?? 'PrimaryResult'));
  const result = decodeV2Frames(toV2Text(v2Response(frames)));
  if (!result.ok) throw new Error(result.error.message);
  return result.dataSet;
}

export function decodeTable(columns: Col[], rows: unknown[][]): ColumnarTable {
  const table = decodeDataSet([{ columns, rows }]).primaryResults[0];
  if (!table) throw new Error('no table');
  return table;
}
