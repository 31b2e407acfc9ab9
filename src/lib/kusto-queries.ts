/**
 * How features read cluster metadata through TanStack Query: one key factory for everything the
 * app caches about a cluster, and the `queryOptions` factories that call the one Kusto client.
 * Keys start with the cluster, so "everything about cluster C" is one prefix to invalidate.
 */

import { queryOptions, type QueryClient } from '@tanstack/react-query';
import type { KustoClient } from '../kusto/client/kusto-client';
import type { KustoError } from '../kusto/errors';
import type { ShowSchemaResult } from '../kusto/mgmt';

export const kustoKeys = {
  all: ['kusto'] as const,
  cluster: (clusterUrl: string) => ['kusto', clusterUrl] as const,
  databases: (clusterUrl: string) => ['kusto', clusterUrl, 'databases'] as const,
  schemas: (clusterUrl: string) => ['kusto', clusterUrl, 'schema'] as const,
  schema: (clusterUrl: string, database: string) => ['kusto', clusterUrl, 'schema', database] as const,
  runs: (clusterUrl: string) => ['kusto', clusterUrl, 'runs'] as const,
};

export function databasesQueryOptions(client: KustoClient, clusterUrl: string) {
  return queryOptions<string[], KustoError>({
    queryKey: kustoKeys.databases(clusterUrl),
    queryFn: ({ signal }) => client.databases(clusterUrl, signal),
    // The list changes rarely; a schema-changing command or Refresh reloads it.
    staleTime: 5 * 60_000,
  });
}

export function schemaQueryOptions(client: KustoClient, clusterUrl: string, database: string) {
  return queryOptions<ShowSchemaResult, KustoError>({
    queryKey: kustoKeys.schema(clusterUrl, database),
    queryFn: ({ signal }) => client.schema(clusterUrl, database, signal),
    staleTime: 5 * 60_000,
    // Kept while other tabs point elsewhere: switching back should not reload the tree.
    gcTime: 30 * 60_000,
  });
}

/** After a schema change or on Refresh: the cluster's databases and every schema of it load again. */
export async function invalidateClusterMetadata(queryClient: QueryClient, clusterUrl: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: kustoKeys.databases(clusterUrl) }),
    queryClient.invalidateQueries({ queryKey: kustoKeys.schemas(clusterUrl) }),
  ]);
}
