/**
 * Which authority a cluster's token comes from: `<login endpoint of the cluster's cloud>/<tenant>`.
 * The cloud is the cluster's own (its `/v1/rest/auth/metadata`), unless config.json pins the
 * cluster's authority. The tenant is the connection's, else the one config names for the
 * cluster or for the whole app, else the account's home tenant — as Kusto's SDKs build
 * `LoginEndpoint + "/" + (authorityId || "organizations")` (azure-kusto-node cloudSettings.ts).
 */

import { loginHost, normalizeLoginEndpoint, sameCloud, type CloudInfo } from '../../../kusto/cloud-info';

/** Authority path segments that name no tenant: Entra picks the account's home tenant. */
const MULTI_TENANT = new Set(['common', 'organizations', 'consumers']);

export interface AuthorityParts {
  loginEndpoint: string;
  /** Tenant id (GUID) or domain; undefined for /common, /organizations or an authority without a path. */
  tenant: string | undefined;
}

/** `https://login.microsoftonline.com/contoso.com/` → its login endpoint and tenant. */
export function splitAuthority(authority: string): AuthorityParts | null {
  const loginEndpoint = normalizeLoginEndpoint(authority);
  if (!loginEndpoint) return null;
  const [first] = new URL(authority).pathname.split('/').filter(Boolean);
  const tenant = first && !MULTI_TENANT.has(first.toLowerCase()) ? first : undefined;
  return { loginEndpoint, tenant };
}

export interface ClusterAuthorityInput {
  /** The connection's tenant, if the user named one. */
  connectionTenant: string | undefined;
  /** config.json `clusters[].authority`: cloud and tenant pinned for this cluster. */
  pinnedAuthority: string | undefined;
  /** config.json `clusters[].tenant`. */
  configTenant: string | undefined;
  /** config.json `auth.authority`. */
  defaultAuthority: string;
  /** The cluster's cloud, from its metadata (not needed when the authority is pinned). */
  cloud: CloudInfo | undefined;
  /** The signed-in account's home tenant id. */
  homeTenantId: string | undefined;
}

export type TenantSource = 'connection' | 'config' | 'account';

export interface ClusterAuthority {
  authority: string;
  loginEndpoint: string;
  tenant: string;
  tenantSource: TenantSource;
}

export function clusterAuthority(input: ClusterAuthorityInput): ClusterAuthority | null {
  const pinned = input.pinnedAuthority ? splitAuthority(input.pinnedAuthority) : null;
  const fallback = splitAuthority(input.defaultAuthority);
  const loginEndpoint = pinned?.loginEndpoint ?? input.cloud?.loginEndpoint ?? fallback?.loginEndpoint;
  if (!loginEndpoint) return null;
  // The app-wide tenant only applies in its own cloud: another cloud has other tenants.
  const defaultTenant = fallback && sameCloud(fallback.loginEndpoint, loginEndpoint) ? fallback.tenant : undefined;
  const candidates: [string | undefined, TenantSource][] = [
    [input.connectionTenant, 'connection'],
    [pinned?.tenant ?? input.configTenant, 'config'],
    [defaultTenant, 'config'],
    [input.homeTenantId, 'account'],
  ];
  const found = candidates.find(([tenant]) => tenant !== undefined && tenant !== '');
  if (!found?.[0]) return null;
  const [tenant, tenantSource] = found;
  return { authority: `${loginEndpoint}/${tenant}`, loginEndpoint, tenant, tenantSource };
}

/** Whether an MSAL account (its `environment`, a login host) can get tokens at this login endpoint at all. */
export function accountInCloud(accountEnvironment: string, loginEndpoint: string): boolean {
  return loginHost(accountEnvironment) === loginHost(loginEndpoint);
}
