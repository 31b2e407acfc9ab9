import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClusterConfig } from '../config/runtime-config';
import { LOCAL_FILES_CLUSTER, LOCAL_FILES_DATABASE } from '../kusto/local-files';
import { useTabActions } from './use-tab-actions';

afterEach(cleanup);

const clusters: [ClusterConfig, ...ClusterConfig[]] = [
  { url: 'https://first.kusto.windows.net', defaultDatabase: 'FirstDb', databases: ['FirstDb'] },
  { url: 'https://help.kusto.windows.net', defaultDatabase: 'Samples', databases: ['Samples'] },
];

function actions(tab = { id: 't1', clusterUrl: 'https://other.kusto.windows.net', database: 'OtherDb' }) {
  const dispatch = vi.fn();
  let n = 0;
  const newId = () => `new-${++n}`;
  const { result } = renderHook(() => useTabActions({ tabsStore: { dispatch }, tab, clusters, newId }));
  return { dispatch, result };
}

describe('useTabActions', () => {
  it("a new tab without a database takes the cluster's configured default, else the active tab's on that cluster, else the first cluster's", () => {
    const { dispatch, result } = actions();
    expect(result.current.openInNewTab({ clusterUrl: 'https://help.kusto.windows.net', database: null, text: 'T' })).toBe('new-1');
    result.current.openInNewTab({ clusterUrl: 'https://other.kusto.windows.net', database: null, text: 'T' });
    result.current.openInNewTab({ clusterUrl: 'https://unknown.kusto.windows.net', database: null, text: 'T' });
    result.current.openInNewTab({ clusterUrl: 'https://help.kusto.windows.net', database: 'Named', text: 'T' });
    expect(dispatch.mock.calls.map(([a]) => a.database)).toEqual(['Samples', 'OtherDb', 'FirstDb', 'Named']);
    expect(dispatch.mock.calls[0]?.[0]).toEqual({ type: 'new', id: 'new-1', clusterUrl: 'https://help.kusto.windows.net', database: 'Samples', text: 'T' });
  });

  it("changes the active tab's text, context and progressive option", () => {
    const { dispatch, result } = actions();
    result.current.setText('print 1');
    result.current.selectContext({ clusterUrl: 'https://help.kusto.windows.net', database: 'Samples' });
    result.current.setProgressive(true);
    expect(dispatch.mock.calls.map(([a]) => a)).toEqual([
      { type: 'set-text', id: 't1', text: 'print 1' },
      { type: 'set-context', id: 't1', clusterUrl: 'https://help.kusto.windows.net', database: 'Samples' },
      { type: 'set-progressive', id: 't1', progressive: true },
    ]);
  });

  it('opens a Local files tab, or points the active tab at Local files', () => {
    const { dispatch, result } = actions();
    result.current.openLocalTab();
    result.current.selectLocal();
    expect(dispatch.mock.calls.map(([a]) => a)).toEqual([
      { type: 'new', id: 'new-1', clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE },
      { type: 'set-context', id: 't1', clusterUrl: LOCAL_FILES_CLUSTER, database: LOCAL_FILES_DATABASE },
    ]);
  });
});
