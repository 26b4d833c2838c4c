// The outage test's scenario, shared by the fast variant (npm test, a few seconds of 503s) and the long one
// (npm run test:long, 30 s): a worker process pushes a group of users while every SCIM request answers
// 503, then the app recovers. Everything must converge, with the failures visible as retrying events
// while the outage lasts, no duplicate account, and no quarantine (a short outage is ridden out).
import { setTimeout as sleep } from "node:timers/promises";
import { expect } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { insertUsers } from "@/test/factories";
import type { ScimStandIn } from "@/test/scim-standin";
import { openJobs, startWorkerProcess, stopWorker, unpacedApp, waitUntil } from "./harness";

export type OutageScenario = { users: number; outageMs: number; retryBaseMs: number; retryCapMs: number };

/** Runs the scenario against `standIn` and asserts the outcome; returns counts for the test's log. */
export async function runOutageScenario(standIn: ScimStandIn, admin: Actor, scenario: OutageScenario) {
  const app = await unpacedApp(standIn);
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  const people = await insertUsers(scenario.users);

  standIn.setFault({ type: "serverError", status: 503, count: 1_000_000 });
  const outageStarted = Date.now();
  await runAs(admin, () => addGroupMembers(group.id, people.map((p) => p.id)));
  const worker = startWorkerProcess([app.id], { WORKER_RETRY_BASE_MS: String(scenario.retryBaseMs), WORKER_RETRY_CAP_MS: String(scenario.retryCapMs) });
  try {
    const retrying = () => db.provisioningEvent.count({ where: { appId: app.id, outcome: "retrying", httpStatus: 503 } });
    // The failures are visible while the outage lasts, as retrying (not failed) work.
    await waitUntil("retrying events appear during the outage", async () => (await retrying()) > 0, 60_000, worker);
    // The outage itself is the scenario's clock: the app answers 503 until it has lasted outageMs.
    await sleep(Math.max(0, outageStarted + scenario.outageMs - Date.now()));
    const duringOutage = await retrying();
    expect(await db.provisioningEvent.count({ where: { appId: app.id, outcome: { in: ["failed", "success"] } } })).toBe(0);
    standIn.clearFaults();

    await waitUntil("every job finished after the app recovered", async () => (await openJobs(app.id)) === 0, 240_000, worker);
    await stopWorker(worker);

    expect(await db.provisioningJob.count({ where: { appId: app.id, status: { not: "succeeded" } } })).toBe(0);
    const accounts = standIn.users();
    for (const person of people) {
      const copies = accounts.filter((a) => a.userName === person.userName);
      expect(copies, person.userName).toHaveLength(1);
      expect(copies[0]).toMatchObject({ active: true, externalId: person.id });
    }
    expect(accounts).toHaveLength(people.length);
    // A short outage does not quarantine the app (quarantine.ts: failing for 5 minutes).
    expect((await db.app.findUniqueOrThrow({ where: { id: app.id } })).health).toBe("connected");
    expect(await db.auditLog.count({ where: { targetId: app.id, action: "app.quarantine" } })).toBe(0);
    return { retryingEvents: duringOutage };
  } finally {
    await stopWorker(worker);
  }
}
