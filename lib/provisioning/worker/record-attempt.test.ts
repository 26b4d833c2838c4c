import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { insertUser } from "@/test/factories";
import { loadScopedApps } from "../desired-state";
import { accountOf, seedApp } from "../test-support";
import type { ClaimedJob } from "./claim-jobs";
import { recordAttempts, type AttemptRecord } from "./record-attempt";

const BASE = { baseUrl: "http://127.0.0.1:9/scim/v2", token: "t0ken-not-used" };

/** A claimed create job of `userId` in `appId`, running under `owner`'s lease. */
async function runningJob(appId: string, userId: string, owner: string): Promise<ClaimedJob> {
  const job = await db.provisioningJob.create({
    data: { appId, subjectType: "user", subjectId: userId, subjectLabel: userId, operation: "create", status: "running", attempts: 1, leaseOwner: owner, leaseUntil: new Date(Date.now() + 60_000) },
  });
  return { ...job, leaseOwner: owner };
}

/** A successful create of the user in the app, planned when the user had no account there. */
async function created(appId: string, user: { id: string; userName: string; email: string }, remoteId: string): Promise<AttemptRecord> {
  const [app] = await loadScopedApps(db, [appId]);
  const consoleUser = { id: user.id, userName: user.userName, email: user.email, active: true };
  const resource = { schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName: user.userName, active: true };
  return {
    job: await runningJob(appId, user.id, "worker-r"),
    appRow: app.row,
    entry: { app, userId: user.id, userName: user.userName, inScope: true, user: consoleUser, account: null, resource, desiredHash: "h" },
    started: Date.now(),
    status: "succeeded",
    outcome: "success",
    action: "create",
    message: `Created the account for ${user.userName}.`,
    state: "active",
    remoteId,
    pushed: resource,
  };
}

describe("recordAttempts", () => {
  it("records new links, finished jobs and events of several apps in one go, the same user in each", async () => {
    const [a, b] = [await seedApp(BASE), await seedApp(BASE)];
    const user = await insertUser();
    const other = await insertUser();
    const records = [await created(a.id, user, "ra-1"), await created(b.id, user, "rb-1"), await created(a.id, other, "ra-2")];
    const results = await recordAttempts(records);
    expect(results.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(await accountOf(a.id, user.id)).toMatchObject({ state: "active", remoteId: "ra-1", lastError: null });
    expect(await accountOf(b.id, user.id)).toMatchObject({ state: "active", remoteId: "rb-1" });
    expect(await accountOf(a.id, other.id)).toMatchObject({ state: "active", remoteId: "ra-2" });
    const jobs = await db.provisioningJob.findMany({ where: { id: { in: records.map((r) => r.job.id) } } });
    expect(jobs.map((j) => [j.status, j.leaseOwner, j.leaseUntil])).toEqual(jobs.map(() => ["succeeded", null, null]));
    const events = await db.provisioningEvent.findMany({ where: { jobId: { in: records.map((r) => r.job.id) } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.appId, e.userId, e.action, e.outcome])).toEqual([
      [a.id, user.id, "create", "success"],
      [b.id, user.id, "create", "success"],
      [a.id, other.id, "create", "success"],
    ]);
  });

  it("updates a link written meanwhile instead of failing or duplicating it, next to the user's new link elsewhere", async () => {
    const [app, elsewhere] = [await seedApp(BASE), await seedApp(BASE)];
    const user = await insertUser();
    const records = [await created(app.id, user, "remote-new"), await created(elsewhere.id, user, "remote-elsewhere")];
    // Another path linked the user after this attempt's desired state was read.
    await db.appAccount.create({ data: { appId: app.id, userId: user.id, state: "failed", lastError: "earlier failure" } });
    await recordAttempts(records);
    expect(await db.appAccount.count({ where: { appId: app.id, userId: user.id } })).toBe(1);
    expect(await accountOf(app.id, user.id)).toMatchObject({ state: "active", remoteId: "remote-new", lastError: null });
    expect(await accountOf(elsewhere.id, user.id)).toMatchObject({ state: "active", remoteId: "remote-elsewhere" });
  });

  it("leaves a job whose lease another worker took alone", async () => {
    const app = await seedApp(BASE);
    const user = await insertUser();
    const record = await created(app.id, user, "remote-x");
    await db.provisioningJob.update({ where: { id: record.job.id }, data: { leaseOwner: "worker-other" } });
    await recordAttempts([record]);
    expect(await db.provisioningJob.findUniqueOrThrow({ where: { id: record.job.id } })).toMatchObject({ status: "running", leaseOwner: "worker-other" });
  });
});
