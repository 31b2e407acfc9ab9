/**
 * The local cluster on its own: `npx tsx dev/cluster/main.ts [--test]`.
 * The local clusters (local-clusters.ts). Expects the local OpenID provider on IDENTITY_URL for
 * signing keys (fetched on the first authenticated request, so start order does not matter).
 * `--test` turns on the fault switches.
 */
import { ensureDevCertificate } from '../certs';
import { IDENTITY_URL } from '../stack';
import { createEngine } from './engine/engine';
import { startLocalClusters } from './local-clusters';

const testSwitches = process.argv.includes('--test');
const log = (line: string) => console.log(`${new Date().toISOString()} [cluster] ${line}`);

async function main(): Promise<void> {
  const t0 = performance.now();
  const tls = await ensureDevCertificate();
  const engine = await createEngine();
  log(`engine ready in ${Math.round(performance.now() - t0)} ms`);
  const clusters = await startLocalClusters({ tls, engine, testSwitches, log });
  log(`listening on ${clusters.map((c) => c.url).join(', ')} (tokens from ${IDENTITY_URL}/<tenant>${testSwitches ? ', test fault switches ON' : ''})`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    await Promise.all(clusters.map((c) => c.close()));
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
