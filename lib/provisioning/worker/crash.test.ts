import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz";
import { makeAdmin } from "@/test/factories";
import { startScimStandIn } from "@/test/scim-standin";
import { runCrashScenario } from "@/test/worker/crash-scenario";

// npm test (both lanes): 1,000 users, the worker process SIGKILLed at three points. npm run test:long
// (TEST_LONG=1): the 2,000-user push killed at eight points, from the very first requests (a worker
// dying as it starts) to the end of the push, with edits and removals after each kill.
const long = Boolean(process.env.TEST_LONG);
const plan = long
  ? { users: 2_000, killAfter: [1, 7, 60, 250, 500, 800, 1_200, 1_600], editsPerRound: 25, removalsPerRound: 10 }
  : { users: 1_000, killAfter: [100, 500, 900], editsPerRound: 20, removalsPerRound: 10 };
let admin: Actor;

beforeAll(async () => {
  admin = await makeAdmin("admin");
});

describe(`crash: worker process SIGKILLed at ${plan.killAfter.length} points during a ${plan.users.toLocaleString("en")}-user push`, () => {
  it("ends with exactly the desired state in the app: no duplicate, no lost change", { timeout: long ? 1_800_000 : 900_000 }, async () => {
    // A stand-in of its own per attempt: a retry under CI must not see the first attempt's accounts.
    const standIn = await startScimStandIn({ latencyMs: 2 });
    try {
      const result = await runCrashScenario(standIn, admin, plan);
      expect(result.kills).toBe(plan.killAfter.length);
    } finally {
      await standIn.close();
    }
  });
});
