import { describe, expect, it } from 'vitest';
import { normalizeClusterUrl } from './cluster-url';

describe('normalizeClusterUrl', () => {
  it.each([
    ['help', 'https://help.kusto.windows.net'],
    ['mycluster.westeurope', 'https://mycluster.westeurope.kusto.windows.net'],
    ['mycluster.kusto.usgovcloudapi.net', 'https://mycluster.kusto.usgovcloudapi.net'],
    ['https://help.kusto.windows.net/', 'https://help.kusto.windows.net'],
    ['https://localhost:8443', 'https://localhost:8443'],
    ['localhost:8443', 'https://localhost:8443'],
    ['  HELP  ', 'https://help.kusto.windows.net'],
  ])('turns %s into %s', (input, url) => {
    expect(normalizeClusterUrl(input)).toEqual({ ok: true, url });
  });

  it.each(['', 'not a cluster', 'ftp://x.kusto.windows.net', 'https://help.kusto.windows.net/Samples', 'https://u:p@x.kusto.windows.net', '-bad.region'])(
    'rejects %j with a message',
    (input) => {
      const result = normalizeClusterUrl(input);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message.length).toBeGreaterThan(10);
    },
  );
});
