import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { deleteGroup } from "@/lib/groups/delete-group";
import { insertUser, makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { enqueueForApp, enqueueForGroupMembers, enqueueForUsers } from "./enqueue";
import { previewImpact } from "./preview-impact";
import { NO_WAIT, accountOf, jobsOf, seedApp, seedGroup, seedPolicy } from "./test-support";
import type { ImpactSummary } from "./types";
import { drainJobs } from "./worker/run-worker";

let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  admin = await makeAdmin("admin");
});
afterAll(() => standIn.close());

const countsOf = (summaries: ImpactSummary[], appId: string) => summaries.find((s) => s.appId === appId)?.counts;
const operationsOf = async (appId: string) => (await jobsOf(appId)).filter((j) => j.status === "queued").map((j) => j.operation).sort();

describe("the outbox", () => {
  it("queues nothing for users outside every app's scope", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const user = await insertUser();
    await db.$transaction((tx) => enqueueForUsers(tx, [user.id], "someone@example.test"));
    expect(await jobsOf(app.id)).toEqual([]);
  });

  it("ignores disabled policies and inactive users", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const active = await insertUser();
    const inactive = await insertUser({ active: false });
    const enabledGroup = await seedGroup([inactive.id]);
    const disabledGroup = await seedGroup([active.id]);
    await seedPolicy(app.id, [enabledGroup.id]);
    await seedPolicy(app.id, [disabledGroup.id], false);
    await db.$transaction((tx) => enqueueForApp(tx, app.id, "someone@example.test"));
    expect(await jobsOf(app.id)).toEqual([]);
  });

  it("coalesces a second change of the same user and app into the queued job", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const user = await insertUser();
    const group = await seedGroup([user.id]);
    await seedPolicy(app.id, [group.id]);
    await db.$transaction((tx) => enqueueForUsers(tx, [user.id], "first@example.test"));
    await db.$transaction((tx) => enqueueForGroupMembers(tx, group.id, "second@example.test"));
    const jobs = await jobsOf(app.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: "queued", operation: "create", causedBy: "second@example.test", subjectLabel: user.userName });
  });

  it("deleting a group that grants an app deprovisions its members", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const user = await insertUser();
    const group = await seedGroup([user.id]);
    await seedPolicy(app.id, [group.id]);
    await db.$transaction((tx) => enqueueForApp(tx, app.id, "x@example.test"));
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    await runAs(admin, () => deleteGroup(group.id));
    expect(await operationsOf(app.id)).toEqual(["deactivate"]);
  });
});

describe("changes that meet a job in flight", () => {
  it("deactivating a user whose account is being created queues its deactivation behind the create", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const user = await insertUser();
    const group = await seedGroup([user.id]);
    await seedPolicy(app.id, [group.id]);
    await db.$transaction((tx) => enqueueForUsers(tx, [user.id], "first@example.test"));
    // A worker has claimed the create: it is running, and no account link exists yet.
    await db.provisioningJob.updateMany({ where: { appId: app.id }, data: { status: "running", leaseOwner: "elsewhere", leaseUntil: new Date(Date.now() + 60_000) } });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    await db.$transaction((tx) => enqueueForUsers(tx, [user.id], "second@example.test"));
    expect((await jobsOf(app.id)).map((j) => [j.operation, j.status])).toEqual([["create", "running"], ["deactivate", "queued"]]);
  });

  it("a policy change that takes a user out of scope during their create queues the deprovision", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const user = await insertUser();
    const group = await seedGroup([user.id]);
    const policy = await seedPolicy(app.id, [group.id]);
    await db.$transaction((tx) => enqueueForApp(tx, app.id, "first@example.test"));
    await db.provisioningJob.updateMany({ where: { appId: app.id }, data: { status: "running", leaseOwner: "elsewhere", leaseUntil: new Date(Date.now() + 60_000) } });
    await db.policy.update({ where: { id: policy.id }, data: { enabled: false } });
    await db.$transaction((tx) => enqueueForApp(tx, app.id, "second@example.test"));
    expect(await operationsOf(app.id)).toEqual(["deactivate"]);
  });
});

describe("previewImpact", () => {
  it("counts for a new policy equal the jobs that saving it then creates", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const users = await Promise.all([insertUser(), insertUser(), insertUser(), insertUser({ active: false })]);
    const group = await seedGroup(users.map((u) => u.id));
    const change = { kind: "policy" as const, appId: app.id, groupIds: [group.id], enabled: true };
    const preview = await runAs(admin, () => previewImpact(db, change));
    expect(countsOf(preview, app.id)).toEqual({ create: 3, update: 0, deactivate: 0, reactivate: 0, delete: 0 });
    expect(preview[0].samples.create.map((s) => s.userName).sort()).toEqual(users.slice(0, 3).map((u) => u.userName).sort());
    expect(await jobsOf(app.id)).toEqual([]); // a preview writes nothing

    await seedPolicy(app.id, [group.id]);
    await db.$transaction((tx) => enqueueForApp(tx, app.id, "x@example.test"));
    expect(await operationsOf(app.id)).toEqual(["create", "create", "create"]);
  });

  it("counts for a membership change and a deprovision-mode change equal what then happens", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const [kept, removed, added] = await Promise.all([insertUser(), insertUser(), insertUser()]);
    const group = await seedGroup([kept.id, removed.id]);
    await seedPolicy(app.id, [group.id]);
    await db.$transaction((tx) => enqueueForApp(tx, app.id, "x@example.test"));
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });

    const membership = { kind: "membership" as const, groupId: group.id, addUserIds: [added.id], removeUserIds: [removed.id] };
    const preview = await runAs(admin, () => previewImpact(db, membership));
    expect(countsOf(preview, app.id)).toEqual({ create: 1, update: 0, deactivate: 1, reactivate: 0, delete: 0 });
    await runAs(admin, () => addGroupMembers(group.id, [added.id]));
    await db.$transaction(async (tx) => {
      await tx.groupMember.delete({ where: { groupId_userId: { groupId: group.id, userId: removed.id } } });
      await enqueueForUsers(tx, [removed.id], "x@example.test");
    });
    expect(await operationsOf(app.id)).toEqual(["create", "deactivate"]);
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    expect((await accountOf(app.id, removed.id))?.state).toBe("deactivated");

    const features = { createUsers: true, updateUsers: true, deactivateUsers: true, deleteUsers: true, pushGroups: false };
    const modeChange = { kind: "appFeatures" as const, appId: app.id, features, deprovisionMode: "delete" as const };
    expect(countsOf(await runAs(admin, () => previewImpact(db, modeChange)), app.id)).toEqual({ create: 0, update: 0, deactivate: 0, reactivate: 0, delete: 1 });
    await db.app.update({ where: { id: app.id }, data: { features: JSON.stringify(features), deprovisionMode: "delete" } });
    await db.$transaction((tx) => enqueueForApp(tx, app.id, "x@example.test"));
    expect(await operationsOf(app.id)).toEqual(["delete"]);
  });

  it("previews disabling a policy as deprovisioning its users", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const user = await insertUser();
    const group = await seedGroup([user.id]);
    const policy = await seedPolicy(app.id, [group.id]);
    await db.$transaction((tx) => enqueueForApp(tx, app.id, "x@example.test"));
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const preview = await runAs(admin, () => previewImpact(db, { kind: "policy", policyId: policy.id, appId: app.id, groupIds: [group.id], enabled: false }));
    expect(countsOf(preview, app.id)).toEqual({ create: 0, update: 0, deactivate: 1, reactivate: 0, delete: 0 });
  });
});
