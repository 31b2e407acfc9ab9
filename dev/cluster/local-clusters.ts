/**
 * The local clusters of `npm start`, sharing one engine:
 * - CLUSTER_URL belongs to the home tenant and also trusts the partner tenant (Kusto's
 *   trustedExternalTenants); the partner's principals may read ContosoSales only.
 * - PARTNER_CLUSTER_URL belongs to the partner tenant and trusts only it: a home-tenant token is
 *   refused, a guest's token from the partner tenant is accepted.
 * - OTHER_CLOUD_CLUSTER_URL (test switches only) says in /v1/rest/auth/metadata that it lives in
 *   another cloud, for the app's cloud-mismatch message.
 */
import type { DevCertificate } from '../certs';
import { startCluster, type RunningCluster } from './server/server';
import type { KustoEngine } from './engine/types';
import { loadPartnerData } from './partner-data';
import {
  CLUSTER_PORT,
  CLUSTER_URL,
  IDENTITY_URL,
  LOCAL_TENANT,
  OTHER_CLOUD_CLUSTER_PORT,
  OTHER_CLOUD_CLUSTER_URL,
  OTHER_CLOUD_LOGIN_ENDPOINT,
  PARTNER_CLUSTER_PORT,
  PARTNER_CLUSTER_URL,
  PARTNER_DATABASE,
  PARTNER_TENANT,
  type LocalTenant,
} from '../stack';

export interface LocalClusterOptions {
  tls: DevCertificate;
  engine: KustoEngine;
  testSwitches: boolean;
  log?: (line: string) => void;
}

/** The database of the home cluster its partner may read too. */
export const SHARED_WITH_PARTNER = 'ContosoSales';

function trust(tenant: LocalTenant) {
  const issuer = `${IDENTITY_URL}/${tenant.id}`;
  // jwks_uri is fixed (oidc-provider serves it at <issuer>/jwks): the cluster may start first.
  return { issuer, jwksUri: `${issuer}/jwks` };
}

export async function startLocalClusters({ tls, engine, testSwitches, log }: LocalClusterOptions): Promise<RunningCluster[]> {
  await loadPartnerData(engine);
  const common = { tls, engine, testSwitches, ...(log ? { log } : {}) };
  const started: RunningCluster[] = [];
  try {
    started.push(
      await startCluster({
        ...common,
        port: CLUSTER_PORT,
        url: CLUSTER_URL,
        auth: { ...trust(LOCAL_TENANT), trustedIssuers: [trust(PARTNER_TENANT)], audience: CLUSTER_URL, acceptedTyps: ['at+jwt', 'JWT'], ca: tls.ca },
        access: {
          serves: (db) => db !== PARTNER_DATABASE,
          readers: { [SHARED_WITH_PARTNER]: [LOCAL_TENANT.id, PARTNER_TENANT.id] },
          defaultReaders: [LOCAL_TENANT.id],
        },
      }),
    );
    started.push(
      await startCluster({
        ...common,
        port: PARTNER_CLUSTER_PORT,
        url: PARTNER_CLUSTER_URL,
        auth: { ...trust(PARTNER_TENANT), audience: PARTNER_CLUSTER_URL, acceptedTyps: ['at+jwt', 'JWT'], ca: tls.ca },
        access: { serves: (db) => db === PARTNER_DATABASE },
      }),
    );
    if (testSwitches) {
      started.push(
        await startCluster({
          ...common,
          port: OTHER_CLOUD_CLUSTER_PORT,
          url: OTHER_CLOUD_CLUSTER_URL,
          auth: { ...trust(LOCAL_TENANT), audience: OTHER_CLOUD_CLUSTER_URL, acceptedTyps: ['at+jwt', 'JWT'], ca: tls.ca },
          access: { serves: () => false },
          metadata: { loginEndpoint: OTHER_CLOUD_LOGIN_ENDPOINT },
        }),
      );
    }
  } catch (error) {
    await Promise.all(started.map((c) => c.close()));
    throw error;
  }
  return started;
}
