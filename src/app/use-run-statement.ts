/**
 * Running a statement of the active tab (Run, Shift+Enter, Ctrl+Enter): the request it sends —
 * the parameters it declares, progressive results when the tab asks for them — and, on a cluster a
 * link brought in, joining the connection list first.
 */

import { useCallback } from 'react';
import type { Statement } from '../features/editor/types';
import type { QueryTab } from '../features/tabs/utils/tabs-model';
import { parametersFor } from './run-parameters';
import type { RunRequest } from './use-tab-runs';

/** The request for `text` (a statement of `tab`), or null while a parameter value is refused. */
export function runRequestFor(tab: QueryTab, text: string, statement: Pick<Statement, 'start'>, values: Readonly<Record<string, string>>): RunRequest | null {
  // The form already shows each refused value at its input; nothing is sent until they are fixed.
  const parameters = parametersFor(text, values);
  if (!parameters.ok) return null;
  const properties = {
    ...(parameters.parameters ? { Parameters: parameters.parameters } : {}),
    ...(tab.progressive ? { Options: { results_progressive_enabled: true } } : {}),
  };
  return {
    clusterUrl: tab.clusterUrl, database: tab.database, text, statementStart: statement.start, documentText: tab.text,
    properties: Object.keys(properties).length > 0 ? properties : undefined,
  };
}

export interface RunStatementOptions {
  tab: QueryTab;
  parameterValues: Readonly<Record<string, string>>;
  /** The tab's cluster is in the connection list (or is Local files, which never joins it). */
  listed: boolean;
  /** A run on a cluster not listed adds it (with the default tenant, when no tenant was named). */
  joinCluster(clusterUrl: string): void;
  run(tabId: string, request: RunRequest): void;
  /** Called as a run starts (the F8 recall note goes). */
  onRunStart(): void;
  statementToRun(): Statement;
}

export function useRunStatement({ tab, parameterValues, listed, joinCluster, run, onRunStart, statementToRun }: RunStatementOptions) {
  const runStatement = useCallback(
    (text: string, statement: Statement) => {
      const request = runRequestFor(tab, text, statement, parameterValues);
      if (!request) return;
      onRunStart();
      if (!listed) joinCluster(tab.clusterUrl);
      run(tab.id, request);
    },
    [tab, parameterValues, listed, joinCluster, run, onRunStart],
  );
  const runFromButton = useCallback(() => {
    const statement = statementToRun();
    runStatement(statement.text, statement);
  }, [runStatement, statementToRun]);
  return { runStatement, runFromButton };
}
