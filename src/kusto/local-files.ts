/**
 * The "Local files" connection: the analyst's own files, queried with KQL in the browser
 * (src/workers/local-files). A tab whose cluster is `LOCAL_FILES_CLUSTER` runs there, never on a
 * cluster: the value is not an https URL, so no token is ever requested for it and the trusted-host
 * check refuses it for any request.
 */
export const LOCAL_FILES_CLUSTER = 'local-files://browser';

/** The one database the files' tables are in. */
export const LOCAL_FILES_DATABASE = 'LocalFiles';

/** How the connection is named in the tree and the tab's context. */
export const LOCAL_FILES_LABEL = 'Local files';

export function isLocalFilesCluster(clusterUrl: string): boolean {
  return clusterUrl === LOCAL_FILES_CLUSTER;
}

export interface LocalTableSchema {
  name: string;
  /** The file it was made from, shown as the table's doc string. */
  fileName: string;
  columns: readonly { name: string; type: string }[];
}

const DOTNET: Record<string, string> = {
  long: 'System.Int64', real: 'System.Double', datetime: 'System.DateTime', bool: 'System.SByte', string: 'System.String', dynamic: 'System.Object',
};

/**
 * The local tables as the document `.show databases schema as json` returns (the shape monaco-kusto's
 * setSchemaFromShowSchema reads), so the editor completes their names and columns like a cluster's.
 * `version` must grow with every change: monaco-kusto caches a database's symbols by name and
 * rebuilds them only when `MajorVersion` is higher (convertToKustoJsSchemaV2 in its kusto.worker).
 */
export function localFilesShowSchema(tables: readonly LocalTableSchema[], version: number): unknown {
  return {
    Databases: {
      [LOCAL_FILES_DATABASE]: {
        Name: LOCAL_FILES_DATABASE,
        MajorVersion: version,
        MinorVersion: 0,
        Tables: Object.fromEntries(tables.map((t) => [t.name, {
          Name: t.name,
          DocString: t.fileName,
          OrderedColumns: t.columns.map((c) => ({ Name: c.name, Type: DOTNET[c.type] ?? 'System.Object', CslType: c.type })),
        }])),
        Functions: {},
      },
    },
  };
}
