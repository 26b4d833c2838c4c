import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz";
import { dbProvider } from "@/lib/db";
import { makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { runMultiWorkerScenario } from "@/test/worker/multi-worker-scenario";

// Several worker processes claim side by side only on PostgreSQL (FOR UPDATE SKIP LOCKED); SQLite
// serialises writers and runs one worker, so this test runs in the PostgreSQL lane only. npm test: 300
// users; npm run test:long (TEST_LONG=1): 1,000 users with a longer stream of edits.
const long = Boolean(process.env.TEST_LONG);
const plan = long
  ? { workers: 4, users: 1_000, editRounds: 12, editsPerRound: 30, requestsBetweenRounds: 150 }
  : { workers: 4, users: 300, editRounds: 6, editsPerRound: 20, requestsBetweenRounds: 60 };
const postgres = dbProvider === "postgresql";
let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  if (!postgres) return;
  standIn = await startScimStandIn({ latencyMs: 2 });
  admin = await makeAdmin("admin");
});
afterAll(() => standIn?.close());

describe("four worker processes on PostgreSQL", () => {
  it.skipIf(!postgres)(
    "execute no operation twice and keep each user's order (PostgreSQL lane only: skipped on SQLite)",
    { timeout: long ? 1_200_000 : 600_000 },
    async () => {
      const result = await runMultiWorkerScenario(standIn, admin, plan);
      expect(result.edited).toBeGreaterThan(0);
    },
  );
});
