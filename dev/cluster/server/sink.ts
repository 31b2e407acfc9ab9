import type { ServerResponse } from 'node:http';

export class ClientGone extends Error {
  constructor() {
    super('client disconnected');
    this.name = 'ClientGone';
  }
}

export interface SinkFaults {
  /** Destroy the socket after this many writes (test switch `cut`). */
  cutAfterWrites?: number;
  /** Write this broken text after the first write (test switch `malformed`). */
  malformedText?: string;
  /** Wait this long after each write (test switch `pace`). */
  paceMs?: number;
}

/**
 * Streams one response: headers are committed (200) only with the first write, so failures found
 * before any byte can still become a proper status + OneAPI body. Honours backpressure: a write
 * that fills the socket buffer waits for `drain`, so a slow reader slows the engine instead of
 * growing memory.
 */
export class ResponseSink {
  private writes = 0;

  constructor(
    private readonly res: ServerResponse,
    private readonly faults: SinkFaults = {},
  ) {}

  get started(): boolean {
    return this.res.headersSent;
  }

  get gone(): boolean {
    return this.res.destroyed || this.res.writableEnded;
  }

  /** Writes the parts as one piece: corked, so a fragment's head, rows and tail leave in one TLS write. */
  async write(...parts: (string | Uint8Array)[]): Promise<void> {
    if (this.gone) throw new ClientGone();
    if (!this.res.headersSent) {
      this.res.statusCode = 200;
      this.res.setHeader('Content-Type', 'application/json; charset=utf-8');
    }
    let ok = true;
    if (parts.length === 1) ok = this.res.write(parts[0] ?? '');
    else {
      this.res.cork();
      for (const part of parts) if (part.length > 0) ok = this.res.write(part) && ok;
      this.res.uncork();
    }
    this.writes++;
    if (this.writes === 1 && this.faults.malformedText !== undefined) this.res.write(this.faults.malformedText);
    if (this.faults.cutAfterWrites !== undefined && this.writes >= this.faults.cutAfterWrites) {
      // Flush what was written, then drop the TCP connection without a terminating chunk.
      await new Promise<void>((resolve) => this.res.write('', () => resolve()));
      this.res.socket?.destroy();
      this.res.destroy();
      throw new ClientGone();
    }
    if (!ok) {
      // Both listeners go once either fires: a 'close' listener per drain wait piled up on long responses.
      await new Promise<void>((resolve) => {
        const done = () => {
          this.res.off('drain', done);
          this.res.off('close', done);
          resolve();
        };
        this.res.on('drain', done);
        this.res.on('close', done);
      });
      if (this.res.destroyed) throw new ClientGone();
    }
    if (this.faults.paceMs) await new Promise((resolve) => setTimeout(resolve, this.faults.paceMs));
  }

  end(): void {
    if (!this.gone) this.res.end();
  }
}
