import { QueryClient, type DefaultOptions } from '@tanstack/react-query';

// A failed query is usually the user's KQL or a limit: retrying repeats the failure (and the
// cost on the cluster). Results are large, so they are not kept around after they are unused.
export const queryConfig = {
  queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, gcTime: 60_000 },
  mutations: { retry: false, gcTime: 0 },
} satisfies DefaultOptions;

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: queryConfig });
}
