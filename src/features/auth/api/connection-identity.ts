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
  if (configured) return { account: input.accountName, tenant: named(configured), source: 'the app' };
  return { account: input.accountName, tenant: 'home tenant', source: 'your home tenant' };
}

/** "Ada Analyst · tenant fabrikam.com": the line under a cluster. */
export function connectionIdentityText(identity: ConnectionIdentity): string {
  return identity.source === 'your home tenant' ? `${identity.account} · home tenant` : `${identity.account} · tenant ${identity.tenant}`;
}
