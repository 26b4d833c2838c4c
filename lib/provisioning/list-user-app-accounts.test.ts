import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { asRole, insertUser, makeAdmin, unique } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { listUserAppAccounts } from "./list-user-app-accounts";
import { provisionNow } from "./provision-now";
import { NO_WAIT, jobsOf, seedApp, seedGroup, seedPolicy } from "./test-support";
import { retryJob } from "./worker/retry-job";
import { drainJobs } from "./worker/run-worker";

let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  admin = await makeAdmin("admin");
});
afterAll(() => standIn.close());

const newApp = () => seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });

/** A failed create job and the failed account link it left, written directly. */
async function seedFailure(appId: string, userId: string, userName: string) {
  await db.appAccount.create({ data: { appId, userId, state: "failed", lastError: "The app refused the user: userName is taken." } });
  return db.provisioningJob.create({
    data: { appId, subjectType: "user", subjectId: userId, subjectLabel: userName, operation: "create", status: "failed", attempts: 3, lastError: "The app refused the user: userName is taken." },
  });
}

describe("listing a user's app accounts", () => {
  it("shows nothing for a user with no groups granted and no accounts", async () => {
    const user = await insertUser();
    await newApp();
    await seedGroup([user.id]); // a group no policy grants
    expect(await asRole("auditor", () => listUserAppAccounts(user.id))).toEqual([]);
  });

  it("lists apps in scope through an enabled policy and apps holding an account, by app name", async () => {
    const user = await insertUser();
    const [granted, former, ungranted] = [await newApp(), await newApp(), await newApp()];
    const group = await seedGroup([user.id]);
    const policy = await seedPolicy(granted.id, [group.id]);
    await seedPolicy(ungranted.id, [group.id], false);
    await db.appAccount.create({ data: { appId: former.id, userId: user.id, state: "deactivated", remoteId: "remote-1", lastSyncAt: new Date("2026-01-02T03:04:05Z") } });

    const items = await asRole("auditor", () => listUserAppAccounts(user.id));
    expect(items.map((i) => i.appId)).toEqual([granted, former].sort((a, b) => a.name.localeCompare(b.name)).map((a) => a.id));
    expect(items.find((i) => i.appId === granted.id)).toEqual({
      appId: granted.id,
      appName: granted.name,
      inScope: true,
      grantedBy: [{ policyId: policy.id, policyName: policy.name }],
      account: null,
      latestJob: null,
    });
    expect(items.find((i) => i.appId === former.id)).toMatchObject({
      inScope: false,
      grantedBy: [],
      account: { state: "deactivated", remoteId: "remote-1", lastSyncAt: "2026-01-02T03:04:05.000Z", lastError: null },
    });
  });

  it("marks a deactivated user's granted app as out of scope", async () => {
    const user = await insertUser({ active: false });
    const app = await newApp();
    await seedPolicy(app.id, [(await seedGroup([user.id])).id]);
    const [item] = await runAs(admin, () => listUserAppAccounts(user.id));
    expect(item).toMatchObject({ appId: app.id, inScope: false });
  });

  it("shows the latest job with its status, attempts and error", async () => {
    const user = await insertUser();
    const app = await newApp();
    await db.provisioningJob.create({ data: { appId: app.id, subjectType: "user", subjectId: user.id, operation: "create", status: "succeeded", attempts: 1, createdAt: new Date(Date.now() - 60_000) } });
    const failed = await seedFailure(app.id, user.id, user.userName);
    const [item] = await runAs(admin, () => listUserAppAccounts(user.id));
    expect(item.account).toMatchObject({ state: "failed", lastError: "The app refused the user: userName is taken." });
    expect(item.latestJob).toMatchObject({ id: failed.id, operation: "create", status: "failed", attempts: 3, lastError: "The app refused the user: userName is taken." });
  });

  it("refuses an unknown user", async () => {
    await expect(runAs(admin, () => listUserAppAccounts(unique("missing")))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("provision now and retry from the user's page", () => {
  it("admin's provision now creates the account, and the listing shows it active with its remote id", async () => {
    const user = await insertUser();
    const app = await newApp();
    await seedPolicy(app.id, [(await seedGroup([user.id])).id]);
    expect(await runAs(admin, () => provisionNow(user.id, app.id))).toEqual({ queued: 1 });
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const [item] = await runAs(admin, () => listUserAppAccounts(user.id));
    const remote = standIn.users().find((u) => u.userName === user.userName);
    expect(remote).toBeDefined();
    expect(item.account).toMatchObject({ state: "active", remoteId: remote?.id, lastError: null });
    expect(item.account?.lastSyncAt).not.toBeNull();
    expect(item.latestJob).toMatchObject({ operation: "create", status: "succeeded" });
  });

  it("admin's retry queues a failed job again and the listing shows it queued", async () => {
    const user = await insertUser();
    const app = await newApp();
    const failed = await seedFailure(app.id, user.id, user.userName);
    await runAs(admin, () => retryJob(failed.id));
    const [item] = await runAs(admin, () => listUserAppAccounts(user.id));
    expect(item.latestJob).toMatchObject({ id: failed.id, status: "queued", attempts: 0, lastError: null });
  });

  it.each(["auditor", "approver"] as const)("%s cannot provision now, and nothing is queued", async (role) => {
    const user = await insertUser();
    const app = await newApp();
    await seedPolicy(app.id, [(await seedGroup([user.id])).id]);
    await expect(asRole(role, () => provisionNow(user.id, app.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await jobsOf(app.id)).toEqual([]);
  });

  it.each(["auditor", "approver"] as const)("%s cannot retry a failed job, and it stays failed", async (role) => {
    const user = await insertUser();
    const app = await newApp();
    const failed = await seedFailure(app.id, user.id, user.userName);
    await expect(asRole(role, () => retryJob(failed.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.provisioningJob.findUnique({ where: { id: failed.id } })).toMatchObject({ status: "failed", attempts: 3 });
  });
});
