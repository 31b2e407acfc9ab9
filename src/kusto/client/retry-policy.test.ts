import { describe, expect, it } from 'vitest';
import { decideRetry, DEFAULT_RETRY_POLICY as policy, parseRetryAfterMs, type RetryInput } from './retry-policy';

const input = (overrides: Partial<RetryInput>): RetryInput => ({ attempt: 1, failure: { kind: 'network' }, idempotent: true, remainingMs: 60_000, random: 0, ...overrides });

describe('decideRetry', () => {
  it('backs off exponentially, with at most 25% jitter, up to the cap', () => {
    expect(decideRetry(policy, input({ attempt: 1 }))).toEqual({ retry: true, delayMs: 500 });
    expect(decideRetry(policy, input({ attempt: 2 }))).toEqual({ retry: true, delayMs: 1000 });
    expect(decideRetry(policy, input({ attempt: 2, random: 0.999 }))).toEqual({ retry: true, delayMs: 1250 });
    expect(decideRetry({ ...policy, maxAttempts: 10 }, input({ attempt: 9 }))).toEqual({ retry: true, delayMs: 8000 });
  });

  it('stops at maxAttempts', () => {
    expect(decideRetry(policy, input({ attempt: 3 }))).toEqual({ retry: false });
  });

  it('waits for Retry-After when it is longer than the backoff, and not at all past its bound', () => {
    expect(decideRetry(policy, input({ failure: { kind: 'status', status: 429, retryAfterMs: 4000 } }))).toEqual({ retry: true, delayMs: 4000 });
    expect(decideRetry(policy, input({ failure: { kind: 'status', status: 429, retryAfterMs: 0 } }))).toEqual({ retry: true, delayMs: 500 });
    expect(decideRetry(policy, input({ failure: { kind: 'status', status: 429, retryAfterMs: 31_000 } }))).toEqual({ retry: false });
  });

  it('retries 408, 429 and 5xx; not other statuses', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(decideRetry(policy, input({ failure: { kind: 'status', status } })).retry).toBe(true);
    for (const status of [400, 403, 404, 413]) expect(decideRetry(policy, input({ failure: { kind: 'status', status } })).retry).toBe(false);
  });

  it('never retries what may have changed data, a cancellation, or a cut answer', () => {
    expect(decideRetry(policy, input({ idempotent: false })).retry).toBe(false);
    expect(decideRetry(policy, input({ failure: { kind: 'cancelled' } })).retry).toBe(false);
    expect(decideRetry(policy, input({ failure: { kind: 'cut' } })).retry).toBe(false);
  });

  it('does not start a wait that ends past the deadline', () => {
    expect(decideRetry(policy, input({ remainingMs: 400 })).retry).toBe(false);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('7', 0)).toBe(7000);
    expect(parseRetryAfterMs('Wed, 21 Oct 2015 07:28:10 GMT', Date.UTC(2015, 9, 21, 7, 28, 0))).toBe(10_000);
    expect(parseRetryAfterMs(null, 0)).toBeUndefined();
    expect(parseRetryAfterMs('soon', 0)).toBeUndefined();
  });
});
