// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { tenantOf } from '../utils/connections-model';
import { useConnections } from './use-connections';

const HOME = 'https://home.kusto.windows.net';
const PARTNER = 'https://partner.kusto.windows.net';
const KEY = 'kqlw.connections@test-account';

afterEach(() => window.localStorage.clear());

describe('useConnections', () => {
  it('lets a run started in the same click as an add and a tenant read that tenant', () => {
    const { result } = renderHook(() => useConnections([HOME], [], KEY));
    let tenantSeenInTheClick: string | undefined;
    act(() => {
      // As the link's tenant question does: add, name the tenant, start the run — one event.
      result.current.add(PARTNER);
      result.current.setTenant(PARTNER, 'fabrikam.onmicrosoft.com');
      tenantSeenInTheClick = tenantOf(result.current.current(), PARTNER);
    });
    expect(tenantSeenInTheClick).toBe('fabrikam.onmicrosoft.com');
    expect(result.current.connections.clusters).toEqual([HOME, PARTNER]);
    expect(tenantOf(result.current.connections, PARTNER)).toBe('fabrikam.onmicrosoft.com');
    expect(JSON.parse(window.localStorage.getItem(KEY) ?? 'null')).toEqual(result.current.connections);
  });

  it('keeps both of two changes made in one event', () => {
    const { result } = renderHook(() => useConnections([HOME], [], KEY));
    act(() => {
      result.current.setTenant(HOME, 'contoso.onmicrosoft.com');
      result.current.add(PARTNER);
    });
    expect(result.current.connections.clusters).toEqual([HOME, PARTNER]);
    expect(tenantOf(result.current.connections, HOME)).toBe('contoso.onmicrosoft.com');
  });
});
