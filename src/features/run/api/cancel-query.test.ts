import { describe, expect, it, vi } from 'vitest';
import type { TokenProvider } from '../../../kusto/types';
import { cancelQuery } from './cancel-query';

const tokenProvider: TokenProvider = { getToken: () => Promise.resolve('token-1'), interact: () => Promise.resolve() };

const cancelled = JSON.stringify({
  Tables: [{
    TableName: 'Table_0',
    Columns: [{ ColumnName: 'ClientRequestId', ColumnType: 'string' }, { ColumnName: 'ReasonPhrase', ColumnType: 'string' }, { ColumnName: 'RunningQueryCanceled', ColumnType: 'bool' }],
    Rows: [['KQLW.Query;1', 'Query cancelled', true]],
  }],
});

describe('cancelQuery', () => {
  it('sends .cancel query with the run\'s client request id to /v1/rest/mgmt with the same token', async () => {
    const fetchMock = vi.fn<typeof fetch>(() => Promise.resolve(new Response(cancelled, { status: 200 })));
    const outcome = await cancelQuery({ tokenProvider, trustedHosts: ['localhost'], fetch: fetchMock, newUuid: () => 'u' }, { clusterUrl: 'https://localhost:8443', database: 'Samples', clientRequestId: 'KQLW.Query;1' });
    expect(outcome).toEqual({ cancelled: true, reason: 'Query cancelled' });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('https://localhost:8443/v1/rest/mgmt');
    expect(JSON.parse(String(init?.body))).toEqual({ csl: '.cancel query "KQLW.Query;1"', db: 'Samples' });
    expect((init?.headers as Record<string, string>)['Authorization']).toBe('Bearer token-1');
  });

  it('refuses an untrusted host without asking for a token or sending anything', async () => {
    const getToken = vi.fn(() => Promise.resolve('t'));
    const fetchMock = vi.fn<typeof fetch>();
    await expect(cancelQuery({ tokenProvider: { ...tokenProvider, getToken }, trustedHosts: [], fetch: fetchMock }, { clusterUrl: 'https://evil.example.com', database: 'x', clientRequestId: 'y' }))
      .rejects.toMatchObject({ kind: 'untrusted-host' });
    expect(getToken).not.toHaveBeenCalled();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
