/**
 * The local identity provider and cluster started in-process on free ports for the cluster
 * benchmarks, with an automation token, so a bench never touches a running `npm start` stack.
 */
import { request, type Agent } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
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
  /** POST /v2/rest/query over HTTPS, a connection of its own; resolves once the whole body has been read (and dropped). */
  query(db: string, csl: string): Promise<{ ms: number; bytes: number; status: number }>;
  /** The same POST on `agent`'s connections, with a client request id, keeping the body as text. */
  post(db: string, csl: string, options: { agent: Agent; clientRequestId: string }): Promise<PostReply>;
  stop(): Promise<void>;
}

export interface PostReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as text, or '' when the caller asked only for its size. */
  body: string;
  bytes: number;
  ms: number;
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

  const send = (db: string, csl: string, { agent, clientRequestId, keepBody }: { agent: Agent | false; clientRequestId?: string; keepBody: boolean }) =>
    new Promise<PostReply>((resolve, reject) => {
      const t0 = performance.now();
      const headers: Record<string, string> = { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' };
      if (clientRequestId) headers['x-ms-client-request-id'] = clientRequestId;
      const req = request(`${clusterUrl}/v2/rest/query`, { method: 'POST', ca: tls.ca, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
          if (keepBody) chunks.push(c);
        });
        res.on('end', () => resolve({
          status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), bytes, ms: performance.now() - t0,
        }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(JSON.stringify({ db, csl }));
    });
  // agent: false, a connection per request: a kept-alive socket idle past the server's 5 s
  // keepAliveTimeout (while the other paths run) can be closed just as it is reused (ECONNRESET).
  const query = async (db: string, csl: string) => {
    const { ms, bytes, status } = await send(db, csl, { agent: false, keepBody: false });
    return { ms, bytes, status };
  };
  const post = (db: string, csl: string, options: { agent: Agent; clientRequestId: string }) => send(db, csl, { ...options, keepBody: true });

  const stop = async () => {
    await cluster.close();
    await identity.close();
    await engine.close();
  };
  return { engine, clusterUrl, accessToken, ca: tls.ca, query, post, stop };
}
