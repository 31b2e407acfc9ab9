/**
 * Messages between the page and the local-files worker (DuckDB-wasm and the files' tables live
 * there). Files cross as File objects: structured clone shares the underlying blob, it does not
 * copy the bytes (https://html.spec.whatwg.org/multipage/structured-data.html#serializable-objects).
 */
import type { EngineErrorKind } from '../../engine/types';
import type { ColumnarTable, Visualization } from '../../kusto/types';
import type { LocalFileErrorKind } from './load-error';
import type { LoadedTable } from './load-file';

export type LocalFilesRequest =
  /** Load each file as a table named `names[i]` (already unique among the open tables). */
  | { type: 'open'; id: number; files: File[]; names: string[] }
  | { type: 'rename'; id: number; from: string; to: string }
  | { type: 'close'; id: number; name: string }
  /** SQL straight to DuckDB (benchmarks compare the translator's run against it). */
  | { type: 'sql'; id: number; sql: string }
  /** KQL over the open tables (the parser loads on the first one); parameters as the service takes them. */
  | { type: 'kql'; id: number; csl: string; parameters: Record<string, unknown> }
  | { type: 'cancel'; id: number };

/** A KustoEngineError as data (positions 1-based in the query text as sent). */
export interface LocalQueryFailure {
  kind: EngineErrorKind;
  code: string;
  message: string;
  line: number | null;
  column: number | null;
}

export interface LocalFileFailure {
  fileName: string;
  kind: LocalFileErrorKind;
  message: string;
  line: number | null;
}

export type LocalFilesResponse =
  | { type: 'ready'; duckdbVersion: string; memoryLimitBytes: number; startMs: number }
  | { type: 'loaded'; id: number; table: LoadedTable }
  | { type: 'load-failed'; id: number; failure: LocalFileFailure }
  | { type: 'opened'; id: number }
  | { type: 'done'; id: number; rowCount: number; ms: number }
  | { type: 'cancelled'; id: number }
  /** Columns cross by transfer (columnBuffers). */
  | { type: 'kql-result'; id: number; tables: ColumnarTable[]; visualizations: Map<number, Visualization>; ms: number }
  | { type: 'kql-failed'; id: number; failure: LocalQueryFailure }
  | { type: 'failed'; id: number; message: string }
  /**
   * DuckDB-wasm trapped (a WebAssembly RuntimeError): its memory is in an unknown state, so the
   * page ends this worker, starts another and opens the same files again.
   */
  | { type: 'crashed'; id: number; message: string };
