import "server-only";
import { pauseApp, pausedUntil, retryAfterMs } from "./pause";

/** The longest a request waits in process for a pause to end; longer pauses reschedule the job instead. */
export const MAX_IN_PROCESS_WAIT_MS = 5_000;

/** What a 429 without Retry-After pauses the app for. */
export const DEFAULT_RATE_LIMIT_PAUSE_MS = 2_000;

/** The detail of the console's own 429 while an app is paused: nothing reached the app. */
export const NOT_SENT_DETAIL = "The app asked the console to wait (Retry-After); no request was sent.";

/** The Retry-After of a pause that outlasts MAX_IN_PROCESS_WAIT_MS: the job waits for it in the queue. */
function pausedResponse(remainingMs: number): Response {
  const seconds = Math.max(1, Math.ceil(remainingMs / 1000));
  const body = JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "429", detail: NOT_SENT_DETAIL });
  return new Response(body, { status: 429, headers: { "Retry-After": String(seconds), "Content-Type": "application/scim+json" } });
}

/**
 * Wraps fetch for one app: no request leaves while the app is paused by a Retry-After (a short pause is
 * waited out, a long one answers 429 locally so the job is rescheduled), and every reply with a
 * Retry-After (429, or 503) pauses the whole app, not just the job that got it.
 */
export function pacedFetch(appId: string, base: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  return async (input, init) => {
    for (;;) {
      const until = pausedUntil(appId);
      if (until === 0) break;
      const remaining = until - Date.now();
      if (remaining > MAX_IN_PROCESS_WAIT_MS) return pausedResponse(remaining);
      await new Promise((resolve) => setTimeout(resolve, remaining));
    }
    const response = await base(input, init);
    if (response.status === 429 || response.status === 503) {
      const ms = retryAfterMs(response.headers.get("retry-after")) ?? (response.status === 429 ? DEFAULT_RATE_LIMIT_PAUSE_MS : null);
      // The in-process pause is set before the database write, so it holds even if that write fails.
      if (ms !== null && ms > 0) await pauseApp(appId, new Date(Date.now() + ms)).catch(() => undefined);
    }
    return response;
  };
}
