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

export interface DemoUser {
  email: string;
  password: string;
  name: string;
  /** Stable object id, like Entra's `oid`. */
  oid: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'analyst@local.test',
    password: 'local-analyst',
    name: 'Ada Analyst',
    oid: '6f1c2a4e-3b8d-4c57-9e21-0a7d5b9c1e01',
  },
  {
    email: 'viewer@local.test',
    password: 'local-viewer',
    name: 'Victor Viewer',
    oid: '0b7e9d13-58a2-4f6c-8d40-2c9e1f7a3b02',
  },
];

/** The local tenant id put in `tid`. */
export const LOCAL_TENANT_ID = '72f988bf-0000-4000-8000-00000000c0de';
