import { describe, expect, it } from 'vitest';
import { buildRequest, newClientRequestId } from './request';

describe('buildRequest', () => {
  const request = buildRequest({
    endpoint: 'query', clusterUrl: 'https://localhost:8443/', database: 'Samples', csl: 'StormEvents | count',
    clientRequestId: newClientRequestId('Query', 'e9f884e4-90f0-404a-8e8b-01d883023bf1'), token: 'tok',
    runtime: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0',
  });

  it('posts {db, csl} to /v2/rest/query', () => {
    expect(request.url).toBe('https://localhost:8443/v2/rest/query');
    expect(request.method).toBe('POST');
    expect(JSON.parse(request.body)).toEqual({ db: 'Samples', csl: 'StormEvents | count' });
  });

  it('sends the headers the service documents', () => {
    expect(request.headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/json; charset=utf-8',
      Authorization: 'Bearer tok',
      'x-ms-app': 'KQLWorkbench',
      'x-ms-client-request-id': 'KQLW.Query;e9f884e4-90f0-404a-8e8b-01d883023bf1',
      'x-ms-client-version': 'KQLWorkbench:{0.1.0}|Runtime.Browser:{Mozilla_5.0_(X11__Linux_x86_64)_Chrome_120.0}',
    });
  });

  it('a command goes to /v1/rest/mgmt, without db when it needs none; x-ms-user and x-ms-readonly when asked', () => {
    const command = buildRequest({
      endpoint: 'mgmt', clusterUrl: 'https://help.kusto.windows.net', database: null, csl: '.show databases',
      clientRequestId: 'KQLW.Metadata;1', token: 't', runtime: 'r', user: 'analyst@local.test', readonly: true,
    });
    expect(command.url).toBe('https://help.kusto.windows.net/v1/rest/mgmt');
    expect(JSON.parse(command.body)).toEqual({ csl: '.show databases' });
    expect(command.headers).toMatchObject({ 'x-ms-user': 'analyst@local.test', 'x-ms-readonly': 'true' });
  });

  it('adds properties only when there are some', () => {
    const withOptions = buildRequest({
      endpoint: 'query', clusterUrl: 'https://x', database: 'd', csl: 'q', clientRequestId: 'id', token: 't', runtime: 'r',
      properties: { Options: { servertimeout: '00:04:00' } },
    });
    expect(JSON.parse(withOptions.body)).toHaveProperty('properties.Options.servertimeout', '00:04:00');
    expect(JSON.parse(buildRequest({ endpoint: 'query', clusterUrl: 'https://x', database: 'd', csl: 'q', clientRequestId: 'id', token: 't', runtime: 'r', properties: {} }).body)).not.toHaveProperty('properties');
  });
});
