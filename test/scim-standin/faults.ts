// Injected failures. Each fault answers the next `count` matching requests (after the token check), then
// expires, so a test can say "the next two calls fail with 503" and then watch the retry succeed.

/** Which requests a fault applies to; the path is relative to the SCIM base, e.g. "/Users". */
export interface FaultMatch {
  method?: string;
  path?: string | RegExp;
}

/** A failure to inject. */
export type ScimFault = (
  | { type: "serverError"; status?: 500 | 502 | 503 | 504; retryAfter?: number | string }
  /** Never answers, until the client gives up (or the stand-in closes). */
  | { type: "timeout" }
  /** 429 with Retry-After: delay seconds, or an HTTP date string. */
  | { type: "rateLimit"; retryAfter: number | string }
  /** 409 uniqueness on POST /Users and POST /Groups, whatever the body. */
  | { type: "conflictOnCreate" }
  | { type: "notFound" }
  /** 403: the token may not do this (Slack's `permission_denied`, e.g. on its primary owner). */
  | { type: "forbidden" }
) & { count?: number; match?: FaultMatch };

interface ActiveFault {
  fault: ScimFault;
  remaining: number;
}

/** Holds the active faults and hands out the one that applies to a request. */
export class FaultQueue {
  #faults: ActiveFault[] = [];

  /** Adds a fault (default count 1). */
  add(fault: ScimFault): void {
    this.#faults.push({ fault, remaining: fault.count ?? 1 });
  }

  /** Drops every fault. */
  clear(): void {
    this.#faults = [];
  }

  /** The first fault matching this request, used up by one. */
  take(method: string, path: string): ScimFault | undefined {
    const active = this.#faults.find((f) => f.remaining > 0 && applies(f.fault, method, path));
    if (!active) return undefined;
    active.remaining -= 1;
    this.#faults = this.#faults.filter((f) => f.remaining > 0);
    return active.fault;
  }
}

function applies(fault: ScimFault, method: string, path: string): boolean {
  if (fault.type === "conflictOnCreate" && !(method === "POST" && /^\/(Users|Groups)$/.test(path))) return false;
  const match = fault.match;
  if (!match) return true;
  if (match.method && match.method.toUpperCase() !== method) return false;
  if (match.path instanceof RegExp) return match.path.test(path);
  return match.path === undefined || match.path === path;
}
