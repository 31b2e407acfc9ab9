/**
 * Addresses of the local stack. Fixed, because the cluster URL is also the token audience and
 * public/config.json names it: a different port would need a different config.
 */
export const IDENTITY_URL = 'https://localhost:9443';
export const CLUSTER_URL = 'https://localhost:8443';
export const APP_URL = 'https://localhost:5173';

export const IDENTITY_PORT = 9443;
export const CLUSTER_PORT = 8443;
export const APP_PORT = 5173;

/** The SPA's client id at the local provider (public client, PKCE). */
export const SPA_CLIENT_ID = 'kql-workbench-local';

/** Client-credentials client for scripts, benchmarks and CI: the service-principal flow. */
export const AUTOMATION_CLIENT_ID = 'local-automation';
export const AUTOMATION_CLIENT_SECRET = 'local-automation-secret';

/**
 * A tenant of the local provider, served at `${IDENTITY_URL}/<id>` the way Entra serves
 * `https://login.microsoftonline.com/<tenant>`: the path may name it by id or by domain.
 */
export interface LocalTenant {
  id: string;
  domain: string;
  name: string;
  /**
   * Whether the SPA may get tokens here without an administrator's consent. `admin-required`:
   * like a tenant whose users may not consent to apps (AADSTS65001 silently, AADSTS90094
   * interactively).
   */
  appConsent: 'granted' | 'admin-required';
}

/** The home tenant of the demo users: the one `public/config.json` signs in to. */
export const LOCAL_TENANT: LocalTenant = {
  id: '72f988bf-0000-4000-8000-00000000c0de',
  domain: 'local.test',
  name: 'Local',
  appConsent: 'granted',
};
/** A partner organisation with its own users and its own cluster (PARTNER_CLUSTER_URL). */
export const PARTNER_TENANT: LocalTenant = {
  id: '4f5b2c1d-0000-4000-8000-00000000fab1',
  domain: 'fabrikam.test',
  name: 'Fabrikam',
  appConsent: 'granted',
};
/** A tenant where nobody consented to the SPA: every token request ends in a consent error. */
export const UNCONSENTED_TENANT: LocalTenant = {
  id: '9e8d7c6b-0000-4000-8000-0000000000c3',
  domain: 'northwind.test',
  name: 'Northwind',
  appConsent: 'admin-required',
};
export const LOCAL_TENANTS: readonly LocalTenant[] = [LOCAL_TENANT, PARTNER_TENANT, UNCONSENTED_TENANT];

/** The local tenant id put in `tid`. */
export const LOCAL_TENANT_ID = LOCAL_TENANT.id;
/** The authority (and issuer) of the home tenant, what `public/config.json` names. */
export const IDENTITY_AUTHORITY = `${IDENTITY_URL}/${LOCAL_TENANT.id}`;

export function tenantAuthority(tenant: LocalTenant): string {
  return `${IDENTITY_URL}/${tenant.id}`;
}

/** The partner tenant's cluster: it trusts only that tenant's tokens. */
export const PARTNER_CLUSTER_URL = 'https://localhost:8444';
export const PARTNER_CLUSTER_PORT = 8444;
export const PARTNER_DATABASE = 'FabrikamOps';
/**
 * Test stack only: a cluster whose `/v1/rest/auth/metadata` names another cloud's login endpoint
 * (Azure US Government), so the app's cloud-mismatch message can be exercised.
 */
export const OTHER_CLOUD_CLUSTER_URL = 'https://localhost:8445';
export const OTHER_CLOUD_CLUSTER_PORT = 8445;
export const OTHER_CLOUD_LOGIN_ENDPOINT = 'https://login.microsoftonline.us';

export interface DemoUser {
  email: string;
  password: string;
  name: string;
  /** Stable object id in the home tenant, like Entra's `oid`. */
  oid: string;
  /** The tenant the account lives in (Entra's home tenant: `utid` of client_info). */
  homeTenantId: string;
  /**
   * B2B guest memberships: in each tenant the guest has an object id of its own (Entra's `oid`
   * differs per tenant; the home account id stays `<home oid>.<home tid>`).
   */
  guestOf: readonly { tenantId: string; oid: string }[];
  /** A Conditional Access policy of the home tenant blocks this user's sign-ins (AADSTS53003). */
  blockedByConditionalAccess?: boolean;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'analyst@local.test',
    password: 'local-analyst',
    name: 'Ada Analyst',
    oid: '6f1c2a4e-3b8d-4c57-9e21-0a7d5b9c1e01',
    homeTenantId: LOCAL_TENANT.id,
    guestOf: [
      { tenantId: PARTNER_TENANT.id, oid: 'a7e3d2c1-0000-4000-8000-0000000b2b01' },
      { tenantId: UNCONSENTED_TENANT.id, oid: 'a7e3d2c1-0000-4000-8000-0000000c3c01' },
    ],
  },
  {
    email: 'viewer@local.test',
    password: 'local-viewer',
    name: 'Victor Viewer',
    oid: '0b7e9d13-58a2-4f6c-8d40-2c9e1f7a3b02',
    homeTenantId: LOCAL_TENANT.id,
    guestOf: [],
  },
  {
    email: 'fiona@fabrikam.test',
    password: 'fabrikam-fiona',
    name: 'Fiona Fabrikam',
    oid: 'f10aa000-0000-4000-8000-0000000fab02',
    homeTenantId: PARTNER_TENANT.id,
    guestOf: [{ tenantId: LOCAL_TENANT.id, oid: 'f10aa000-0000-4000-8000-0000000c0d02' }],
  },
  {
    email: 'contractor@local.test',
    password: 'local-contractor',
    name: 'Casey Contractor',
    oid: 'c0c0a000-0000-4000-8000-0000000c0d03',
    homeTenantId: LOCAL_TENANT.id,
    guestOf: [],
    blockedByConditionalAccess: true,
  },
];

/** The demo user with this email (tests name users by email, not by their place in the list). */
export function demoUser(email: string): DemoUser {
  const found = DEMO_USERS.find((u) => u.email === email);
  if (!found) throw new Error(`No demo user ${email}`);
  return found;
}
