/**
 * The clouds of the clusters this tab has asked about: one `/v1/rest/auth/metadata` request per
 * cluster per browser session (kept in sessionStorage, so a reload or a sign-in redirect does not
 * ask again; a new session does, in case a cluster moved).
 */

import { createCloudInfoCache, fetchCloudInfo, parseCloudInfo, type CloudInfo, type CloudInfoCache } from '../../../kusto/cloud-info';
import { parseStoredObject, readStored, writeStored } from '../../../lib/storage';

export const CLUSTER_CLOUDS_KEY = 'kqlw.cluster-clouds';

function sessionStore(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    return undefined;
  }
}

function restored(storage: Storage | undefined): Record<string, CloudInfo> {
  const stored = parseStoredObject(readStored(storage, CLUSTER_CLOUDS_KEY)) ?? {};
  const known: Record<string, CloudInfo> = {};
  for (const [origin, value] of Object.entries(stored)) {
    const info = value && typeof value === 'object' ? parseCloudInfo({ AzureAD: { LoginEndpoint: (value as { loginEndpoint?: unknown }).loginEndpoint, LoginMfaRequired: (value as { loginMfaRequired?: unknown }).loginMfaRequired } }) : null;
    if (info) known[origin] = info;
  }
  return known;
}

export function createClusterClouds(storage: Storage | undefined = sessionStore(), fetchImpl: typeof fetch = (...args) => fetch(...args)): CloudInfoCache {
  const cache = createCloudInfoCache(async (clusterUrl) => {
    const info = await fetchCloudInfo(clusterUrl, fetchImpl);
    // The cache records the answer only once this returns (a microtask queued here ran before
    // that, and stored the answers without this one): store it beside the ones known so far.
    writeStored(storage, CLUSTER_CLOUDS_KEY, JSON.stringify({ ...cache.snapshot(), [new URL(clusterUrl).origin]: info }));
    return info;
  }, restored(storage));
  return cache;
}

let shared: CloudInfoCache | null = null;

/** One cache for the page: every account and every tab asks a cluster once. */
export function clusterClouds(): CloudInfoCache {
  shared ??= createClusterClouds();
  return shared;
}

/**
 * Asks for a cluster's cloud before any token is wanted: on the signed-out page, so that the
 * answer is in this tab's session when the sign-in redirect comes back and the first token
 * request does not wait for the round trip; and beside MSAL's code exchange on the way back, in
 * case the click came before the answer. The endpoint is anonymous. A failure is not kept
 * (createCloudInfoCache): the token request asks again and reports it.
 */
export function warmUpClusterCloud(clusterUrl: string, cache: CloudInfoCache = clusterClouds()): Promise<void> {
  return cache.get(clusterUrl).then(
    () => undefined,
    () => undefined,
  );
}
