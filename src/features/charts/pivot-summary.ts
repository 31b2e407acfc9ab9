/**
 * `render pivotchart`: "displays a pivot table and chart" (docs "Pivot chart"; its example projects
 * a measure and two dimensions: `project SalesAmount, ProductName, DateKey | render pivotchart`).
 * Kusto.Explorer lets the user drag fields; without that, the first layout is: rows = `xcolumn` or
 * the first non-numeric column, pivot columns = the `series` columns or the next non-numeric
 * column, values = the first `ycolumns` column or the first numeric column, summed (a count of
 * rows when nothing is numeric). The pivot table is then drawn as a column chart: one bar group
 * per row value, one bar per pivot column value.
 */
import { cellToNumber, chartTableFromColumns, findColumns, roleOf, rowKey, type ChartTable } from './chart-data';

export interface PivotProperties {
  xColumn: string | null;
  series: readonly string[];
  yColumns: readonly string[];
}

export interface PivotSummary {
  rowName: string;
  rowLabels: string[];
  /** '' when the table has nothing to pivot on (one column of values). */
  columnName: string;
  columnLabels: string[];
  /** "sum(SalesAmount)" or "count". */
  valueName: string;
  /** values[row][column]; null where no row of the input falls. */
  values: (number | null)[][];
}

export function pivotSummary(table: ChartTable, properties: PivotProperties, notes: string[]): PivotSummary | string {
  const role = (i: number) => roleOf(table, i);
  let value = -1;
  for (const i of findColumns(table, properties.yColumns, 'ycolumns', notes)) {
    if (role(i) !== 'numeric') notes.push(`ycolumns: "${table.columns[i]!.name}" is not numeric and is not drawn.`);
    else if (value === -1) value = i;
  }
  if (value === -1) value = table.columns.findIndex((_, i) => role(i) === 'numeric');

  const dimensions = table.columns.map((_, i) => i).filter((i) => i !== value && role(i) !== 'numeric');
  let row = properties.xColumn ? (findColumns(table, [properties.xColumn], 'xcolumn', notes)[0] ?? -1) : -1;
  if (row === -1) row = dimensions[0] ?? -1;
  if (row === -1) return 'A pivot chart needs a non-numeric column for its rows.';
  let pivot = findColumns(table, properties.series, 'series', notes).filter((i) => i !== row);
  if (pivot.length === 0) pivot = dimensions.filter((i) => i !== row).slice(0, 1);

  const rowLabelOf = rowKey(table, [row]);
  const columnLabelOf = rowKey(table, pivot);
  const rowIndex = new Map<string, number>();
  const columnIndex = new Map<string, number>();
  const cells = new Map<string, number>();
  const values = value === -1 ? null : table.column(value);
  for (let r = 0; r < table.rowCount; r++) {
    const v = values ? cellToNumber(values[r]) : 1;
    if (v === null || Number.isNaN(v)) continue;
    const rowLabel = rowLabelOf(r);
    const columnLabel = columnLabelOf(r);
    if (!rowIndex.has(rowLabel)) rowIndex.set(rowLabel, rowIndex.size);
    if (!columnIndex.has(columnLabel)) columnIndex.set(columnLabel, columnIndex.size);
    const key = `${rowIndex.get(rowLabel)!}\u0000${columnIndex.get(columnLabel)!}`;
    cells.set(key, (cells.get(key) ?? 0) + v);
  }
  if (rowIndex.size === 0) return 'No rows have values to pivot.';
  const grid = Array.from({ length: rowIndex.size }, (_, ri) =>
    Array.from({ length: columnIndex.size }, (_, ci) => cells.get(`${ri}\u0000${ci}`) ?? null),
  );
  return {
    rowName: table.columns[row]!.name,
    rowLabels: [...rowIndex.keys()],
    columnName: pivot.map((i) => table.columns[i]!.name).join(', '),
    columnLabels: [...columnIndex.keys()],
    valueName: value === -1 ? 'count' : `sum(${table.columns[value]!.name})`,
    values: grid,
  };
}

/** The pivot table as a result table: the row column, then one real column per pivot column value. */
export function pivotTable(summary: PivotSummary): ChartTable {
  const columnName = (label: string) => (summary.columnName === '' ? summary.valueName : label === '' ? '(empty)' : label);
  return chartTableFromColumns([
    { name: summary.rowName, type: 'string', values: summary.rowLabels },
    ...summary.columnLabels.map((label, c) => ({ name: columnName(label), type: 'real', values: summary.values.map((row) => row[c] ?? null) })),
  ]);
}
