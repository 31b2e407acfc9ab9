/**
 * Runs the decoders in a Node worker thread (decode-probe.thread.ts) with a deadline per body, so a
 * property test can tell "never hangs" from "slow": an input that takes longer than the deadline
 * is reported as `hung` and the thread is replaced.
 */

import { Worker } from 'node:worker_threads';

export type DecodeFormat = 'v1' | 'v2';

export interface DecodeProbeRequest {
  format: DecodeFormat;
  bytes: Uint8Array;
}

export type DecodeProbeOutcome =
  | { outcome: 'tables'; primaryRowCounts: number[]; primaryColumnTypes: string[][]; partial?: string }
  | { outcome: 'error'; kind: string; message: string }
  /** The decoder answered with something the app could not use: a failure. */
  | { outcome: 'unusable-table' | 'unusable-error'; message: string }
  /** The decoder threw instead of answering with an error value: a failure (the worker would post 'failed'). */
  | { outcome: 'threw'; message: string }
  | { outcome: 'hung'; message: string };

function startThread(): Worker {
  // Vitest transforms TypeScript for its own workers only: a worker thread registers tsx first.
  const entry = new URL('./decode-probe.thread.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
}

/** A started thread and the moment it has loaded the decoders (its first message), so loading is not timed. */
function startReadyThread(): { thread: Worker; ready: Promise<void> } {
  const thread = startThread();
  const ready = new Promise<void>((resolve, reject) => {
    thread.once('message', () => resolve());
    thread.once('error', reject);
  });
  return { thread, ready };
}

export class DecodeProbe {
  private current = startReadyThread();

  constructor(private readonly deadlineMs: number) {}

  /** The previous body's decode: one body at a time, so a hung body's deadline never runs into the next one's. */
  private previous: Promise<unknown> = Promise.resolve();

  decode(format: DecodeFormat, bytes: Uint8Array): Promise<DecodeProbeOutcome> {
    const next = this.previous.then(() => this.decodeNow(format, bytes), () => this.decodeNow(format, bytes));
    this.previous = next;
    return next;
  }

  private async decodeNow(format: DecodeFormat, bytes: Uint8Array): Promise<DecodeProbeOutcome> {
    await this.current.ready;
    const { thread } = this.current;
    thread.removeAllListeners('error');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        thread.removeAllListeners('message');
        thread.removeAllListeners('error');
        void thread.terminate();
        this.current = startReadyThread();
        resolve({ outcome: 'hung', message: `no answer within ${this.deadlineMs} ms` });
      }, this.deadlineMs);
      thread.once('message', (outcome: DecodeProbeOutcome) => {
        clearTimeout(timer);
        thread.removeAllListeners('error');
        resolve(outcome);
      });
      thread.once('error', (e) => {
        clearTimeout(timer);
        thread.removeAllListeners('message');
        reject(e);
      });
      thread.postMessage({ format, bytes } satisfies DecodeProbeRequest);
    });
  }

  stop(): Promise<number> {
    return this.current.thread.terminate();
  }
}
