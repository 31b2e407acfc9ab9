import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, policyTargetForPath } from './content-security-policy';
import { parseRuntimeConfig, type RuntimeConfig } from './runtime-config';

function config(value: unknown): RuntimeConfig {
  const parsed = parseRuntimeConfig(value);
  if (!parsed.ok) throw new Error(parsed.problems.join(' '));
  return parsed.config;
}

const local = config({
  auth: { clientId: 'c', authority: 'https://localhost:9443/72f988bf-0000-4000-8000-00000000c0de', knownAuthorities: ['localhost:9443'], protocolMode: 'OIDC' },
  clusters: [{ url: 'https://localhost:8443', defaultDatabase: 'Samples' }],
  trustedHosts: ['localhost'],
});

const entra = config({
  auth: { clientId: 'c', authority: 'https://login.microsoftonline.com/contoso.com', knownAuthorities: [], protocolMode: 'AAD' },
  clusters: [
    { url: 'https://adx.contoso.com', defaultDatabase: 'db' },
    { url: 'https://help.kusto.windows.net', defaultDatabase: 'Samples', authority: 'https://login.sovereign.example/contoso.com' },
  ],
  trustedHosts: ['adx.contoso.com', '*.fabrikam.net'],
});

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('contentSecurityPolicy', () => {
  it('is strict: self only for scripts, no plugins, no foreign base or framing', () => {
    const d = directives(contentSecurityPolicy(entra));
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('lets the page connect to itself, the authority and the trusted Kusto hosts, and nothing else', () => {
    const connect = directives(contentSecurityPolicy(entra)).get('connect-src')!;
    expect(connect).toContain("'self'");
    expect(connect).toContain('https://login.microsoftonline.com');
    expect(connect).toContain('https://adx.contoso.com');
    expect(connect).toContain('https://adx.contoso.com:*');
    expect(connect).toContain('https://*.fabrikam.net:*');
    expect(connect).toContain('https://*.kusto.windows.net');
    expect(connect).toContain('https://ade.loganalytics.io');
    // A cluster in another cloud gets its token from that cloud's authority.
    expect(connect).toContain('https://login.microsoftonline.us');
    // …or from the authority config.json pins for it.
    expect(connect).toContain('https://login.sovereign.example');
    expect(connect.filter((s) => !s.startsWith('https://') && s !== "'self'")).toEqual([]);
    expect(connect.some((s) => /^https:\/\/\*(:|$)/.test(s))).toBe(false);
  });

  it('names the local provider and loopback (as config.json does) but no other cloud for an OIDC provider', () => {
    const d = directives(contentSecurityPolicy(local));
    expect(d.get('connect-src')).toEqual(expect.arrayContaining(['https://localhost:9443', 'https://localhost:8443', 'https://localhost:*']));
    expect(d.get('connect-src')).not.toContain('https://login.microsoftonline.com');
    expect(d.get('connect-src')!.some((s) => s.startsWith('http:'))).toBe(false);
    expect(d.get('frame-src')).toEqual(["'self'", 'https://localhost:9443']);
  });

  it("allows WebAssembly compilation only in the local-files worker's policy, and string eval nowhere", () => {
    expect(directives(contentSecurityPolicy(local, 'wasm-worker')).get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(contentSecurityPolicy(local, 'wasm-worker')).not.toMatch(/'unsafe-eval'/);
    expect(contentSecurityPolicy(local)).not.toMatch(/unsafe-eval/);
    expect(policyTargetForPath('/assets/local-files.worker-Bx3k.js')).toBe('wasm-worker');
    expect(policyTargetForPath('/src/workers/local-files.worker.ts?worker_file&type=module')).toBe('wasm-worker');
    expect(policyTargetForPath('/assets/kusto.worker-Bx3k.js')).toBe('document');
    expect(policyTargetForPath('/')).toBe('document');
  });

  it("adds the dev server's socket and inline preamble hashes only when asked", () => {
    const dev = directives(contentSecurityPolicy(local, 'document', { devServer: { socketOrigin: 'wss://localhost:5173', inlineScriptHashes: ["'sha256-abc='"] } }));
    expect(dev.get('script-src')).toEqual(["'self'", "'sha256-abc='"]);
    expect(dev.get('connect-src')).toContain('wss://localhost:5173');
  });
});
