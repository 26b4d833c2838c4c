import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz";
import { makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { runOutageScenario } from "@/test/worker/outage-scenario";

// npm test (both lanes): 200 users, 6 s of 503s. npm run test:long (TEST_LONG=1): the 30 s outage,
// 1,000 users, retry back-off capped at 5 s.
const long = Boolean(process.env.TEST_LONG);
const plan = long ? { users: 1_000, outageMs: 30_000, retryBaseMs: 500, retryCapMs: 5_000 } : { users: 200, outageMs: 6_000, retryBaseMs: 200, retryCapMs: 2_000 };
let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn({ latencyMs: 2 });
  admin = await makeAdmin("admin");
});
afterAll(() => standIn.close());

describe(`outage: the app answers 503 for ${plan.outageMs / 1000} s, then recovers`, () => {
  it("retries visibly meanwhile, then converges without duplicates and without quarantine", { timeout: long ? 600_000 : 360_000 }, async () => {
    const result = await runOutageScenario(standIn, admin, plan);
    expect(result.retryingEvents).toBeGreaterThan(0);
  });
});
