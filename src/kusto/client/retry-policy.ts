/**
 * When the client sends a request again, and after how long. Pure: the client supplies the
 * attempt number and what went wrong; tests drive it without a clock.
 *
 * Retried, with exponential backoff: 429 (honouring `Retry-After`), 5xx, HTTP timeouts (408/504)
 * and network failures before any response — the cases the official SDKs treat as transient
 * (azure-kusto-node `client.ts` retries on 429/5xx/ECONNRESET; Azure guidance for transient
 * faults: https://learn.microsoft.com/azure/architecture/best-practices/retry-service-specific).
 * Never retried: a management command that may have changed data (it may have run before the
 * failure was seen), the user's KQL errors (4xx), a cancelled request, and a response cut part way
 * (the rows may already be on screen; the user's Retry sends it again knowingly).
 */

export interface RetryPolicy {
  /** Sends at most this many times in all (the first try included). */
  maxAttempts: number;
  /** The first wait; each next one doubles, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is shown with it. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 8_000, maxRetryAfterMs: 30_000 };

/** What went wrong with one attempt, as the retry rules see it. */
export type AttemptFailure =
  | { kind: 'status'; status: number; retryAfterMs?: number }
  | { kind: 'network' }
  | { kind: 'cut' }
  | { kind: 'cancelled' };

export interface RetryInput {
  /** 1 for the first try. */
  attempt: number;
  failure: AttemptFailure;
  /** False for a management command that may change data. */
  idempotent: boolean;
  /** ms left before the client's own deadline. */
  remainingMs: number;
  /** 0 ≤ random < 1, for jitter. */
  random: number;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

export function decideRetry(policy: RetryPolicy, input: RetryInput): RetryDecision {
  const { attempt, failure, idempotent, remainingMs, random } = input;
  if (!idempotent || attempt >= policy.maxAttempts) return { retry: false };
  if (failure.kind === 'cancelled' || failure.kind === 'cut') return { retry: false };
  if (failure.kind === 'status' && !isTransientStatus(failure.status)) return { retry: false };
  // Full backoff with up to 25% jitter, so tabs throttled together do not come back together.
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * (1 + 0.25 * random);
  const retryAfter = failure.kind === 'status' ? failure.retryAfterMs : undefined;
  if (retryAfter !== undefined && retryAfter > policy.maxRetryAfterMs) return { retry: false };
  const delayMs = Math.round(Math.max(backoff, retryAfter ?? 0));
  if (delayMs >= remainingMs) return { retry: false };
  return { retry: true, delayMs };
}

/** `Retry-After`: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
