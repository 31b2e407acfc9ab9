/**
 * Messages between the main thread and the decode worker. Tables cross by transfer (typed arrays
 * only, no object per row); sort and search answers are row permutations, also transferred.
 */

import type { DecodeResult, TableSoFar } from '../kusto/decode-v2';
import type { ColumnarTable } from '../kusto/types';

export type SortDirection = 'asc' | 'desc';

export type WorkerRequest =
  /** `bytes` is transferred: the caller's copy is detached. */
  | { type: 'decode'; id: number; key: number; bytes: ArrayBuffer }
  /** A body read as it arrives: the stream itself is transferred (the worker reads it). */
  | { type: 'decode-stream'; id: number; key: number; body: ReadableStream<Uint8Array> }
  /**
   * The same where a stream cannot be transferred: the main thread forwards each piece (transferred),
   * then `decode-end`, with why the body broke off if it did.
   */
  | { type: 'decode-begin'; id: number; key: number }
  | { type: 'decode-piece'; id: number; bytes: ArrayBuffer }
  | { type: 'decode-end'; id: number; cut: string | null }
  | { type: 'sort'; id: number; key: number; table: number; column: number; direction: SortDirection }
  | { type: 'search'; id: number; key: number; table: number; text: string }
  /** A table the worker no longer holds (evicted), cloned back to it so sort/search can run there. */
  | { type: 'adopt'; id: number; key: number; table: number; data: ColumnarTable }
  | { type: 'release'; key: number }
  /** Decode a small synthetic response of every type, so the JIT has seen the scanner before real data. */
  | { type: 'warm-up' };

export type WorkerResponse =
  | { type: 'decoded'; id: number; result: DecodeResult; decodeMs: number }
  /** A body still arriving: its tables so far (copies, transferred); the request is still open. */
  | { type: 'decode-progress'; id: number; tables: TableSoFar[] }
  | { type: 'rows'; id: number; rows: Uint32Array }
  /** The worker has no table under that key: adopt it and ask again. */
  | { type: 'missing'; id: number }
  | { type: 'adopted'; id: number }
  | { type: 'failed'; id: number; message: string };
