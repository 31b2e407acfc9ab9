/**
 * How the connection pane says who a cluster's queries run as: the account, and the tenant its
 * tokens come from (the connection's, the one config names, or the account's home tenant).
 */

import { splitAuthority } from './cluster-authority';

export interface ConnectionIdentityInput {
  accountName: string;
  connectionTenant: string | undefined;
  /** config.json: the cluster's pinned authority or tenant. */
  pinnedAuthority: string | undefined;
  configTenant: string | undefined;
  /** config.json `auth.authority`. */
  defaultAuthority: string;
  /** A domain the directory knows for a tenant id, to show a name instead of a GUID. */
  domainOf(tenantId: string): string | undefined;
  /** The account's home tenant id: a tenant named by config that is the account's own reads "home tenant". */
  homeTenantId?: string | undefined;
}

export interface ConnectionIdentity {
  account: string;
  tenant: string;
  /** Where the tenant comes from, in words. */
  source: 'this connection' | 'the app' | 'your home tenant';
}

export function connectionIdentity(input: ConnectionIdentityInput): ConnectionIdentity {
  const named = (tenant: string) => input.domainOf(tenant) ?? tenant;
  if (input.connectionTenant) return { account: input.accountName, tenant: named(input.connectionTenant), source: 'this connection' };
  const configured = (input.pinnedAuthority ? splitAuthority(input.pinnedAuthority)?.tenant : undefined) ?? input.configTenant ?? splitAuthority(input.defaultAuthority)?.tenant;
  if (configured && !isHomeTenant(configured, input)) return { account: input.accountName, tenant: named(configured), source: 'the app' };
  return { account: input.accountName, tenant: 'home tenant', source: 'your home tenant' };
}

/** By id, or by the domain the directory knows for the home tenant's id. */
function isHomeTenant(tenant: string, { homeTenantId, domainOf }: ConnectionIdentityInput): boolean {
  if (!homeTenantId) return false;
  const name = tenant.toLowerCase();
  return name === homeTenantId.toLowerCase() || name === domainOf(homeTenantId)?.toLowerCase();
}

/** "Ada Analyst · tenant fabrikam.com": the line under a cluster. */
export function connectionIdentityText(identity: ConnectionIdentity): string {
  return identity.source === 'your home tenant' ? `${identity.account} · home tenant` : `${identity.account} · tenant ${identity.tenant}`;
}
