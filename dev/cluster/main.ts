/**
 * The local cluster on its own: `npx tsx dev/cluster/main.ts [--test]`.
 * Expects the local OpenID provider on IDENTITY_URL for signing keys (fetched on the first
 * authenticated request, so start order does not matter). `--test` turns on the fault switches.
 */
import { ensureDevCertificate } from '../certs';
import { CLUSTER_URL, IDENTITY_URL } from '../stack';
import { createEngine } from './engine/engine';
import { startCluster } from './server/server';

const testSwitches = process.argv.includes('--test');
const log = (line: string) => console.log(`${new Date().toISOString()} [cluster] ${line}`);

async function main(): Promise<void> {
  const t0 = performance.now();
  const tls = await ensureDevCertificate();
  const engine = await createEngine();
  log(`engine ready in ${Math.round(performance.now() - t0)} ms`);
  const cluster = await startCluster({
    tls,
    engine,
    testSwitches,
    url: CLUSTER_URL,
    auth: {
      issuer: IDENTITY_URL,
      // jwks_uri comes from the provider's discovery document.
      audience: CLUSTER_URL,
      acceptedTyps: ['at+jwt', 'JWT'],
      ca: tls.ca,
    },
    log,
  });
  log(`listening on ${cluster.url} (tokens from ${IDENTITY_URL}${testSwitches ? ', test fault switches ON' : ''})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await cluster.close();
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('[cluster] failed to start:', error);
  process.exit(1);
});
