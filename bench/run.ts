/**
 * `npm run bench`: every benchmark, one after another (two cores: running them side by side
 * would measure each other). Each suite lives in bench/<name>/run.ts and prints its own ratios,
 * measured side by side within its run. `npm run bench -- client` runs one suite.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const suites = ['startup', 'cluster', 'load', 'client', 'chart', 'local-files'];
const wanted = process.argv.slice(2);

let failed = false;
for (const suite of suites) {
  if (wanted.length > 0 && !wanted.includes(suite)) continue;
  const entry = join(here, suite, 'run.ts');
  if (!existsSync(entry)) continue;
  console.log(`\n=== bench/${suite} ===`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', entry], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`bench/${suite} failed (exit ${result.status ?? result.signal})`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
