import { describe, expect, it } from 'vitest';
import { addCluster, parseApprovedHosts, parseStoredConnections, removeCluster } from './connections-model';

const empty = { clusters: [], approvedHosts: [] };

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

  it('accepts a host the user or the deployment approved', () => {
    expect(addCluster({ clusters: [], approvedHosts: ['*.contoso.com'] }, 'https://adx.contoso.com', []).ok).toBe(true);
    expect(addCluster(empty, 'https://adx.contoso.com', ['adx.contoso.com']).ok).toBe(true);
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

describe('stored connections and approved hosts', () => {
  it('falls back to the configured clusters on unreadable storage and drops invalid entries', () => {
    expect(parseStoredConnections('nope', ['https://localhost:8443']).clusters).toEqual(['https://localhost:8443']);
    expect(parseStoredConnections('{"clusters":["help","not a url!"],"approvedHosts":[]}', []).clusters).toEqual(['https://help.kusto.windows.net']);
  });

  it('parses the web UI syntax for additional trusted hosts', () => {
    expect(parseApprovedHosts('A.contoso.com; *.fabrikam.net,  bad!host a.contoso.com')).toEqual(['a.contoso.com', '*.fabrikam.net']);
  });
});
