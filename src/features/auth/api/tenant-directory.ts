/**
 * Tenant ids learned from tokens. A connection may name its tenant by domain (`fabrikam.com`);
 * MSAL files tokens under the tenant id (`tid`), so the app needs the id to find the account's
 * profile in that tenant. Each token result says which tenant issued it; the mapping is kept
 * (it is not secret) so the next page load finds the profile without a network round trip.
 */

import { parseStoredObject, readStored, writeStored } from '../../../lib/storage';

export const TENANT_IDS_KEY = 'kqlw.tenant-ids';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantDirectory {
  /** The tenant id for a tenant id or a domain, when known. */
  idOf(tenant: string): string | undefined;
  /** A domain the user called this tenant id by, when there is one. */
  domainOf(tenantId: string): string | undefined;
  /** A token for `tenant` came back from `tenantId`. */
  learn(tenant: string, tenantId: string): void;
}

export function createTenantDirectory(storage: Storage | undefined): TenantDirectory {
  const stored = parseStoredObject(readStored(storage, TENANT_IDS_KEY)) ?? {};
  const ids = new Map<string, string>(
    Object.entries(stored).flatMap(([domain, id]) => (typeof id === 'string' && GUID.test(id) ? [[domain.toLowerCase(), id.toLowerCase()]] : [])),
  );
  return {
    idOf(tenant) {
      const key = tenant.toLowerCase();
      return GUID.test(key) ? key : ids.get(key);
    },
    domainOf(tenantId) {
      const id = tenantId.toLowerCase();
      return [...ids].find(([, value]) => value === id)?.[0];
    },
    learn(tenant, tenantId) {
      const key = tenant.toLowerCase();
      const id = tenantId.toLowerCase();
      if (GUID.test(key) || !GUID.test(id) || ids.get(key) === id) return;
      ids.set(key, id);
      writeStored(storage, TENANT_IDS_KEY, JSON.stringify(Object.fromEntries(ids)));
    },
  };
}
