import { type DuckDBResult, type DuckDBTypeId, ResultReturnType } from '@duckdb/node-api';
import { V2Batch, VectorChunk } from './chunk';
import type { KustoType } from './types';

/**
 * DuckDB failed the query after it started streaming. duckdb_fetch_chunk then returns no chunk,
 * exactly as at the end of a complete result; the error is kept on the result for
 * duckdb_result_error, which @duckdb/node-bindings (1.5.x) does not expose. Only
 * duckdb_result_return_type tells them apart (INVALID "on error", per duckdb.h), so the
 * message is not known here.
 */
export class StreamFailed extends Error {
  constructor() {
    super('DuckDB ended the result early: the query failed part way.');
  }
}

/**
 * Keeps one fetchChunk in flight while the server writes the previous rows, and encodes each
 * chunk as it lands. Each fetch is a libuv thread-pool round trip (~70 µs on the 2-core dev
 * machine) whatever the chunk size, and a selective filter streams ~100-row chunks: awaited one
 * by one behind the encoding and the socket writes, those hops added ~350 ms of idle main thread
 * to the 500k-row bench projection. Rows held here are bounded, so a slow reader still holds
 * DuckDB back.
 */
export class ChunkPump {
  private batch = new V2Batch();
  private ended = false;
  private failure: { error: unknown } | null = null;
  private inflight: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private readonly typeIds: (DuckDBTypeId | undefined)[] = [];

  constructor(
    private readonly result: Pick<DuckDBResult, 'fetchChunk' | 'returnType'>,
    private readonly types: readonly KustoType[],
    private readonly maxHeldRows: number,
  ) {
    this.pump();
  }

  get fetching(): boolean {
    return this.inflight !== null;
  }

  private pump(): void {
    if (this.inflight || this.ended || this.failure || this.batch.rowCount >= this.maxHeldRows) return;
    this.inflight = this.result.fetchChunk().then(
      (chunk) => {
        this.inflight = null;
        if (!chunk || chunk.rowCount === 0) {
          if (this.result.returnType === ResultReturnType.INVALID) this.failure = { error: new StreamFailed() };
          else this.ended = true;
        } else {
          const part = new VectorChunk(chunk, this.types, this.typeIds);
          // The next fetch first: DuckDB's thread works while this one is encoded.
          if (this.batch.rowCount + part.rowCount < this.maxHeldRows) this.pump();
          this.batch.add(part);
          this.pump();
        }
        this.notify();
      },
      (error: unknown) => {
        this.inflight = null;
        this.failure = { error };
        this.notify();
      },
    );
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Waits until `minRows` are held (or the stream ended), then takes them all; null at the end. */
  async take(minRows: number): Promise<V2Batch | null> {
    while (!this.ended && !this.failure && this.batch.rowCount < minRows) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    const taken = this.batch;
    // Rows fetched before a failure are still delivered; the failure surfaces on the next take.
    if (taken.rowCount === 0) {
      if (this.failure) throw this.failure.error;
      return null;
    }
    this.batch = new V2Batch(Math.ceil(taken.v2Text().bytes.length * 1.25));
    this.pump();
    return taken;
  }

  /** Waits out the fetch in flight: closing the connection under it is not safe. */
  async settle(): Promise<void> {
    this.ended = true;
    await this.inflight;
  }
}
