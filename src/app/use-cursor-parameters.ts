/**
 * The parameters form follows the statement at the cursor: its `declare query_parameters(...)`
 * decides which inputs show. Monaco reports no cursor moves to us, so the statement is read again
 * after each edit, key and click in the editor (`readCursorStatement`) and when the tab changes.
 * Share links carry the values of the parameters the whole tab declares.
 */

import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Statement } from '../features/editor/types';
import { useQueryParameters } from '../features/parameters/hooks/use-query-parameters';
import { statementAtCursor } from '../features/editor/statement-at-cursor';
import { linkParametersFor } from './run-parameters';

export interface CursorParametersOptions {
  tabId: string;
  tabText: string;
  /** The statement at the cursor (or the selection) right now. */
  statementToRun(): Statement;
}

export function useCursorParameters({ tabId, tabText, statementToRun }: CursorParametersOptions) {
  // Before monaco arrives there is no cursor: the first statement.
  const [cursorText, setCursorText] = useState(() => statementAtCursor(tabText, 0).text);
  const readCursorStatement = useCallback(() => setCursorText(statementToRun().text), [statementToRun]);
  useEffect(readCursorStatement, [readCursorStatement, tabId]);
  const params = useQueryParameters(cursorText);
  const linkParameters = useMemo(() => linkParametersFor(tabText, params.values), [tabText, params.values]);
  return { params, readCursorStatement, linkParameters };
}
