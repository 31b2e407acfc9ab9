/**
 * `npm start`: the whole local stack in one process — OpenID provider, Kusto cluster on DuckDB,
 * and the app over HTTPS — with sample data. Ctrl+C stops everything.
 *
 *   --test     turn on the test-only switches (provider revoke endpoint, cluster fault injection)
 *   --preview  serve the production build in dist/ (run `vite build` first) instead of the dev server
 */
import { performance } from 'node:perf_hooks';
import { createServer, preview } from 'vite';
import { ensureDevCertificate, trustInstructions } from './certs';
import { startIdentityProvider } from './identity/server';
import { createEngine } from './cluster/engine/engine';
import { startLocalClusters } from './cluster/local-clusters';
import { APP_URL, CLUSTER_URL, DEMO_USERS, IDENTITY_URL, LOCAL_TENANTS, PARTNER_CLUSTER_URL, PARTNER_DATABASE } from './stack';

const args = new Set(process.argv.slice(2));
const testSwitches = args.has('--test');
const servePreview = args.has('--preview');

interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

const started: Stoppable[] = [];
let stopping = false;

async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    // Stop in reverse order: the app first, the provider last.
    for (const part of started.reverse()) {
      await part.stop().catch((error: unknown) => console.error(`stopping ${part.name}:`, error));
    }
  }
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));

async function main(): Promise<void> {
  const t0 = performance.now();
  const tls = await ensureDevCertificate();

  const identity = await startIdentityProvider({ testSwitches });
  started.push({ name: 'identity', stop: () => identity.close() });

  const engine = await createEngine();
  started.push({ name: 'engine', stop: () => engine.close() });
  for (const cluster of await startLocalClusters({ tls, engine, testSwitches })) {
    started.push({ name: `cluster ${cluster.url}`, stop: () => cluster.close() });
  }

  const app = servePreview
    ? await preview({ logLevel: 'warn' })
    : await createServer({ logLevel: process.env.KQLW_VITE_LOG === 'info' ? 'info' : 'warn' }).then((server) => server.listen());
  started.push({ name: 'app', stop: () => app.close() });

  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const tenantName = (id: string) => LOCAL_TENANTS.find((t) => t.id === id)?.name ?? id;
  const users = DEMO_USERS.map((u) => `    ${u.email} / ${u.password}  (${tenantName(u.homeTenantId)}${u.guestOf.length > 0 ? `; guest in ${u.guestOf.map((g) => tenantName(g.tenantId)).join(', ')}` : ''})`).join('\n');
  console.log(
    [
      '',
      `KQL Workbench is ready at ${APP_URL}  (${seconds} s${testSwitches ? ', test switches on' : ''})`,
      `  identity ${IDENTITY_URL}/<tenant>   cluster ${CLUSTER_URL} (database Samples)   partner cluster ${PARTNER_CLUSTER_URL} (database ${PARTNER_DATABASE})`,
      '  sign in as:',
      users,
      '  All three use one certificate signed by a local CA generated for this clone. Trust the CA once',
      '  and no origin warns (or accept the warning at each of the three origins):',
      ...trustInstructions().map((line) => `    ${line}`),
      '  Ctrl+C stops everything.',
      '',
    ].join('\n'),
  );
}

main().catch(async (error: unknown) => {
  console.error('The local stack failed to start:', error);
  await stopAll(1);
});
