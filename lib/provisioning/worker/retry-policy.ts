// How failed attempts are retried: exponential backoff with full jitter (AWS's recommendation, which
// spreads retries of many jobs over time), capped, honouring the app's Retry-After when it asks for longer.

/** Retry settings; tests inject small delays so they do not wait. */
export type RetryPolicy = {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
  /** A number in [0, 1); Math.random by default. */
  random: () => number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 2_000, capMs: 5 * 60_000, maxAttempts: 8, random: Math.random };

/** The wait before the next attempt after `attempt` (1-based) failed: full jitter, at least Retry-After. */
export function retryDelayMs(attempt: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.floor(policy.random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}
