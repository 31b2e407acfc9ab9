import { describe, expect, it } from 'vitest';
import { buildQueryRequest, newClientRequestId } from './request';

describe('buildQueryRequest', () => {
  const request = buildQueryRequest({
    clusterUrl: 'https://localhost:8443/', database: 'Samples', query: 'StormEvents | count',
    clientRequestId: newClientRequestId('e9f884e4-90f0-404a-8e8b-01d883023bf1'), token: 'tok',
    runtime: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0',
  });

  it('posts {db, csl} to /v2/rest/query', () => {
    expect(request.url).toBe('https://localhost:8443/v2/rest/query');
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.body)).toEqual({ db: 'Samples', csl: 'StormEvents | count' });
  });

  it('sends the headers the service documents', () => {
    expect(request.headers).toMatchObject({
      Accept: 'application/json',
      'Content-Type': 'application/json; charset=utf-8',
      Authorization: 'Bearer tok',
      'x-ms-app': 'KQLWorkbench',
      'x-ms-client-request-id': 'KQLW.Query;e9f884e4-90f0-404a-8e8b-01d883023bf1',
    });
    expect(request.headers['x-ms-client-version']).toBe('KQLWorkbench:{0.1.0}|Runtime.Browser:{Mozilla_5.0_(X11__Linux_x86_64)_Chrome_120.0}');
  });

  it('adds properties only when there are some', () => {
    const withOptions = buildQueryRequest({
      clusterUrl: 'https://x', database: 'd', query: 'q', clientRequestId: 'id', token: 't', runtime: 'r',
      properties: { Options: { servertimeout: '00:04:00' } },
    });
    expect(JSON.parse(withOptions.body)).toHaveProperty('properties.Options.servertimeout', '00:04:00');
  });
});
