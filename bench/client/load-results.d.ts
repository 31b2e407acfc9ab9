import type { ComponentType } from 'react';
import type { KustoError } from '../../src/kusto/errors';
import type { DataSet } from '../../src/kusto/types';
import type { ResultTableOps } from '../../src/features/results/table-ops';

export declare const ResultsPanel: ComponentType<{
  dataSet: DataSet | null;
  error: KustoError | null;
  running: boolean;
  query?: string;
  ops?: ResultTableOps;
}>;
