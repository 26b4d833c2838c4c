import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { asRole, insertUser, makeAdmin, unique } from "@/test/factories";
import { runAs } from "@/lib/authz";
import { createPolicy } from "./create-policy";
import { deletePolicy } from "./delete-policy";
import { previewPolicyDeletion, previewPolicyImpact } from "./preview-policy-impact";
import { updatePolicy } from "./update-policy";

async function seedApp(name = unique("App ")) {
  return db.app.create({ data: { name, nameKey: name.toLowerCase(), kind: "scim", baseUrl: "http://127.0.0.1:9/scim/v2", health: "connected" } });
}

/** An app and a group with three active members and one inactive member. */
async function arrange() {
  const app = await seedApp();
  const name = unique("Group ");
  const group = await db.group.create({ data: { name, nameKey: name.toLowerCase() } });
  const active = await Promise.all([1, 2, 3].map(() => insertUser()));
  const inactive = await insertUser({ active: false });
  await db.groupMember.createMany({ data: [...active, inactive].map((u) => ({ groupId: group.id, userId: u.id })) });
  const input = { appId: app.id, groupIds: [group.id], name: unique("Policy "), loginMethod: "SAML SSO" as const, enabled: true, approvalRule: "none" as const };
  return { app, group, active, inactive, input };
}

function jobs(appId: string, operation: string) {
  return db.provisioningJob.findMany({ where: { appId, operation, status: "queued" }, orderBy: { subjectId: "asc" } });
}

/** What the worker would leave behind: the accounts exist and the create jobs are done. */
async function provisioned(appId: string, userIds: string[]) {
  await db.provisioningJob.updateMany({ where: { appId, status: "queued" }, data: { status: "succeeded" } });
  await db.appAccount.createMany({ data: userIds.map((userId) => ({ appId, userId, remoteId: unique("r"), state: "active" })) });
}

describe("policies drive provisioning", () => {
  it("admin creating a policy queues a create job per active member, as many as the preview showed", async () => {
    const { app, active, input } = await arrange();
    const admin = await makeAdmin("admin");
    const preview = await runAs(admin, () => previewPolicyImpact(null, input));
    expect(preview.summaries).toHaveLength(1);
    expect(preview.summaries[0]).toMatchObject({ appId: app.id, appName: app.name, counts: { create: 3, deactivate: 0 } });
    expect(preview.summaries[0].samples.create.map((s) => s.userName).sort()).toEqual(active.map((u) => u.userName).sort());
    // The preview writes nothing.
    expect(await db.policy.count({ where: { nameKey: input.name.toLowerCase() } })).toBe(0);
    expect(await jobs(app.id, "create")).toHaveLength(0);

    await runAs(admin, () => createPolicy(input));
    const queued = await jobs(app.id, "create");
    expect(queued).toHaveLength(preview.summaries[0].counts.create);
    expect(queued.map((j) => j.subjectId).sort()).toEqual(active.map((u) => u.id).sort());
    expect(queued.every((j) => j.causedBy === admin.email && j.subjectType === "user")).toBe(true);
  });

  it("a disabled policy grants nothing and queues nothing", async () => {
    const { app, input } = await arrange();
    const preview = await asRole("admin", () => previewPolicyImpact(null, { ...input, enabled: false }));
    expect(preview.summaries).toEqual([]);
    await asRole("admin", () => createPolicy({ ...input, enabled: false }));
    expect(await db.provisioningJob.count({ where: { appId: app.id } })).toBe(0);
  });

  it("deleting a policy previews and then queues a deactivation per provisioned member", async () => {
    const { app, active, input } = await arrange();
    const policy = await asRole("admin", () => createPolicy(input));
    await provisioned(app.id, active.map((u) => u.id));
    const preview = await asRole("admin", () => previewPolicyDeletion(policy.id));
    expect(preview.summaries[0]).toMatchObject({ appId: app.id, counts: { deactivate: 3, create: 0 } });
    await asRole("admin", () => deletePolicy(policy.id));
    expect(await jobs(app.id, "deactivate")).toHaveLength(3);
  });

  it("moving a policy to another app previews and queues deactivations in the old app and creates in the new", async () => {
    const { app, active, input } = await arrange();
    const policy = await asRole("admin", () => createPolicy(input));
    await provisioned(app.id, active.map((u) => u.id));
    const other = await seedApp();
    const moved = { ...input, appId: other.id };
    const preview = await asRole("admin", () => previewPolicyImpact(policy.id, moved));
    const byApp = Object.fromEntries(preview.summaries.map((s) => [s.appId, s.counts]));
    expect(byApp[app.id]).toMatchObject({ deactivate: 3 });
    expect(byApp[other.id]).toMatchObject({ create: 3 });
    await asRole("admin", () => updatePolicy(policy.id, moved));
    expect(await jobs(app.id, "deactivate")).toHaveLength(3);
    expect(await jobs(other.id, "create")).toHaveLength(3);
  });

  it("previews validate like a save: a taken name is a field error", async () => {
    const { input } = await arrange();
    await asRole("admin", () => createPolicy(input));
    await expect(asRole("admin", () => previewPolicyImpact(null, { ...input, name: input.name.toUpperCase() }))).rejects.toMatchObject({
      fieldErrors: { name: ["A policy with this name already exists."] },
    });
  });

  it.each(["auditor", "approver"] as const)("%s cannot preview a policy change", async (role) => {
    const { input } = await arrange();
    await expect(asRole(role, () => previewPolicyImpact(null, input))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
