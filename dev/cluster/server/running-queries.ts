import type { Caller } from './auth';

export interface RunningQuery {
  clientRequestId: string;
  activityId: string;
  database: string;
  text: string;
  caller: Caller;
  application: string | undefined;
  startedOn: Date;
  controller: AbortController;
  /** Why it was stopped, once it was. */
  stopReason: 'cancelled' | 'timeout' | 'disconnected' | null;
}

/** Running queries: the concurrency bound, `.show queries` and `.cancel query`. */
export class RunningQueries {
  private readonly running = new Set<RunningQuery>();

  constructor(private readonly maxConcurrent: number) {}

  get size(): number {
    return this.running.size;
  }

  /** Registers a query, or returns null when the concurrency bound is reached. */
  tryStart(query: Omit<RunningQuery, 'controller' | 'stopReason' | 'startedOn'>): RunningQuery | null {
    if (this.running.size >= this.maxConcurrent) return null;
    const entry: RunningQuery = { ...query, startedOn: new Date(), controller: new AbortController(), stopReason: null };
    this.running.add(entry);
    return entry;
  }

  finish(entry: RunningQuery): void {
    this.running.delete(entry);
  }

  ofCaller(callerId: string): RunningQuery[] {
    return [...this.running].filter((q) => q.caller.id === callerId);
  }

  byClientRequestId(id: string): RunningQuery[] {
    return [...this.running].filter((q) => q.clientRequestId === id);
  }

  stop(entry: RunningQuery, reason: NonNullable<RunningQuery['stopReason']>): void {
    if (entry.stopReason) return;
    entry.stopReason = reason;
    entry.controller.abort(new Error(reason));
  }

  stopAll(): void {
    for (const q of this.running) this.stop(q, 'disconnected');
  }
}
