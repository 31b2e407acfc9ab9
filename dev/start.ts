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
import { startCluster } from './cluster/server/server';
import { APP_URL, CLUSTER_URL, DEMO_USERS, IDENTITY_URL } from './stack';

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

  // With the test switches, the provider also serves a second API, whose tokens the cluster must refuse.
  const identity = await startIdentityProvider({
    testSwitches,
    resources: testSwitches ? [CLUSTER_URL, 'https://localhost:8444'] : [CLUSTER_URL],
  });
  started.push({ name: 'identity', stop: () => identity.close() });

  const engine = await createEngine();
  started.push({ name: 'engine', stop: () => engine.close() });
  const cluster = await startCluster({
    tls,
    engine,
    testSwitches,
    auth: {
      issuer: IDENTITY_URL,
      jwksUri: `${IDENTITY_URL}/jwks`,
      audience: CLUSTER_URL,
      acceptedTyps: ['at+jwt', 'JWT'],
      ca: tls.ca,
    },
  });
  started.push({ name: 'cluster', stop: () => cluster.close() });

  const app = servePreview
    ? await preview({ logLevel: 'warn' })
    : await createServer({ logLevel: process.env.KQLW_VITE_LOG === 'info' ? 'info' : 'warn' }).then((server) => server.listen());
  started.push({ name: 'app', stop: () => app.close() });

  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const users = DEMO_USERS.map((u) => `    ${u.email} / ${u.password}`).join('\n');
  console.log(
    [
      '',
      `KQL Workbench is ready at ${APP_URL}  (${seconds} s${testSwitches ? ', test switches on' : ''})`,
      `  identity ${IDENTITY_URL}   cluster ${CLUSTER_URL} (database Samples)`,
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
