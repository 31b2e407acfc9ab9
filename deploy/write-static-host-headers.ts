/**
 * `npm run headers [-- <built folder>]` (default dist/): writes the app's response headers for
 * the deployment, built from the config.json in that folder (deploy/static-host-headers.ts):
 * `staticwebapp.config.json` (Azure Static Web Apps) and `nginx-security-headers.conf` (nginx).
 * Run it after editing the deployed config.json: the policy names its authority and hosts.
 *
 * Refuses a folder with source maps: they publish the whole source, comments included; the build
 * writes none unless KQLW_SOURCEMAP=1 (vite.config.ts).
 */

import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRuntimeConfig } from '../src/config/runtime-config';
import { azureStaticWebAppConfig, nginxServerSnippet, workerPaths } from './static-host-headers';

export function writeStaticHostHeaders(folder: string): string[] {
  const parsed = parseRuntimeConfig(JSON.parse(readFileSync(join(folder, 'config.json'), 'utf8')));
  if (!parsed.ok) throw new Error(`${join(folder, 'config.json')}: ${parsed.problems.join(' ')}`);
  const assets = readdirSync(join(folder, 'assets'));
  const maps = assets.filter((f) => f.endsWith('.map'));
  if (maps.length > 0) {
    throw new Error(`${join(folder, 'assets')} holds source maps (${maps.slice(0, 3).join(', ')}…): build without KQLW_SOURCEMAP=1 before deploying.`);
  }
  const workers = workerPaths(assets);
  const written = [join(folder, 'staticwebapp.config.json'), join(folder, 'nginx-security-headers.conf')];
  writeFileSync(written[0]!, `${JSON.stringify(azureStaticWebAppConfig(parsed.config, workers), null, 2)}\n`);
  writeFileSync(written[1]!, nginxServerSnippet(parsed.config, workers));
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    for (const file of writeStaticHostHeaders(process.argv[2] ?? 'dist')) console.log(`wrote ${file}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
