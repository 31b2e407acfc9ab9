import { describe, expect, it } from 'vitest';
import { demoUser, LOCAL_TENANT, PARTNER_TENANT, UNCONSENTED_TENANT } from '../stack';
import { clientInfo, findTenant, membership, requestedAcrs, tenantClaims } from './directory';

const analyst = demoUser('analyst@local.test');
const viewer = demoUser('viewer@local.test');
const issuerOf = (tid: string) => `https://idp.test/${tid}`;

describe('directory', () => {
  it('finds a tenant by id or by domain in any case, and nothing else', () => {
    expect(findTenant(PARTNER_TENANT.id)).toBe(PARTNER_TENANT);
    expect(findTenant('Fabrikam.TEST')).toBe(PARTNER_TENANT);
    expect(findTenant('organizations')).toBeUndefined();
  });

  it('knows members and guests, each with the object id of that tenant', () => {
    expect(membership(analyst, LOCAL_TENANT.id)).toEqual({ oid: analyst.oid, guest: false });
    expect(membership(analyst, PARTNER_TENANT.id)).toEqual({ oid: 'a7e3d2c1-0000-4000-8000-0000000b2b01', guest: true });
    expect(membership(viewer, PARTNER_TENANT.id)).toBeUndefined();
    expect(membership(viewer, UNCONSENTED_TENANT.id)).toBeUndefined();
  });

  it('names the home tenant in a guest token (idp) and in client_info', () => {
    expect(tenantClaims(analyst, PARTNER_TENANT, issuerOf)).toMatchObject({ tid: PARTNER_TENANT.id, idp: issuerOf(LOCAL_TENANT.id) });
    expect(tenantClaims(analyst, LOCAL_TENANT, issuerOf)).not.toHaveProperty('idp');
    expect(tenantClaims(viewer, PARTNER_TENANT, issuerOf)).toBeUndefined();
    const decoded = JSON.parse(Buffer.from(clientInfo(analyst), 'base64url').toString('utf8')) as unknown;
    expect(decoded).toEqual({ uid: analyst.oid, utid: LOCAL_TENANT.id });
  });

  it('reads the acrs of a claims request in both of its forms', () => {
    expect(requestedAcrs('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}')).toEqual(['c1']);
    expect(requestedAcrs('{"access_token":{"acrs":{"essential":true,"values":["c2","c3"]}}}')).toEqual(['c2', 'c3']);
    expect(requestedAcrs('{"id_token":{"auth_time":{"essential":true}}}')).toEqual([]);
    expect(requestedAcrs('not json')).toEqual([]);
    expect(requestedAcrs(undefined)).toEqual([]);
  });
});
