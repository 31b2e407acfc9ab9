import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../src/config/content-security-policy';
import { parseRuntimeConfig, type RuntimeConfig } from '../src/config/runtime-config';
import { azureStaticWebAppConfig, nginxServerSnippet, workerPaths } from './static-host-headers';
import { writeStaticHostHeaders } from './write-static-host-headers';

const entraConfig = {
  auth: { clientId: 'c', authority: 'https://login.microsoftonline.com/contoso.com', knownAuthorities: [], protocolMode: 'AAD' },
  clusters: [{ url: 'https://adx.contoso.com', defaultDatabase: 'db' }],
  trustedHosts: ['adx.contoso.com'],
};

function config(): RuntimeConfig {
  const parsed = parseRuntimeConfig(entraConfig);
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));
  return parsed.config;
}

const worker = '/assets/local-files.worker-Bx3k_9.js';

describe('static host headers', () => {
  it('finds the local-files worker among the built assets, and nothing else', () => {
    expect(workerPaths(['index-A1.js', 'local-files.worker-Bx3k_9.js', 'decode.worker-C2.js', 'local-files-D4.js'])).toEqual([worker]);
  });

  it('gives Azure Static Web Apps the page policy everywhere and the wasm policy on the worker only', () => {
    const swa = azureStaticWebAppConfig(config(), [worker]) as {
      globalHeaders: Record<string, string>;
      routes: { route: string; headers: Record<string, string> }[];
      navigationFallback: { rewrite: string; exclude: string[] };
    };
    expect(swa.globalHeaders['Content-Security-Policy']).toBe(contentSecurityPolicy(config()));
    expect(swa.globalHeaders['Content-Security-Policy']).toContain('connect-src \'self\' https://login.microsoftonline.com');
    expect(swa.globalHeaders['X-Frame-Options']).toBe('SAMEORIGIN');
    expect(swa.routes).toEqual([{ route: worker, headers: expect.objectContaining({ 'Content-Security-Policy': contentSecurityPolicy(config(), 'wasm-worker') }) }]);
    expect(swa.navigationFallback.exclude).toContain('/assets/*');
  });

  it('repeats every header in the nginx worker location, which inherits none from the server', () => {
    const snippet = nginxServerSnippet(config(), [worker]);
    const [server, location] = snippet.split(`location = ${worker} {`);
    expect(server).toContain(`add_header Content-Security-Policy "${contentSecurityPolicy(config())}" always;`);
    expect(location).toContain(`add_header Content-Security-Policy "${contentSecurityPolicy(config(), 'wasm-worker')}" always;`);
    for (const name of ['X-Content-Type-Options', 'Referrer-Policy', 'X-Frame-Options']) {
      expect(server).toContain(`add_header ${name} `);
      expect(location).toContain(`add_header ${name} `);
    }
  });
});

describe('npm run headers', () => {
  let folder = '';
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  function builtFolder(assets: string[]): string {
    folder = mkdtempSync(join(tmpdir(), 'kqlw-headers-'));
    mkdirSync(join(folder, 'assets'));
    for (const a of assets) writeFileSync(join(folder, 'assets', a), '');
    writeFileSync(join(folder, 'config.json'), JSON.stringify(entraConfig));
    return folder;
  }

  it("writes both hosts' files from the folder's own config.json", () => {
    const dir = builtFolder(['index-A1.js', 'local-files.worker-Bx3k_9.js']);
    expect(writeStaticHostHeaders(dir).map((f) => f.slice(dir.length + 1))).toEqual(['staticwebapp.config.json', 'nginx-security-headers.conf']);
    expect(JSON.parse(readFileSync(join(dir, 'staticwebapp.config.json'), 'utf8')).globalHeaders['Content-Security-Policy']).toContain('https://adx.contoso.com');
    expect(readFileSync(join(dir, 'nginx-security-headers.conf'), 'utf8')).toContain(`location = ${worker} {`);
  });

  it('refuses a build that would publish source maps', () => {
    const dir = builtFolder(['index-A1.js', 'index-A1.js.map']);
    expect(() => writeStaticHostHeaders(dir)).toThrow(/source maps \(index-A1\.js\.map/);
  });
});
