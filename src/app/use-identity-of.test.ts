import type { AccountInfo } from '@azure/msal-browser';
import { cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../config/runtime-config';
import { TENANT_IDS_KEY } from '../features/auth/api/tenant-directory';
import { memoryStorage } from '../testing/memory-storage';
import { useIdentityOf } from './use-identity-of';

afterEach(cleanup);

const HOME = '11111111-1111-1111-1111-111111111111';
const OTHER = '22222222-2222-2222-2222-222222222222';
const account = { homeAccountId: `oid.${HOME}`, tenantId: HOME, name: 'Ada Analyst', username: 'ada@contoso.com' } as AccountInfo;
const config: Pick<RuntimeConfig, 'auth' | 'clusters'> = {
  auth: { clientId: 'app', authority: `https://login.microsoftonline.com/${HOME}`, knownAuthorities: [], protocolMode: 'AAD' },
  clusters: [
    { url: 'https://home.kusto.windows.net', defaultDatabase: 'db', databases: ['db'] },
    { url: 'https://pinned.kusto.windows.net', defaultDatabase: 'db', databases: ['db'], tenant: OTHER },
  ],
};

function identityOf(connections: { clusters: string[]; tenants?: Record<string, string> }, storage = memoryStorage()) {
  return renderHook(() => useIdentityOf({ account, config, connections, storage })).result.current;
}

describe('useIdentityOf', () => {
  it("says the account and its home tenant for a cluster in the app's own tenant", () => {
    expect(identityOf({ clusters: ['https://home.kusto.windows.net'] })('https://home.kusto.windows.net')).toBe('Ada Analyst · home tenant');
  });

  it('says the tenant a connection names', () => {
    const of = identityOf({ clusters: ['https://guest.kusto.windows.net'], tenants: { 'https://guest.kusto.windows.net': 'fabrikam.com' } });
    expect(of('https://guest.kusto.windows.net')).toBe('Ada Analyst · tenant fabrikam.com');
  });

  it('names a tenant config.json gives by id with the domain learned from a token', () => {
    const storage = memoryStorage();
    expect(identityOf({ clusters: [] }, storage)('https://pinned.kusto.windows.net')).toBe(`Ada Analyst · tenant ${OTHER}`);
    storage.setItem(TENANT_IDS_KEY, JSON.stringify({ 'fabrikam.com': OTHER }));
    expect(identityOf({ clusters: [] }, storage)('https://pinned.kusto.windows.net')).toBe('Ada Analyst · tenant fabrikam.com');
  });
});
