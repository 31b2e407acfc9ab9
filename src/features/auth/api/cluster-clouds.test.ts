import { describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../../../testing/memory-storage';
import { CLUSTER_CLOUDS_KEY, createClusterClouds, warmUpClusterCloud } from './cluster-clouds';

const CLUSTER = 'https://help.kusto.windows.net';

function metadataFetch(loginEndpoint: string) {
  return vi.fn<typeof fetch>(async () => new Response(JSON.stringify({ AzureAD: { LoginEndpoint: loginEndpoint, LoginMfaRequired: false } }), { status: 200 }));
}

describe('cluster clouds of the session', () => {
  it('asked before sign-in, are found by the page the redirect comes back to without asking again', async () => {
    const session = memoryStorage();
    const before = metadataFetch('https://login.microsoftonline.us/');
    await warmUpClusterCloud(CLUSTER, createClusterClouds(session, before));
    expect(before).toHaveBeenCalledTimes(1);

    const after = metadataFetch('https://login.microsoftonline.com/');
    const info = await createClusterClouds(session, after).get(CLUSTER);
    expect(info.loginEndpoint).toBe('https://login.microsoftonline.us');
    expect(after).not.toHaveBeenCalled();
  });

  it('keep every cluster asked about, not only the last', async () => {
    const session = memoryStorage();
    const clouds = createClusterClouds(session, metadataFetch('https://login.microsoftonline.com/'));
    await clouds.get(CLUSTER);
    await clouds.get('https://other.westeurope.kusto.windows.net');
    expect(Object.keys(JSON.parse(session.getItem(CLUSTER_CLOUDS_KEY) ?? '{}'))).toEqual([CLUSTER, 'https://other.westeurope.kusto.windows.net']);
  });

  it('keep no failure: the token request asks again', async () => {
    const session = memoryStorage();
    const failing = vi.fn<typeof fetch>(async () => {
      throw new TypeError('Failed to fetch');
    });
    const clouds = createClusterClouds(session, failing);
    await warmUpClusterCloud(CLUSTER, clouds);
    await expect(clouds.get(CLUSTER)).rejects.toMatchObject({ kind: 'network' });
    expect(failing).toHaveBeenCalledTimes(2);
    expect(session.getItem(CLUSTER_CLOUDS_KEY)).toBeNull();
  });
});
