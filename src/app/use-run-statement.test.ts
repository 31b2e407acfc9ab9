import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueryTab } from '../features/tabs/utils/tabs-model';
import { runRequestFor, useRunStatement, type RunStatementOptions } from './use-run-statement';

afterEach(cleanup);

const tab: QueryTab = { id: 't1', title: null, clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text: 'print 1;\nprint 2' };
const second = { text: 'print 2', start: 9, end: 16 };

describe('runRequestFor', () => {
  it("sends the statement with where it starts in the tab's text, and no properties when none apply", () => {
    expect(runRequestFor(tab, 'print 2', second, {})).toEqual({
      clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text: 'print 2', statementStart: 9, documentText: 'print 1;\nprint 2', properties: undefined,
    });
  });

  it('sends the values of the parameters the statement declares, and progressive results when the tab asks', () => {
    const text = 'declare query_parameters(n:long);\nprint n';
    const request = runRequestFor({ ...tab, text, progressive: true }, text, { start: 0 }, { n: '5', other: 'x' });
    expect(request?.properties).toEqual({ Parameters: { n: '5' }, Options: { results_progressive_enabled: true } });
  });

  it('sends nothing while a parameter value is refused', () => {
    const text = 'declare query_parameters(n:long);\nprint n';
    expect(runRequestFor({ ...tab, text }, text, { start: 0 }, { n: 'five' })).toBeNull();
  });
});

describe('useRunStatement', () => {
  function render(options: Partial<RunStatementOptions>) {
    const calls = { run: vi.fn(), joinCluster: vi.fn(), onRunStart: vi.fn() };
    const { result } = renderHook(() => useRunStatement({ tab, parameterValues: {}, listed: true, statementToRun: () => second, ...calls, ...options }));
    return { ...calls, result };
  }

  it('Run sends the statement at the cursor in the active tab, and the recall note goes', () => {
    const { run, onRunStart, joinCluster, result } = render({});
    result.current.runFromButton();
    expect(run).toHaveBeenCalledWith('t1', expect.objectContaining({ text: 'print 2', statementStart: 9 }));
    expect(onRunStart).toHaveBeenCalledOnce();
    expect(joinCluster).not.toHaveBeenCalled();
  });

  it('a run on a cluster not in the list adds it first', () => {
    const { run, joinCluster, result } = render({ listed: false });
    result.current.runStatement('print 1', { text: 'print 1', start: 0, end: 7 });
    expect(joinCluster).toHaveBeenCalledWith('https://help.kusto.windows.net');
    expect(joinCluster.mock.invocationCallOrder[0]).toBeLessThan(run.mock.invocationCallOrder[0]!);
  });

  it('a refused parameter value sends nothing and adds nothing', () => {
    const text = 'declare query_parameters(n:long);\nprint n';
    const { run, joinCluster, onRunStart, result } = render({ tab: { ...tab, text }, listed: false, parameterValues: { n: 'five' } });
    result.current.runStatement(text, { text, start: 0, end: text.length });
    expect(run).not.toHaveBeenCalled();
    expect(joinCluster).not.toHaveBeenCalled();
    expect(onRunStart).not.toHaveBeenCalled();
  });
});
