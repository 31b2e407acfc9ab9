import { afterEach, describe, expect, it, vi } from 'vitest';
import { whenIdle } from './use-warm-decode-worker';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('whenIdle', () => {
  it('uses requestIdleCallback with a timeout when the browser has it', () => {
    const requestIdleCallback = vi.fn((_cb: IdleRequestCallback, _options?: IdleRequestOptions) => 7);
    const cancelIdleCallback = vi.fn();
    vi.stubGlobal('requestIdleCallback', requestIdleCallback);
    vi.stubGlobal('cancelIdleCallback', cancelIdleCallback);
    const task = vi.fn();
    const cancel = whenIdle(task, 1500);
    expect(requestIdleCallback).toHaveBeenCalledWith(task, { timeout: 1500 });
    cancel();
    expect(cancelIdleCallback).toHaveBeenCalledWith(7);
  });

  it('falls back to a timer without requestIdleCallback, and can be cancelled', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestIdleCallback', undefined);
    const task = vi.fn();
    whenIdle(task);
    vi.runAllTimers();
    expect(task).toHaveBeenCalledTimes(1);
    const other = vi.fn();
    whenIdle(other)();
    vi.runAllTimers();
    expect(other).not.toHaveBeenCalled();
  });
});
