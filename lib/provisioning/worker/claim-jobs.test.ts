import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { insertUser, makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { accountOf, seedApp, seedGroup, seedPolicy } from "../test-support";
import { claimJobs, LEASE_MS } from "./claim-jobs";
import { runWorker } from "./run-worker";

let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  admin = await makeAdmin("admin");
});
afterAll(() => standIn.close());

async function queuedJob(appId: string, subjectId: string, createdAt = new Date()) {
  return db.provisioningJob.create({ data: { appId, subjectType: "user", subjectId, subjectLabel: subjectId, operation: "update", status: "queued", createdAt } });
}

describe("claimJobs", () => {
  it("claims due jobs with a lease and counts the attempt", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const job = await queuedJob(app.id, "subject-a");
    const before = Date.now();
    const [claimed] = await claimJobs("worker-1", 5, { appIds: [app.id] });
    expect(claimed).toMatchObject({ id: job.id, status: "running", leaseOwner: "worker-1", attempts: 1 });
    const row = await db.provisioningJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(row.leaseUntil?.getTime()).toBeGreaterThanOrEqual(before + LEASE_MS - 1000);
    expect(await claimJobs("worker-2", 5, { appIds: [app.id] })).toEqual([]);
  });

  it("keeps per-user order: a second job of the same user waits while the first runs", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const first = await queuedJob(app.id, "subject-b", new Date(Date.now() - 1000));
    const second = await queuedJob(app.id, "subject-b");
    const other = await queuedJob(app.id, "subject-c");
    const claimed = await claimJobs("worker-1", 5, { appIds: [app.id] });
    expect(claimed.map((j) => j.id).sort()).toEqual([first.id, other.id].sort());
    expect(await claimJobs("worker-2", 5, { appIds: [app.id] })).toEqual([]);
    await db.provisioningJob.update({ where: { id: first.id }, data: { status: "succeeded", leaseOwner: null, leaseUntil: null } });
    expect((await claimJobs("worker-2", 5, { appIds: [app.id] })).map((j) => j.id)).toEqual([second.id]);
  });

  it("reclaims a job whose lease expired (its worker died)", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const job = await queuedJob(app.id, "subject-d");
    await claimJobs("dead-worker", 1, { appIds: [app.id] });
    const later = new Date(Date.now() + LEASE_MS + 1000);
    const [again] = await claimJobs("worker-2", 1, { appIds: [app.id], now: later });
    expect(again).toMatchObject({ id: job.id, leaseOwner: "worker-2", attempts: 2 });
  });

  it("does not claim jobs that are not due yet", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    await db.provisioningJob.create({ data: { appId: app.id, subjectType: "user", subjectId: "s-e", operation: "update", nextAttemptAt: new Date(Date.now() + 60_000) } });
    expect(await claimJobs("worker-1", 5, { appIds: [app.id] })).toEqual([]);
  });
});

describe("runWorker", () => {
  it("refuses to run for a role without provisioning:retry", async () => {
    await expect(runAs(await makeAdmin("auditor"), () => runWorker({ signal: AbortSignal.abort() }))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("is woken by a committed change, not the poll, and gets it to the app at once", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const group = await seedGroup();
    await seedPolicy(app.id, [group.id]);
    const user = await insertUser();
    const controller = new AbortController();
    // A long poll interval proves the wake signal, not polling, started the work.
    const worker = runAs(admin, () => runWorker({ signal: controller.signal, pollMs: 60_000, onError: () => {}, appIds: [app.id] }));
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await runAs(admin, () => addGroupMembers(group.id, [user.id]));
      // How fast is measured by npm run bench; here it only has to arrive without a poll.
      // Both waits end well before the 60 s poll, with room for a busy CI machine.
      await expect.poll(() => standIn.users().some((u) => u.userName === user.userName), { timeout: 20_000, interval: 20 }).toBe(true);
      await expect.poll(async () => (await accountOf(app.id, user.id))?.state, { timeout: 20_000 }).toBe("active");
    } finally {
      controller.abort();
      await worker;
    }
  });
});
