// Rate limits: an app enforcing Slack's published limit on writes to /Users (180 a minute, burst 20),
// scaled up 10x for speed. The console must send no more than the configured rate and honour every
// Retry-After: no request to the app while it asked to wait.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { insertUser, makeAdmin } from "@/test/factories";
import { startScimStandIn, type RecordedRequest, type ScimStandIn } from "@/test/scim-standin";
import { isUserWrite } from "@/test/scim-standin/rate-limit";
import { retryAfterMs } from "../pacing/pause";
import { NO_WAIT, seedApp, seedGroup, seedPolicy } from "../test-support";
import { startWorker } from "./start-worker";

const LIMIT = { perMinute: 1_800, burst: 200 };
const USERS = 250;
const LATENCY_MS = 5;
/** The write after which the app asks for a pause of its own (past the first burst). */
const FAULT_AT = 200;
/** Retry-After the injected 429 asks for, in seconds. */
const RETRY_AFTER_S = 2;
/** The pause is set a few microtasks after the answer is seen; requests started in that instant are not the worker's choice. */
const SAME_INSTANT_MS = 50;

let standIn: ScimStandIn;
let admin: Actor;
const arrivals: RecordedRequest[] = [];
/** Seen from the worker's side (its fetch, behind the pacing gate): when each request left, when each 429 came back. */
const sentAt: number[] = [];
const answered429: { at: number; retryAfterMs: number }[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  sentAt.push(Date.now());
  const response = await fetch(input, init);
  if (response.status === 429) answered429.push({ at: Date.now(), retryAfterMs: retryAfterMs(response.headers.get("retry-after")) ?? 0 });
  return response;
};

beforeAll(async () => {
  let writes = 0;
  standIn = await startScimStandIn({
    rateLimit: LIMIT,
    latencyMs: LATENCY_MS,
    onRequest: (request) => {
      arrivals.push(request);
      // Once the first burst is through, the app also asks for a pause of its own (as Slack does when
      // another integration used the shared budget), so every run sees at least one long Retry-After.
      if (isUserWrite(request.method, request.path) && ++writes === FAULT_AT) {
        standIn.setFault({ type: "rateLimit", retryAfter: RETRY_AFTER_S, match: { method: "POST", path: "/Users" } });
      }
    },
  });
  admin = await makeAdmin("admin");
});
afterAll(() => standIn.close());

describe("pacing against an app that enforces 1,800 writes a minute, burst 200", () => {
  it("sends no more than the configured rate, honours every Retry-After, and still provisions everyone once", { timeout: 200_000 }, async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, patch: true });
    await db.app.update({ where: { id: app.id }, data: { rateLimitPerMinute: LIMIT.perMinute, rateLimitBurst: LIMIT.burst, maxConcurrency: 16 } });
    const group = await seedGroup();
    await seedPolicy(app.id, [group.id]);
    const users: { id: string }[] = [];
    for (let i = 0; i < USERS; i++) users.push(await insertUser());

    const controller = new AbortController();
    const worker = startWorker({ signal: controller.signal, appIds: [app.id], concurrency: 32, retry: NO_WAIT, pollMs: 200, fetch: recordingFetch });
    try {
      await runAs(admin, () => addGroupMembers(group.id, users.map((u) => u.id)));
      await expect
        .poll(() => db.appAccount.count({ where: { appId: app.id, state: "active" } }), { timeout: 150_000, interval: 250 })
        .toBe(USERS);
    } finally {
      controller.abort();
      await worker;
    }

    // Everyone exactly once.
    const names = standIn.users().map((u) => u.userName);
    expect(new Set(names).size).toBe(USERS);
    expect(names).toHaveLength(USERS);

    // No window of writes holds more than the bucket allows: burst + rate x window length.
    const writes = arrivals.filter((r) => isUserWrite(r.method, r.path)).map((r) => r.at);
    expect(writes.length).toBeGreaterThanOrEqual(USERS);
    let worst = -Infinity;
    for (let i = 0; i < writes.length; i++) {
      for (let j = i; j < writes.length; j++) {
        const allowed = LIMIT.burst + ((writes[j] - writes[i]) * LIMIT.perMinute) / 60_000;
        worst = Math.max(worst, j - i + 1 - allowed);
      }
    }
    expect(worst).toBeLessThanOrEqual(1); // one write of slack for millisecond rounding of arrival times

    // Every Retry-After: once the worker has the answer, it sends nothing to the app until the pause ends.
    expect(answered429.length).toBeGreaterThanOrEqual(1);
    expect(answered429.some((a) => a.retryAfterMs === RETRY_AFTER_S * 1000)).toBe(true);
    for (const pause of answered429) {
      const inside = sentAt.filter((at) => at > pause.at + SAME_INSTANT_MS && at < pause.at + pause.retryAfterMs);
      expect(inside.map((at) => `request sent ${at - pause.at} ms after a 429 asking for ${pause.retryAfterMs} ms`)).toEqual([]);
    }
  });
});
