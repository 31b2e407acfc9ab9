import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig, parseRuntimeConfig } from './runtime-config';

const local = {
  auth: { clientId: 'kql-workbench-local', authority: 'https://localhost:9443/', knownAuthorities: ['localhost:9443'], protocolMode: 'OIDC' },
  clusters: [{ url: 'https://localhost:8443', defaultDatabase: 'Samples' }],
  trustedHosts: ['localhost'],
};

describe('parseRuntimeConfig', () => {
  it('accepts the local stack config', () => {
    const result = parseRuntimeConfig(local);
    expect(result.ok).toBe(true);
    expect(result.ok && result.config.clusters[0]).toEqual({ url: 'https://localhost:8443', defaultDatabase: 'Samples', databases: ['Samples'] });
  });

  it('accepts a real-tenant config with AAD defaults and short cluster names', () => {
    const result = parseRuntimeConfig({
      auth: { clientId: '00000000-0000-0000-0000-000000000000', authority: 'https://login.microsoftonline.com/contoso.onmicrosoft.com' },
      clusters: [{ url: 'help', defaultDatabase: 'Samples' }],
    });
    expect(result.ok && result.config.auth.protocolMode).toBe('AAD');
    expect(result.ok && result.config.clusters[0].url).toBe('https://help.kusto.windows.net');
  });

  it('names every bad field', () => {
    const result = parseRuntimeConfig({ auth: { clientId: '', authority: 'http://x', protocolMode: 'SAML' }, clusters: [] });
    expect(result.ok).toBe(false);
    const text = !result.ok ? result.problems.join('\n') : '';
    expect(text).toMatch(/auth\.clientId/);
    expect(text).toMatch(/auth\.authority/);
    expect(text).toMatch(/protocolMode/);
    expect(text).toMatch(/clusters/);
  });

  it('takes a login hint, and a tenant or a pinned authority per cluster', () => {
    const result = parseRuntimeConfig({
      ...local,
      auth: { ...local.auth, loginHint: 'ada@contoso.com' },
      clusters: [
        { url: 'https://localhost:8443', defaultDatabase: 'Samples', tenant: 'Fabrikam.COM' },
        { url: 'https://localhost:8444', defaultDatabase: 'Ops', authority: 'https://login.microsoftonline.us/contoso.us' },
      ],
    });
    expect(result.ok && result.config.auth.loginHint).toBe('ada@contoso.com');
    expect(result.ok && result.config.clusters[0].tenant).toBe('fabrikam.com');
    expect(result.ok && result.config.clusters[1]?.authority).toBe('https://login.microsoftonline.us/contoso.us');
  });

  it('names a bad tenant, authority or login hint', () => {
    const result = parseRuntimeConfig({
      ...local,
      auth: { ...local.auth, loginHint: '' },
      clusters: [
        { url: 'https://localhost:8443', defaultDatabase: 'Samples', tenant: 'not a tenant' },
        { url: 'https://localhost:8444', defaultDatabase: 'Ops', authority: 'https://login.microsoftonline.us' },
      ],
    });
    const text = !result.ok ? result.problems.join('\n') : '';
    expect(text).toMatch(/auth\.loginHint/);
    expect(text).toMatch(/clusters\[0\]\.tenant/);
    expect(text).toMatch(/clusters\[1\]\.authority/);
  });

  it('refuses a loopback cluster unless trustedHosts names it', () => {
    const result = parseRuntimeConfig({ ...local, trustedHosts: [] });
    expect(!result.ok && result.problems[0]).toMatch(/localhost:8443.*trustedHosts/);
  });

  it('refuses a cluster on a host nobody trusted', () => {
    const result = parseRuntimeConfig({ ...local, clusters: [{ url: 'https://kusto.contoso.com', defaultDatabase: 'db' }] });
    expect(!result.ok && result.problems[0]).toMatch(/trustedHosts/);
    const trusted = parseRuntimeConfig({ ...local, clusters: [{ url: 'https://kusto.contoso.com', defaultDatabase: 'db' }], trustedHosts: ['kusto.contoso.com'] });
    expect(trusted.ok).toBe(true);
  });
});

describe('loadRuntimeConfig', () => {
  it('reports a missing file', async () => {
    const result = await loadRuntimeConfig('/config.json', async () => new Response('nope', { status: 404 }));
    expect(!result.ok && result.problems[0]).toMatch(/HTTP 404/);
  });

  it('reports invalid JSON', async () => {
    const result = await loadRuntimeConfig('/config.json', async () => new Response('{', { status: 200 }));
    expect(!result.ok && result.problems[0]).toMatch(/not valid JSON/);
  });
});
