import { describe, expect, it, vi } from 'vitest';
import { cloudName, createCloudInfoCache, fetchCloudInfo, metadataUrl, parseCloudInfo, PUBLIC_CLOUD, sameCloud } from './cloud-info';

// A public-cloud cluster's answer, in the shape the service sends (azure-kusto-node cloudSettings.ts).
const PUBLIC_METADATA = {
  AzureAD: {
    LoginEndpoint: 'https://login.microsoftonline.com',
    LoginMfaRequired: false,
    KustoClientAppId: 'db662dc1-0cfe-4e1c-a843-19a68e65be58',
    KustoClientRedirectUri: 'https://microsoft/kustoclient',
    KustoServiceResourceId: 'https://kusto.kusto.windows.net',
    FirstPartyAuthorityUrl: 'https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a',
  },
  dSTS: {},
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('cloud info', () => {
  it('reads the login endpoint, normalised, from the metadata document', () => {
    expect(parseCloudInfo(PUBLIC_METADATA)).toEqual(PUBLIC_CLOUD);
    expect(parseCloudInfo({ AzureAD: { LoginEndpoint: 'https://Login.MicrosoftOnline.US/', LoginMfaRequired: true } })).toEqual({
      loginEndpoint: 'https://login.microsoftonline.us',
      loginMfaRequired: true,
    });
    expect(parseCloudInfo({ AzureAD: { LoginEndpoint: 'http://login.example' } })).toBeNull();
    expect(parseCloudInfo({ dSTS: {} })).toBeNull();
  });

  it('asks the cluster origin, treats 404 as the public cloud, and refuses other answers', async () => {
    expect(metadataUrl('https://help.kusto.windows.net/some/path')).toBe('https://help.kusto.windows.net/v1/rest/auth/metadata');
    const fetchImpl = vi.fn(async () => json(200, { AzureAD: { LoginEndpoint: 'https://login.microsoftonline.us' } }));
    expect((await fetchCloudInfo('https://x.kusto.usgovcloudapi.net', fetchImpl)).loginEndpoint).toBe('https://login.microsoftonline.us');
    expect(fetchImpl).toHaveBeenCalledWith('https://x.kusto.usgovcloudapi.net/v1/rest/auth/metadata', expect.objectContaining({ credentials: 'omit', redirect: 'error' }));
    expect(await fetchCloudInfo('https://old.proxy', async () => new Response('', { status: 404 }))).toEqual(PUBLIC_CLOUD);
    await expect(fetchCloudInfo('https://c', async () => new Response('', { status: 500 }))).rejects.toMatchObject({ kind: 'server', httpStatus: 500 });
    await expect(fetchCloudInfo('https://c', async () => json(200, { AzureAD: {} }))).rejects.toMatchObject({ kind: 'malformed-response' });
    await expect(fetchCloudInfo('https://c', async () => { throw new TypeError('Failed to fetch'); })).rejects.toMatchObject({ kind: 'network' });
  });

  it('asks once per cluster, shares a request in flight, and asks again after a failure', async () => {
    let calls = 0;
    const cache = createCloudInfoCache(async () => {
      calls++;
      if (calls === 1) throw new Error('offline');
      return PUBLIC_CLOUD;
    });
    await expect(cache.get('https://a.kusto.windows.net')).rejects.toThrow('offline');
    const [one, two] = await Promise.all([cache.get('https://a.kusto.windows.net'), cache.get('https://a.kusto.windows.net/')]);
    expect(one).toBe(two);
    await cache.get('https://a.kusto.windows.net');
    expect(calls).toBe(2);
    expect(cache.snapshot()).toEqual({ 'https://a.kusto.windows.net': PUBLIC_CLOUD });
    const restored = createCloudInfoCache(async () => { throw new Error('not asked'); }, cache.snapshot());
    expect(await restored.get('https://a.kusto.windows.net')).toEqual(PUBLIC_CLOUD);
  });

  it('names known clouds and compares them by login host', () => {
    expect(cloudName('https://login.microsoftonline.us')).toBe('Azure US Government');
    expect(cloudName('https://localhost:9443')).toBe('localhost:9443');
    expect(sameCloud('https://login.microsoftonline.com', 'login.microsoftonline.com')).toBe(true);
    expect(sameCloud('https://login.microsoftonline.com/tenant', 'https://login.microsoftonline.us')).toBe(false);
  });
});
