/**
 * What the editor and the database list know of the active tab's cluster: its databases and the
 * schema of its database (fetched only from a trusted cluster in the connection list — a cluster
 * a link brought in is asked nothing until the user runs a query there or adds it), or the open
 * local files' schema for a "Local files" tab.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { EditorSchema } from '../features/editor/types';
import type { KustoClient } from '../kusto/client/kusto-client';
import { localFilesShowSchema } from '../kusto/local-files';
import { databasesQueryOptions, schemaQueryOptions } from '../lib/kusto-queries';
import type { LoadedTable } from '../workers/local-files/load-file';

/** The database list: the cluster's (else the configured ones), always including the tab's own. */
export function databaseChoices(fromCluster: readonly string[] | undefined, configured: readonly string[], current: string): readonly string[] {
  const names = fromCluster ?? configured;
  return names.includes(current) ? names : [current, ...names];
}

export interface TabSchemaOptions {
  client: KustoClient;
  clusterUrl: string;
  database: string;
  /** The cluster may be sent requests: trusted and in the connection list. */
  askable: boolean;
  isLocal: boolean;
  localTables: readonly LoadedTable[];
  /** Grows with every change of the local tables. */
  localVersion: number;
  /** The databases the deployment's config lists for this cluster. */
  configuredDatabases: readonly string[];
}

export function useTabSchema(options: TabSchemaOptions): { editorSchema: EditorSchema | undefined; databaseOptions: readonly string[] } {
  const { client, clusterUrl, database, askable, isLocal, localTables, localVersion, configuredDatabases } = options;
  const databases = useQuery({ ...databasesQueryOptions(client, clusterUrl), enabled: askable });
  const schema = useQuery({ ...schemaQueryOptions(client, clusterUrl, database), enabled: askable && database !== '' });
  const showSchemaJson = useMemo(
    () => (isLocal ? localFilesShowSchema(localTables, localVersion) : schema.data?.showSchemaJson),
    [isLocal, localTables, localVersion, schema.data?.showSchemaJson],
  );
  const editorSchema = useMemo<EditorSchema | undefined>(
    () => (showSchemaJson === undefined ? undefined : { showSchemaJson, clusterUrl, database }),
    [showSchemaJson, clusterUrl, database],
  );
  const databaseOptions = useMemo(() => databaseChoices(databases.data, configuredDatabases, database), [databases.data, configuredDatabases, database]);
  return { editorSchema, databaseOptions };
}
