/** Standalone local OpenID provider: `npx tsx dev/identity/main.ts [--test] [--port N]`. */
import { DEMO_USERS } from '../stack';
import { startIdentityProvider } from './server';

const args = process.argv.slice(2);
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : undefined;

const provider = await startIdentityProvider({
  testSwitches: args.includes('--test'),
  ...(port !== undefined && Number.isInteger(port) ? { port } : {}),
});
console.log(`identity provider at ${provider.url}${args.includes('--test') ? ' (test switches on)' : ''}`);
for (const user of DEMO_USERS) console.log(`  ${user.email} / ${user.password}`);

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  provider.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
