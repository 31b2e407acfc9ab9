import { queryOptions, useQuery } from '@tanstack/react-query';
import type { KustoError } from '../../../kusto/errors';
import { readDatabaseNames, SHOW_DATABASES } from '../../../kusto/mgmt';
import { runMgmtCommand, type MgmtDeps } from './run-mgmt-command';

export async function getDatabases(deps: MgmtDeps, clusterUrl: string, signal?: AbortSignal): Promise<string[]> {
  return readDatabaseNames(await runMgmtCommand(deps, { clusterUrl, database: null, command: SHOW_DATABASES, signal }));
}

export function databasesQueryOptions(deps: MgmtDeps, clusterUrl: string) {
  return queryOptions<string[], KustoError>({
    queryKey: ['kusto', 'databases', clusterUrl],
    queryFn: ({ signal }) => getDatabases(deps, clusterUrl, signal),
    // The list changes rarely; the schema tree refetches on demand.
    staleTime: 5 * 60_000,
  });
}

export function useDatabases(deps: MgmtDeps, clusterUrl: string, enabled = true) {
  return useQuery({ ...databasesQueryOptions(deps, clusterUrl), enabled });
}
