import { describe, expect, it } from 'vitest';
import { addCluster, parseStoredConnections, removeCluster, setClusterTenant, tenantOf } from './connections-model';

const empty = { clusters: [] };

describe('addCluster', () => {
  it.each([
    ['help', 'https://help.kusto.windows.net'],
    ['mycluster.westeurope', 'https://mycluster.westeurope.kusto.windows.net'],
    ['https://localhost:8443/', 'https://localhost:8443'],
  ])('accepts %s as %s', (typed, url) => {
    const result = addCluster(empty, typed, ['localhost']);
    expect(result).toMatchObject({ ok: true, url, connections: { clusters: [url] } });
  });

  it('refuses loopback unless the deployment trusts it', () => {
    expect(addCluster(empty, 'https://localhost:8443', []).ok).toBe(false);
  });

  it('refuses a host no one trusted, naming it', () => {
    const result = addCluster(empty, 'https://evil.example.com', []);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("Can't communicate with 'evil.example.com'");
  });

  it('accepts a host the deployment trusts, by name or suffix', () => {
    expect(addCluster(empty, 'https://adx.contoso.com', ['adx.contoso.com']).ok).toBe(true);
    expect(addCluster(empty, 'https://adx.contoso.com', ['*.contoso.com']).ok).toBe(true);
  });

  it('points an untrusted host at config.json, the one list the browser policy is built from', () => {
    const result = addCluster(empty, 'https://adx.contoso.com', []);
    expect(!result.ok && result.message).toMatch(/trustedHosts.*config\.json/);
  });

  it('does not add the same cluster twice; remove takes it out', () => {
    const once = addCluster(empty, 'help', []);
    if (!once.ok) throw new Error('expected ok');
    const twice = addCluster(once.connections, 'https://help.kusto.windows.net', []);
    if (!twice.ok) throw new Error('expected ok');
    expect(twice.connections.clusters).toHaveLength(1);
    expect(removeCluster(twice.connections, 'https://help.kusto.windows.net').clusters).toEqual([]);
  });
});

describe('stored connections', () => {
  it('falls back to the configured clusters on unreadable storage and drops invalid entries', () => {
    expect(parseStoredConnections('nope', ['https://localhost:8443']).clusters).toEqual(['https://localhost:8443']);
    expect(parseStoredConnections('{"clusters":["help","not a url!"],"approvedHosts":[]}', []).clusters).toEqual(['https://help.kusto.windows.net']);
  });

  it('ignores hosts older versions let a user approve in the app', () => {
    const stored = parseStoredConnections('{"clusters":["help"],"approvedHosts":["*.contoso.com"]}', []);
    expect(stored).toEqual({ clusters: ['https://help.kusto.windows.net'] });
    expect(addCluster(stored, 'https://adx.contoso.com', []).ok).toBe(false);
  });
});

describe('tenant per connection', () => {
  const two = { clusters: ['https://a.kusto.windows.net', 'https://b.kusto.windows.net'] };

  it('names a tenant by id or domain, clears it with empty text, and refuses anything else', () => {
    const named = setClusterTenant(two, 'https://b.kusto.windows.net', ' Fabrikam.com ');
    if (!named.ok) throw new Error(named.message);
    expect(tenantOf(named.connections, 'https://b.kusto.windows.net')).toBe('fabrikam.com');
    expect(tenantOf(named.connections, 'https://a.kusto.windows.net')).toBeUndefined();
    const cleared = setClusterTenant(named.connections, 'https://b.kusto.windows.net', '');
    expect(cleared.ok && tenantOf(cleared.connections, 'https://b.kusto.windows.net')).toBeUndefined();
    expect(setClusterTenant(two, 'https://a.kusto.windows.net', 'fabrikam')).toMatchObject({ ok: false, message: expect.stringContaining('not a tenant') });
  });

  it('keeps tenants across reloads for clusters still listed, and forgets a removed cluster’s', () => {
    const named = setClusterTenant(two, 'https://b.kusto.windows.net', '4f5b2c1d-0000-4000-8000-00000000fab1');
    if (!named.ok) throw new Error(named.message);
    const reloaded = parseStoredConnections(JSON.stringify(named.connections), []);
    expect(tenantOf(reloaded, 'https://b.kusto.windows.net')).toBe('4f5b2c1d-0000-4000-8000-00000000fab1');
    expect(tenantOf(removeCluster(reloaded, 'https://b.kusto.windows.net'), 'https://b.kusto.windows.net')).toBeUndefined();
    const tampered = parseStoredConnections(JSON.stringify({ ...named.connections, tenants: { 'https://b.kusto.windows.net': 'not a tenant', 'https://gone': 'x.com' } }), []);
    expect(tampered.tenants).toBeUndefined();
  });
});
