import { describe, expect, it } from 'vitest';
import { normalizeTenant, PUBLIC_CLOUD } from '../../../kusto/cloud-info';
import { accountInCloud, clusterAuthority, splitAuthority, type ClusterAuthorityInput } from './cluster-authority';

const HOME = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const base: ClusterAuthorityInput = {
  connectionTenant: undefined,
  pinnedAuthority: undefined,
  configTenant: undefined,
  defaultAuthority: `https://login.microsoftonline.com/${HOME}`,
  cloud: PUBLIC_CLOUD,
  homeTenantId: 'aaaaaaaa-0000-4000-8000-000000000001',
};

describe('cluster authority', () => {
  it('splits an authority into its login endpoint and tenant; /common and /organizations name none', () => {
    expect(splitAuthority('https://login.microsoftonline.com/contoso.com/')).toEqual({ loginEndpoint: 'https://login.microsoftonline.com', tenant: 'contoso.com' });
    expect(splitAuthority('https://login.microsoftonline.com/organizations')).toEqual({ loginEndpoint: 'https://login.microsoftonline.com', tenant: undefined });
    expect(splitAuthority('https://localhost:9443/72f988bf-0000-4000-8000-00000000c0de')?.loginEndpoint).toBe('https://localhost:9443');
    expect(splitAuthority('not a url')).toBeNull();
  });

  it('accepts a tenant id or a domain, and nothing else', () => {
    expect(normalizeTenant(' Contoso.OnMicrosoft.com ')).toBe('contoso.onmicrosoft.com');
    expect(normalizeTenant('72F988BF-86F1-41AF-91AB-2D7CD011DB47')).toBe(HOME);
    expect(normalizeTenant('contoso')).toBeNull();
    expect(normalizeTenant('https://login.microsoftonline.com/x')).toBeNull();
  });

  it('takes the tenant of the connection first, then config, then the account’s home tenant', () => {
    expect(clusterAuthority({ ...base, connectionTenant: 'fabrikam.com' })).toEqual({
      authority: 'https://login.microsoftonline.com/fabrikam.com', loginEndpoint: 'https://login.microsoftonline.com', tenant: 'fabrikam.com', tenantSource: 'connection',
    });
    expect(clusterAuthority({ ...base, configTenant: 'woodgrove.com' })?.tenant).toBe('woodgrove.com');
    expect(clusterAuthority(base)).toMatchObject({ tenant: HOME, tenantSource: 'config' });
    expect(clusterAuthority({ ...base, defaultAuthority: 'https://login.microsoftonline.com/organizations' })).toMatchObject({ tenant: base.homeTenantId, tenantSource: 'account' });
  });

  it('uses the cluster’s cloud from its metadata, and the app-wide tenant only in that tenant’s cloud', () => {
    const gov = { loginEndpoint: 'https://login.microsoftonline.us', loginMfaRequired: false };
    expect(clusterAuthority({ ...base, cloud: gov, connectionTenant: 'contoso.us' })?.authority).toBe('https://login.microsoftonline.us/contoso.us');
    expect(clusterAuthority({ ...base, cloud: gov })).toMatchObject({ loginEndpoint: 'https://login.microsoftonline.us', tenantSource: 'account' });
  });

  it('a pinned authority wins over the metadata for both cloud and tenant, but not over the connection’s tenant', () => {
    const pinned = { ...base, cloud: undefined, pinnedAuthority: 'https://login.partner.microsoftonline.cn/contoso.partner.onmschina.cn' };
    expect(clusterAuthority(pinned)).toMatchObject({ authority: 'https://login.partner.microsoftonline.cn/contoso.partner.onmschina.cn', tenantSource: 'config' });
    expect(clusterAuthority({ ...pinned, connectionTenant: 'other.cn' })?.authority).toBe('https://login.partner.microsoftonline.cn/other.cn');
  });

  it('compares an MSAL account environment with a login endpoint by host', () => {
    expect(accountInCloud('login.microsoftonline.com', 'https://login.microsoftonline.com')).toBe(true);
    expect(accountInCloud('localhost:9443', 'https://localhost:9443')).toBe(true);
    expect(accountInCloud('login.microsoftonline.com', 'https://login.microsoftonline.us')).toBe(false);
  });
});
