import { useEffect } from 'react';
import { startDecodeWorker } from '../../../workers/decode-client';

/** Longest wait for an idle moment: a busy page still gets its worker before the first run is likely. */
const IDLE_TIMEOUT_MS = 2_000;

/**
 * Runs `task` when the main thread is idle. Safari has no requestIdleCallback; a timer stands in.
 * Returns a cancel function.
 */
export function whenIdle(task: () => void, timeoutMs = IDLE_TIMEOUT_MS): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(task, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(task, Math.min(timeoutMs, 200));
  return () => window.clearTimeout(handle);
}

/**
 * Starts the decode worker (and its warm-up decode) once the signed-in screen has settled, so the
 * first query does not also pay for loading the worker's module.
 */
export function useWarmDecodeWorker(): void {
  useEffect(() => whenIdle(startDecodeWorker), []);
}
