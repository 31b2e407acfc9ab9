import { queryOptions, useQuery } from '@tanstack/react-query';
import type { KustoError } from '../../../kusto/errors';
import { readShowSchema, showDatabaseSchemaCommand, type ShowSchemaResult } from '../../../kusto/mgmt';
import { runMgmtCommand, type MgmtDeps } from './run-mgmt-command';

/** `.show databases (D) schema as json`: one document feeds the tree and the editor's IntelliSense. */
export async function getDatabaseSchema(deps: MgmtDeps, clusterUrl: string, database: string, signal?: AbortSignal): Promise<ShowSchemaResult> {
  return readShowSchema(await runMgmtCommand(deps, { clusterUrl, database, command: showDatabaseSchemaCommand(database), signal }));
}

export function databaseSchemaQueryOptions(deps: MgmtDeps, clusterUrl: string, database: string) {
  return queryOptions<ShowSchemaResult, KustoError>({
    queryKey: ['kusto', 'schema', clusterUrl, database],
    queryFn: ({ signal }) => getDatabaseSchema(deps, clusterUrl, database, signal),
    staleTime: 5 * 60_000,
    // Kept while other tabs point elsewhere: switching back should not reload the tree.
    gcTime: 30 * 60_000,
  });
}

export function useDatabaseSchema(deps: MgmtDeps, clusterUrl: string, database: string, enabled = true) {
  return useQuery({ ...databaseSchemaQueryOptions(deps, clusterUrl, database), enabled: enabled && database !== '' });
}
