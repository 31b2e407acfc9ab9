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
    queueMicrotask(() => writeStored(storage, CLUSTER_CLOUDS_KEY, JSON.stringify(cache.snapshot())));
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
