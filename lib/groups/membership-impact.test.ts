import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { jobsOf, seedApp, seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { asRole, insertUser, unique } from "@/test/factories";
import { addGroupMembers } from "./add-group-members";
import { previewMembershipImpact } from "./preview-membership-impact";
import { removeGroupMembers } from "./remove-group-members";

/** An app granted to a group through a policy; nobody in the group yet. */
async function arrange(memberIds: string[] = []) {
  const app = await seedApp({ baseUrl: "http://127.0.0.1:9/scim/v2", token: unique("tok") });
  const group = await seedGroup(memberIds);
  await seedPolicy(app.id, [group.id]);
  return { app, group };
}

async function jobIds(appId: string, operation: string) {
  return (await jobsOf(appId)).filter((j) => j.operation === operation).map((j) => j.subjectId).sort();
}

describe("previewMembershipImpact", () => {
  it("previews one create per active user added, and adding then queues exactly those creates", async () => {
    const active = await Promise.all([1, 2, 3].map(() => insertUser()));
    const inactive = await insertUser({ active: false });
    const { app, group } = await arrange();
    const ids = [...active, inactive].map((u) => u.id);

    const preview = await asRole("admin", () => previewMembershipImpact(group.id, { add: ids }));
    const summary = preview.summaries.find((s) => s.appId === app.id);
    expect(summary).toMatchObject({ appName: app.name, counts: { create: 3, deactivate: 0, update: 0 } });
    expect(summary?.samples.create.map((s) => s.userName).sort()).toEqual(active.map((u) => u.userName).sort());
    // The preview writes nothing.
    expect(await jobsOf(app.id)).toHaveLength(0);
    expect(await db.groupMember.count({ where: { groupId: group.id } })).toBe(0);

    await asRole("admin", () => addGroupMembers(group.id, ids));
    expect(await jobIds(app.id, "create")).toEqual(summary?.samples.create.map((s) => s.userId).sort());
    expect(await jobsOf(app.id)).toHaveLength(summary?.counts.create ?? -1);
  });

  it("previews one deactivation per provisioned member removed, and removing then queues exactly those", async () => {
    const users = await Promise.all([1, 2, 3].map(() => insertUser()));
    const { app, group } = await arrange(users.map((u) => u.id));
    await db.appAccount.createMany({ data: users.map((u) => ({ appId: app.id, userId: u.id, remoteId: unique("r"), state: "active" })) });
    const removing = users.slice(0, 2).map((u) => u.id);

    const preview = await asRole("admin", () => previewMembershipImpact(group.id, { remove: removing }));
    const summary = preview.summaries.find((s) => s.appId === app.id);
    expect(summary).toMatchObject({ counts: { deactivate: 2, create: 0, delete: 0 } });
    expect(await jobsOf(app.id)).toHaveLength(0);

    await asRole("admin", () => removeGroupMembers(group.id, removing));
    expect(await jobIds(app.id, "deactivate")).toEqual(summary?.samples.deactivate.map((s) => s.userId).sort());
    expect(await jobsOf(app.id)).toHaveLength(2);
  });

  it("is empty when no policy grants an app to the group, or when nothing is selected", async () => {
    const user = await insertUser();
    const group = await seedGroup();
    expect(await asRole("admin", () => previewMembershipImpact(group.id, { add: [user.id] }))).toEqual({ summaries: [] });
    const { group: granted } = await arrange();
    expect(await asRole("admin", () => previewMembershipImpact(granted.id, {}))).toEqual({ summaries: [] });
  });

  it("refuses a group or user that does not exist", async () => {
    const user = await insertUser();
    await expect(asRole("admin", () => previewMembershipImpact("no-such-group", { add: [user.id] }))).rejects.toBeInstanceOf(NotFoundError);
    const group = await seedGroup();
    await expect(asRole("admin", () => previewMembershipImpact(group.id, { add: [user.id, "no-such-user"] }))).rejects.toThrow(
      "Some of the selected users no longer exist. Reload the page and try again.",
    );
  });

  it.each(["auditor", "approver"] as const)("%s cannot preview a membership change and nothing is written", async (role) => {
    const user = await insertUser();
    const { app, group } = await arrange();
    await expect(asRole(role, () => previewMembershipImpact(group.id, { add: [user.id] }))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await jobsOf(app.id)).toHaveLength(0);
    expect(await db.groupMember.count({ where: { groupId: group.id } })).toBe(0);
  });
});
