/**
 * The local identity provider and cluster started in-process on free ports for the cluster
 * benchmarks, with an automation token, so a bench never touches a running `npm start` stack.
 */
import { request } from 'node:https';
import { ensureDevCertificate } from '../../dev/certs';
import { createEngine, type LocalEngine } from '../../dev/cluster/engine/engine';
import { startCluster } from '../../dev/cluster/server/server';
import { freePort } from '../../dev/harness/vite-server';
import { fetchAutomationToken } from '../../dev/identity/automation-token';
import { startIdentityProvider } from '../../dev/identity/server';

export interface BenchStack {
  engine: LocalEngine;
  clusterUrl: string;
  /** An automation (client-credentials) token for the cluster, and the CA that signed its certificate. */
  accessToken: string;
  ca: string;
  /** POST /v2/rest/query over HTTPS; resolves once the whole body has been read. */
  query(db: string, csl: string): Promise<{ ms: number; bytes: number; status: number }>;
  stop(): Promise<void>;
}

export async function startBenchStack(): Promise<BenchStack> {
  const tls = await ensureDevCertificate();
  const engine = await createEngine();
  const clusterPort = await freePort();
  const clusterUrl = `https://localhost:${clusterPort}`;
  const identity = await startIdentityProvider({ port: 0, tls, resources: [clusterUrl] });
  const cluster = await startCluster({
    port: clusterPort,
    tls,
    engine,
    url: clusterUrl,
    auth: { issuer: identity.url, audience: clusterUrl, acceptedTyps: ['at+jwt', 'JWT'], ca: tls.ca },
  });
  const { accessToken } = await fetchAutomationToken(identity.url, clusterUrl, tls.ca);

  const query = (db: string, csl: string) =>
    new Promise<{ ms: number; bytes: number; status: number }>((resolve, reject) => {
      const t0 = performance.now();
      const req = request(
        `${clusterUrl}/v2/rest/query`,
        // agent: false, a connection per request: a kept-alive socket idle past the server's 5 s
        // keepAliveTimeout (while the other paths run) can be closed just as it is reused (ECONNRESET).
        { method: 'POST', ca: tls.ca, agent: false, headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' } },
        (res) => {
          let bytes = 0;
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.on('end', () => resolve({ ms: performance.now() - t0, bytes, status: res.statusCode ?? 0 }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(JSON.stringify({ db, csl }));
    });

  const stop = async () => {
    await cluster.close();
    await identity.close();
    await engine.close();
  };
  return { engine, clusterUrl, accessToken, ca: tls.ca, query, stop };
}
