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

  it('says home tenant when nothing names one', () => {
    expect(connectionIdentityText(connectionIdentity({ ...base, defaultAuthority: 'https://login.microsoftonline.com/organizations' }))).toBe('Ada Analyst · home tenant');
  });
});
