/**
 * The shapes the rest of the app sees: our own types at the protocol seam, so the decoder, a
 * worker or a v1 reader can produce them and the grid and charts read them without knowing JSON.
 */

/** Kusto scalar type names as they appear in v2 `ColumnType`, aliases already resolved. */
export type KustoScalarType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'string'
  | 'dynamic';

/**
 * One bit per row, set when the cell is null. Typed arrays cannot hold null, and a sentinel
 * value would collide with real data (0, NaN are legitimate values).
 */
export type NullBitmap = Uint8Array;

interface ColumnBase {
  name: string;
  /** The ColumnType as the server wrote it (e.g. "double"), for display. */
  declaredType: string;
}

export type ColumnStore =
  | { type: 'bool'; values: Uint8Array; nulls: NullBitmap }
  | { type: 'int'; values: Int32Array; nulls: NullBitmap }
  /** NaN and ±Infinity are values here; null lives only in the bitmap. */
  | { type: 'real'; values: Float64Array; nulls: NullBitmap }
  /** Exact over the whole Int64 range: JSON numbers above 2^53 are read from their digits. */
  | { type: 'long'; values: BigInt64Array; nulls: NullBitmap }
  /** Epoch milliseconds for sorting and charts; `text` keeps Kusto's 100-ns digits for display. */
  | { type: 'datetime'; values: Float64Array; text: (string | null)[]; nulls: NullBitmap }
  /** Milliseconds; `text` keeps the `[-][d.]hh:mm:ss[.fffffff]` form for display. */
  | { type: 'timespan'; values: Float64Array; text: (string | null)[]; nulls: NullBitmap }
  /** Kusto sends decimals as strings; kept as text to stay exact. */
  | { type: 'decimal'; values: (string | null)[] }
  | { type: 'guid'; values: (string | null)[] }
  /** Kusto strings are never null: an empty string is a value. */
  | { type: 'string'; values: string[] }
  /** Parsed JSON values; a long inside one that JSON numbers can't hold is a bigint. */
  | { type: 'dynamic'; values: unknown[] };

export type ColumnarColumn = ColumnBase & ColumnStore;

export type TableKind =
  | 'PrimaryResult'
  | 'QueryCompletionInformation'
  | 'QueryTraceLog'
  | 'QueryPerfLog'
  | 'TableOfContents'
  | 'QueryProperties'
  | 'QueryPlan'
  | 'Unknown'
  | (string & {});

export interface ColumnarTable {
  tableId: number;
  tableKind: TableKind;
  tableName: string;
  rowCount: number;
  columns: ColumnarColumn[];
}

/** The Visualization bag of `render` as the service writes it (keys like `Visualization`, `XColumn`). */
export type Visualization = Record<string, unknown>;

export interface QueryStats {
  /** Seconds, from the QueryResourceConsumption payload. */
  executionTimeSec: number | null;
  /** The whole QueryResourceConsumption payload, for a stats panel. */
  resourceConsumption: Record<string, unknown> | null;
}

export interface DataSet {
  /** Every table in frame order, including the service's own (QueryCompletionInformation, …). */
  tables: ColumnarTable[];
  /** The PrimaryResult tables, in order. */
  primaryResults: ColumnarTable[];
  /** TableId → parsed Visualization, from `@ExtendedProperties`. */
  visualizations: Map<number, Visualization>;
  stats: QueryStats | null;
  cancelled: boolean;
}

/**
 * How the run path gets a bearer token for a cluster, whatever the identity library is. It
 * rejects with a KustoError value (`untrusted-host`, `unauthorized`) rather than a library error.
 */
export interface TokenProvider {
  getToken(clusterUrl: string, options?: { forceRefresh?: boolean }): Promise<string>;
  /**
   * The cluster refused a freshly renewed token: start an interactive sign-in for it. A redirect
   * leaves the page, so the returned promise may never settle.
   */
  interact(clusterUrl: string): Promise<void>;
}
