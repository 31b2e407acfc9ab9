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

/**
 * Text of one cell per row as UTF-8: cell r is `bytes[offsets[r] .. offsets[r + 1])`. Two typed
 * arrays instead of a string per row, so a column moves from the decode worker by transfer (strings
 * can't be transferred, and cloning 500k of them blocks the main thread). Read a cell with
 * `textAt` (src/kusto/columnar.ts); the string is made when the grid asks for it.
 */
export interface TextStore {
  bytes: Uint8Array;
  /** rowCount + 1 entries. */
  offsets: Uint32Array;
}

/**
 * Read cells through the accessors in src/kusto/columnar.ts (`formatCell`/`cellText`, `stringAt`,
 * `isNullAt`, `dynamicAt`, `datetimeText`) rather than the stores, except typed numbers.
 */
export type ColumnStore =
  | { type: 'bool'; values: Uint8Array; nulls: NullBitmap }
  | { type: 'int'; values: Int32Array; nulls: NullBitmap }
  /** NaN and ±Infinity are values here; null lives only in the bitmap. */
  | { type: 'real'; values: Float64Array; nulls: NullBitmap }
  /** Exact over the whole Int64 range: read from the digits, never through a double. */
  | { type: 'long'; values: BigInt64Array; nulls: NullBitmap }
  /**
   * Epoch milliseconds (with the fraction) for sorting and charts. A double can't hold 100-ns
   * precision at today's epoch, so `ticks` keeps the 100-ns units below the millisecond
   * (0–9999); `datetimeText` rebuilds Kusto's 7-digit text from both.
   */
  | { type: 'datetime'; values: Float64Array; ticks: Uint16Array; nulls: NullBitmap }
  /** Milliseconds; `text` keeps the `[-][d.]hh:mm:ss[.fffffff]` form for display. */
  | { type: 'timespan'; values: Float64Array; text: TextStore; nulls: NullBitmap }
  /** Kusto sends decimals as strings; kept as text to stay exact. */
  | { type: 'decimal'; text: TextStore; nulls: NullBitmap }
  | { type: 'guid'; text: TextStore; nulls: NullBitmap }
  /** Kusto strings are never null: an empty string is a value. */
  | { type: 'string'; text: TextStore }
  /** The JSON text of each value as the service wrote it (big integers stay exact); `dynamicAt` parses one. */
  | { type: 'dynamic'; text: TextStore; nulls: NullBitmap };

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
  /** The response broke off before this table ended: its rows are only those that arrived. */
  incomplete?: boolean;
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
  /**
   * `forceRefresh`: skip the cache (the cluster refused the cached token). `claims`: a claims
   * challenge's claims request (JSON) the new token must satisfy.
   */
  getToken(clusterUrl: string, options?: { forceRefresh?: boolean; claims?: string }): Promise<string>;
  /**
   * The cluster refused a freshly renewed token: start an interactive sign-in for it. A redirect
   * leaves the page, so the returned promise may never settle.
   */
  interact(clusterUrl: string, options?: { claims?: string }): Promise<void>;
}
