// A token bucket on writes to /Users, as Slack enforces its published SCIM limit (180 writes a minute,
// burst 20): a write arriving with no token left is answered 429 with Retry-After in whole seconds.

/** The limit to enforce. */
export interface StandInRateLimit {
  perMinute: number;
  burst: number;
}

/** Whether a request counts against the limit: POST/PUT/PATCH/DELETE on /Users or /Users/{id}. */
export function isUserWrite(method: string, path: string): boolean {
  return ["POST", "PUT", "PATCH", "DELETE"].includes(method) && /^\/Users(\/|$)/.test(path);
}

/** One bucket, starting full. */
export class WriteBucket {
  #tokens: number;
  #at: number;

  constructor(private readonly limit: StandInRateLimit) {
    this.#tokens = limit.burst;
    this.#at = Date.now();
  }

  /** Takes a token for a write arriving now: null when allowed, else the Retry-After in seconds. */
  take(now = Date.now()): number | null {
    this.#tokens = Math.min(this.limit.burst, this.#tokens + ((now - this.#at) * this.limit.perMinute) / 60_000);
    this.#at = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil(((1 - this.#tokens) * 60) / this.limit.perMinute));
  }
}
