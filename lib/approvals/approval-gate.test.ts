import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { NO_WAIT, eventsOf, jobsOf, seedApp, seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { claimJobs } from "@/lib/provisioning/worker/claim-jobs";
import { drainJobs } from "@/lib/provisioning/worker/run-worker";
import { insertUser, makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { parseDetail } from "./detail";
import { requestsOf, seedRule } from "./test-support";

let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  admin = await makeAdmin("admin");
});
afterAll(() => standIn.close());

async function arrange(options: { pushGroups?: boolean } = {}) {
  const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, features: { pushGroups: options.pushGroups ?? false } });
  const group = await seedGroup();
  const policy = await seedPolicy(app.id, [group.id]);
  const users = await Promise.all([insertUser(), insertUser(), insertUser()]);
  return { app, group, policy, users, drain: () => drainJobs({ appIds: [app.id], retry: NO_WAIT }) };
}

const add = (groupId: string, userIds: string[]) => runAs(admin, () => addGroupMembers(groupId, userIds));

describe("the approval gate", () => {
  it("holds a change with a listed operation as one request, its jobs and events pending approval", async () => {
    const { app, group, users, drain } = await arrange();
    const rule = await seedRule(app.id, { operations: ["create"], channel: "#eng-approvals", timeoutHours: 10 });
    const before = Date.now();
    await add(group.id, users.map((u) => u.id));

    const [request, ...others] = await requestsOf(app.id);
    expect(others).toEqual([]);
    expect(request).toMatchObject({
      summary: `Create 3 accounts in ${app.name}`,
      operation: "create",
      subjectCount: 3,
      requestedBy: admin.email,
      requiredApprovals: 1,
      status: "pending",
      ruleId: rule.id,
      channel: "#eng-approvals",
      postState: "pending",
    });
    expect(request.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 10 * 3_600_000);
    expect(request.expiresAt.getTime()).toBeLessThan(Date.now() + 10 * 3_600_000 + 1);
    const detail = parseDetail(request.detail);
    expect(detail.users.map((u) => u.userName).sort()).toEqual(users.map((u) => u.userName).sort());
    expect(detail.counts).toEqual({ create: 3 });
    // Three users: each one's attributes to be set are listed.
    expect(detail.users[0].changes?.some((c) => c.path === "userName")).toBe(true);

    const jobs = await jobsOf(app.id);
    expect(jobs.map((j) => [j.status, j.approvalId])).toEqual(users.map(() => ["pending_approval", request.id]));
    const events = await eventsOf(app.id);
    expect(events).toHaveLength(3);
    for (const e of events) expect(e).toMatchObject({ outcome: "pending_approval", approvalId: request.id, action: "create", causedBy: admin.email });
    expect(await db.auditLog.count({ where: { action: "approval.request", targetId: request.id } })).toBe(1);

    // Nothing reaches the app while the request waits.
    expect(await drain()).toEqual([]);
    expect(standIn.users().filter((u) => users.some((x) => x.userName === u.userName))).toEqual([]);
  });

  it("lets a change through when no rule lists its operations", async () => {
    const { app, group, users } = await arrange();
    await seedRule(app.id, { operations: ["delete", "deactivate"] });
    await add(group.id, [users[0].id]);
    expect(await requestsOf(app.id)).toEqual([]);
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["queued"]);
  });

  it("holds a change affecting more accounts than the threshold, and only such a change", async () => {
    const { app, group, users } = await arrange();
    await seedRule(app.id, { bulkThreshold: 2 });
    await add(group.id, users.slice(0, 2).map((u) => u.id));
    expect(await requestsOf(app.id)).toEqual([]);

    const group2 = await seedGroup();
    await seedPolicy(app.id, [group2.id]);
    const more = await Promise.all([insertUser(), insertUser(), insertUser()]);
    await add(group2.id, more.map((u) => u.id));
    const [request] = await requestsOf(app.id);
    expect(request).toMatchObject({ subjectCount: 3, summary: `Create 3 accounts in ${app.name}` });
  });

  it("a bulk change is one request whose lists are capped while the counts stay exact", async () => {
    const { app, group } = await arrange();
    await seedRule(app.id, { bulkThreshold: 10 });
    const many = [];
    for (let i = 0; i < 55; i++) many.push(await insertUser());
    await add(group.id, many.map((u) => u.id));
    const requests = await requestsOf(app.id);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ subjectCount: 55, summary: `Create 55 accounts in ${app.name}` });
    const detail = parseDetail(requests[0].detail);
    expect(detail.users).toHaveLength(50);
    expect(detail.more).toBe(5);
    expect(detail.counts).toEqual({ create: 55 });
    // Too many users to list each one's attributes.
    expect(detail.users.every((u) => u.changes === undefined)).toBe(true);
    expect(await db.provisioningJob.count({ where: { appId: app.id, approvalId: requests[0].id, status: "pending_approval" } })).toBe(55);
  });

  it("a rule limited to one policy holds only changes through that policy's groups", async () => {
    const { app, group, policy, users } = await arrange();
    const otherGroup = await seedGroup();
    await seedPolicy(app.id, [otherGroup.id]);
    await seedRule(app.id, { operations: ["create"], policyId: policy.id });

    await add(otherGroup.id, [users[0].id]);
    expect(await requestsOf(app.id)).toEqual([]);
    await add(group.id, [users[1].id]);
    const [request] = await requestsOf(app.id);
    expect(request.summary).toBe(`Create the account of ${users[1].userName} in ${app.name}`);
  });

  it("a policy's 'Deprovisioning only' choice holds the deactivation of a user who left its group", async () => {
    const { app, group, policy, users, drain } = await arrange();
    await add(group.id, [users[0].id]);
    await drain();
    await db.policy.update({ where: { id: policy.id }, data: { approvalRule: "deprovision" } });

    await runAs(admin, () => removeGroupMembers(group.id, [users[0].id]));
    const [request] = await requestsOf(app.id);
    expect(request).toMatchObject({ operation: "deactivate", ruleId: null, summary: `Deactivate the account of ${users[0].userName} in ${app.name}` });
    expect((await jobsOf(app.id)).at(-1)).toMatchObject({ status: "pending_approval", approvalId: request.id });
  });

  it("a later job of the same user never overtakes one waiting for approval", async () => {
    const { app, group, users } = await arrange();
    await seedRule(app.id, { operations: ["create"] });
    await add(group.id, [users[0].id]);
    const later = await db.provisioningJob.create({ data: { appId: app.id, subjectType: "user", subjectId: users[0].id, subjectLabel: users[0].userName, operation: "update", status: "queued" } });
    expect(await claimJobs("test-worker", 10, { appIds: [app.id] })).toEqual([]);
    expect((await db.provisioningJob.findUniqueOrThrow({ where: { id: later.id } })).status).toBe("queued");
  });

  it("an edit of a user whose create waits for approval joins the waiting job instead of asking again", async () => {
    const { app, group, users } = await arrange();
    await seedRule(app.id, { operations: ["create"] });
    await add(group.id, [users[0].id]);
    await db.user.update({ where: { id: users[0].id }, data: { title: "Staff engineer" } });
    await db.$transaction((tx) => enqueueForUsers(tx, [users[0].id], admin.email));

    const requests = await requestsOf(app.id);
    expect(requests).toHaveLength(1);
    expect((await jobsOf(app.id)).map((j) => [j.operation, j.status, j.approvalId])).toEqual([["create", "pending_approval", requests[0].id]]);
  });

  it("holds a group push when the rule lists group pushes", async () => {
    const { app, group, users } = await arrange({ pushGroups: true });
    await seedRule(app.id, { operations: ["group_push"] });
    await add(group.id, [users[0].id]);
    const jobs = await jobsOf(app.id);
    const [request] = await requestsOf(app.id);
    expect(request).toMatchObject({ operation: "group_push", summary: `Push group ${group.name} to ${app.name}` });
    expect(jobs.find((j) => j.subjectType === "group")).toMatchObject({ status: "pending_approval", approvalId: request.id });
    expect(jobs.find((j) => j.subjectType === "user")).toMatchObject({ status: "queued", approvalId: null });
  });
});
