import { describe, expect, it } from 'vitest';
import { connectionIdentity, connectionIdentityText, type ConnectionIdentityInput } from './connection-identity';

const base: ConnectionIdentityInput = {
  accountName: 'Ada Analyst', connectionTenant: undefined, pinnedAuthority: undefined, configTenant: undefined,
  defaultAuthority: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47',
  domainOf: (id) => (id === '72f988bf-86f1-41af-91ab-2d7cd011db47' ? 'contoso.com' : undefined),
};

describe('connection identity', () => {
  it('names the connection’s tenant first', () => {
    expect(connectionIdentityText(connectionIdentity({ ...base, connectionTenant: 'fabrikam.com' }))).toBe('Ada Analyst · tenant fabrikam.com');
  });

  it('falls back to the app’s tenant, by domain when one is known', () => {
    expect(connectionIdentity(base)).toEqual({ account: 'Ada Analyst', tenant: 'contoso.com', source: 'the app' });
    expect(connectionIdentity({ ...base, pinnedAuthority: 'https://login.microsoftonline.us/gov.contoso.us' }).tenant).toBe('gov.contoso.us');
  });

  it('says home tenant when the app’s tenant is the account’s own, rather than its id', () => {
    const home = { ...base, defaultAuthority: 'https://login.microsoftonline.com/0f1e2d3c-0000-4000-8000-000000000001' };
    expect(connectionIdentityText(connectionIdentity({ ...home, homeTenantId: '0F1E2D3C-0000-4000-8000-000000000001' }))).toBe('Ada Analyst · home tenant');
    expect(connectionIdentityText(connectionIdentity({ ...base, homeTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', configTenant: 'CONTOSO.COM' }))).toBe('Ada Analyst · home tenant');
    // A guest's view of the same app: the tenant is not theirs, so it is named.
    expect(connectionIdentityText(connectionIdentity({ ...home, homeTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' }))).toBe('Ada Analyst · tenant 0f1e2d3c-0000-4000-8000-000000000001');
    // A connection that names the home tenant says so as it was named.
    expect(connectionIdentityText(connectionIdentity({ ...base, homeTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47', connectionTenant: 'contoso.com' }))).toBe('Ada Analyst · tenant contoso.com');
  });

  it('says home tenant when nothing names one', () => {
    expect(connectionIdentityText(connectionIdentity({ ...base, defaultAuthority: 'https://login.microsoftonline.com/organizations' }))).toBe('Ada Analyst · home tenant');
  });
});
