/**
 * A result table with its `render`: chart first, with a Chart/Table toggle. Without `render`, or
 * for a kind that isn't drawn (an unknown name, `table`), only the table, with the note saying why.
 * The table itself is the caller's (the results grid), passed as `renderTable`.
 */
import { useMemo, useState, type ReactNode } from 'react';
import type { ColumnarTable, Visualization } from '../../../kusto/types';
import { selectors } from '../../../testing/selectors';
import type { ChartPlan, ChartTheme } from '../chart-options';
import { parseVisualization } from '../visualization';
import { useDocumentTheme } from '../../../lib/use-document-theme';
import { ChartView } from './chart-view';

export type ResultShape = 'chart' | 'table';

export interface TableChartSwitchProps {
  table: ColumnarTable;
  /** `dataSet.visualizations.get(table.tableId)`; undefined when the query has no `render`. */
  visualization: Visualization | undefined;
  /** Follows `data-theme` on <html> when not given. */
  theme?: ChartTheme;
  renderTable: () => ReactNode;
  /** Controlled view; uncontrolled (chart first) when omitted. */
  shape?: ResultShape;
  onShapeChange?: (shape: ResultShape) => void;
  onChartRendered?: (plan: ChartPlan) => void;
}

export function ShapeToggle({ value, onChange }: { value: ResultShape; onChange: (shape: ResultShape) => void }) {
  const options: [ResultShape, string][] = [
    ['chart', selectors.charts.showChart.name],
    ['table', selectors.charts.showTable.name],
  ];
  return (
    <div role="radiogroup" aria-label={selectors.charts.toggle.name} className="shape-toggle">
      {options.map(([shape, label]) => (
        <button
          key={shape}
          type="button"
          role="radio"
          aria-checked={value === shape}
          className={value === shape ? 'selected' : undefined}
          onClick={() => onChange(shape)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

export function TableChartSwitch({ table, visualization, theme: given, renderTable, shape, onShapeChange, onChartRendered }: TableChartSwitchProps) {
  const documentTheme = useDocumentTheme();
  const theme = given ?? documentTheme;
  // Keyed on the content: a caller that builds the bag inline must not re-plan (and redraw) every render.
  const key = visualization === undefined ? '' : JSON.stringify(visualization);
  const spec = useMemo(() => (key === '' ? null : parseVisualization(JSON.parse(key))), [key]);
  const [own, setOwn] = useState<ResultShape>('chart');
  const current = shape ?? own;
  const change = (next: ResultShape) => {
    setOwn(next);
    onShapeChange?.(next);
  };

  if (!spec || spec.visualization === 'table') {
    return (
      <>
        {spec?.note ? <div role={selectors.charts.note.role} className="chart-notes"><p>{spec.note}</p></div> : null}
        {renderTable()}
      </>
    );
  }
  return (
    <div className="table-chart-switch">
      <ShapeToggle value={current} onChange={change} />
      {current === 'chart' ? (
        <ChartView spec={spec} table={table} theme={theme} fallback={renderTable()} onRendered={onChartRendered} />
      ) : (
        renderTable()
      )}
    </div>
  );
}
