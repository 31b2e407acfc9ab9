import type { ComponentType, ReactNode } from 'react';
import type { ColumnarTable, DataSet, Visualization } from '../../src/kusto/types';

export declare const ResultsPanel: ComponentType<{ dataSet: DataSet | null; error: null; running: boolean; durationMs?: number | null }>;
export declare const TableChartSwitch: ComponentType<{
  table: ColumnarTable;
  visualization: Visualization | undefined;
  theme?: 'light' | 'dark';
  renderTable: () => ReactNode;
  onChartRendered?: (plan: { type: string }) => void;
}>;
