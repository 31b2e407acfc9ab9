import type { ComponentType, ReactNode } from 'react';
import type { ColumnarTable, DataSet, Visualization } from '../../src/kusto/types';
import type { DeclaredParameter, ParameterValuesResult } from '../../src/kusto/query-parameters';
import type { HistoryEntry, HistoryStore } from '../../src/features/history/history-store';

export declare const TableChartSwitch: ComponentType<{
  table: ColumnarTable;
  visualization: Visualization | undefined;
  theme?: 'light' | 'dark';
  renderTable: () => ReactNode;
  onChartRendered?: (plan: { type: string }) => void;
}>;
export declare const ShareMenu: ComponentType<{ clusterUrl: string; database: string; query: string; table?: ColumnarTable | null; parameters?: Record<string, string> }>;
export declare const OpenLinkAction: ComponentType<{ onOpen: (link: { query: string | null; decision: { run: boolean } }) => void; appOrigin?: string }>;
export declare const HistoryPanel: ComponentType<{
  store: HistoryStore;
  onReopen: (entry: HistoryEntry) => void;
  onShowResult?: (entry: HistoryEntry, dataSet: DataSet) => void;
}>;
export declare const ParametersForm: ComponentType<{ declared: readonly DeclaredParameter[]; values: Readonly<Record<string, string>>; onChange: (name: string, value: string) => void }>;
export declare function useQueryParameters(query: string, initial?: Readonly<Record<string, string>>): {
  declared: DeclaredParameter[];
  values: Record<string, string>;
  setValue: (name: string, value: string) => void;
  result: ParameterValuesResult;
};
