/**
 * Messages between the page and the local-files worker (DuckDB-wasm and the files' tables live
 * there). Files cross as File objects: structured clone shares the underlying blob, it does not
 * copy the bytes (https://html.spec.whatwg.org/multipage/structured-data.html#serializable-objects).
 */
import type { LocalFileErrorKind } from './load-error';
import type { LoadedTable } from './load-file';

export type LocalFilesRequest =
  /** Load each file as a table named `names[i]` (already unique among the open tables). */
  | { type: 'open'; id: number; files: File[]; names: string[] }
  | { type: 'rename'; id: number; from: string; to: string }
  | { type: 'close'; id: number; name: string }
  /** SQL straight to DuckDB (benchmarks compare the translator's run against it). */
  | { type: 'sql'; id: number; sql: string }
  | { type: 'cancel'; id: number };

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
  | { type: 'failed'; id: number; message: string };
