import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AddClusterResult } from '../features/connections/utils/connections-model';
import { useTenantQuestion } from './use-tenant-question';

afterEach(cleanup);

const cluster = 'https://contoso.kusto.windows.net';
const request = { clusterUrl: cluster, database: 'db', text: 'T | take 1', statementStart: 0, documentText: 'T | take 1' };

function setup(added: AddClusterResult = { ok: true, connections: { clusters: [cluster] }, url: cluster }) {
  const connections = { add: vi.fn(() => added), setTenant: vi.fn(() => ({ ok: true as const, connections: { clusters: [cluster] } })) };
  const run = vi.fn();
  const { result } = renderHook(() => useTenantQuestion({ connections, run }));
  return { connections, run, result };
}

describe('useTenantQuestion', () => {
  it("an answer adds the cluster with that tenant, runs the link's query, and the question goes", () => {
    const { connections, run, result } = setup();
    act(() => result.current.ask({ clusterUrl: cluster, run: { tabId: 't2', request } }));
    expect(result.current.question?.clusterUrl).toBe(cluster);
    act(() => result.current.answer('fabrikam.com'));
    expect(connections.add).toHaveBeenCalledWith(cluster);
    expect(connections.setTenant).toHaveBeenCalledWith(cluster, 'fabrikam.com');
    expect(run).toHaveBeenCalledWith('t2', request);
    expect(result.current.question).toBeNull();
  });

  it('"Use the default tenant" adds the cluster and names no tenant; a link without a query runs nothing', () => {
    const { connections, run, result } = setup();
    act(() => result.current.ask({ clusterUrl: cluster, run: null }));
    act(() => result.current.answer(''));
    expect(connections.add).toHaveBeenCalledWith(cluster);
    expect(connections.setTenant).not.toHaveBeenCalled();
    expect(run).not.toHaveBeenCalled();
  });

  it('names no tenant for a cluster the list refused', () => {
    const { connections, result } = setup({ ok: false, message: 'not trusted' });
    act(() => result.current.ask({ clusterUrl: cluster, run: null }));
    act(() => result.current.answer('fabrikam.com'));
    expect(connections.setTenant).not.toHaveBeenCalled();
    expect(result.current.question).toBeNull();
  });

  it("a run there before any answer adds the cluster and settles that cluster's question only", () => {
    const { connections, result } = setup();
    act(() => result.current.ask({ clusterUrl: cluster, run: null }));
    act(() => result.current.joinWithDefaultTenant('https://other.kusto.windows.net'));
    expect(result.current.question?.clusterUrl).toBe(cluster);
    act(() => result.current.joinWithDefaultTenant(cluster));
    expect(connections.add).toHaveBeenLastCalledWith(cluster);
    expect(result.current.question).toBeNull();
  });
});
