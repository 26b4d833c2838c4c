import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAppFeatures } from "@/lib/apps/update-app-features";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { deleteGroup } from "@/lib/groups/delete-group";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { updateGroup } from "@/lib/groups/update-group";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { deleteUsers } from "@/lib/users/delete-users";
import { setUsersActive } from "@/lib/users/set-users-active";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { insertUser, makeAdmin, unique } from "@/test/factories";
import { DEFAULT_FEATURES } from "../types";
import { NO_WAIT, accountOf, eventsOf, jobsOf, seedApp, seedGroup, seedPolicy } from "../test-support";
import { drainJobs } from "./run-worker";

let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  admin = await makeAdmin("admin");
});
afterAll(() => standIn.close());

/**
 * Drains the app's jobs until none is open. Another test file's live worker (claim-jobs.test.ts) may
 * claim some of them from the shared database, so this also waits for those to be recorded.
 */
async function settle(appId: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await drainJobs({ appIds: [appId], retry: NO_WAIT });
    const open = await db.provisioningJob.count({ where: { appId, status: { in: ["queued", "running"] } } });
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("The app's jobs did not finish");
}

/** An app (pushing groups or not) with a policy on a fresh group of two users, all provisioned. */
async function arrange(pushGroups = true, deleting = false) {
  const app = await seedApp({
    baseUrl: standIn.baseUrl,
    token: standIn.token,
    features: { pushGroups, deleteUsers: deleting },
    deprovisionMode: deleting ? "delete" : "deactivate",
  });
  const users = [await insertUser(), await insertUser()];
  const group = await seedGroup();
  const policy = await seedPolicy(app.id, [group.id]);
  const drain = () => settle(app.id);
  await runAs(admin, () => addGroupMembers(group.id, users.map((u) => u.id)));
  await drain();
  return { app, group, users, policy, drain };
}

const remoteGroup = (name: string) => standIn.groups().find((g) => g.displayName === name);
const membersOf = (name: string) => ((remoteGroup(name)?.members ?? []) as { value: string }[]).map((m) => m.value).sort();
const remoteIdOf = async (appId: string, userId: string) => (await accountOf(appId, userId))?.remoteId ?? "";
const groupWrites = (from: number) => standIn.requests.slice(from).filter((r) => r.method !== "GET" && r.path.startsWith("/Groups"));

describe("pushing groups to an app", () => {
  it("creates the group in the app with the members whose accounts are provisioned", async () => {
    const { app, group, users } = await arrange();
    const expected = (await Promise.all(users.map((u) => remoteIdOf(app.id, u.id)))).sort();
    expect(expected.every(Boolean)).toBe(true);
    expect(membersOf(group.name)).toEqual(expected);
    const link = await db.appGroup.findUnique({ where: { appId_groupId: { appId: app.id, groupId: group.id } } });
    expect(link).toMatchObject({ remoteId: remoteGroup(group.name)?.id, displayName: group.name, lastError: null });
    expect(JSON.parse(link?.lastMembers ?? "[]").sort()).toEqual(expected);
    const events = (await eventsOf(app.id)).filter((e) => e.subjectType === "group");
    // Depending on timing a later push finds nothing left to do ("skipped"); none fails.
    expect(events.map((e) => [e.action, e.userIdentifier, e.userId])).toEqual(events.map(() => ["group_push", group.name, null]));
    expect(events.filter((e) => e.outcome !== "success" && e.outcome !== "skipped")).toEqual([]);
    expect(events.some((e) => e.outcome === "success" && e.message.includes(`Group ${group.name} in ${app.name}:`))).toBe(true);
    expect((await jobsOf(app.id)).filter((j) => j.status !== "succeeded")).toEqual([]);
  });

  it("adding a member sends a PATCH that adds the new account", async () => {
    const { app, group, drain } = await arrange();
    const newcomer = await insertUser();
    const before = standIn.requests.length;
    await runAs(admin, () => addGroupMembers(group.id, [newcomer.id]));
    await drain();
    const remoteId = await remoteIdOf(app.id, newcomer.id);
    const writes = groupWrites(before);
    expect(writes).toEqual([
      expect.objectContaining({
        method: "PATCH",
        path: `/Groups/${remoteGroup(group.name)?.id}`,
        body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "add", path: "members", value: [{ value: remoteId }] }] },
      }),
    ]);
    expect(membersOf(group.name)).toContain(remoteId);
    expect((await eventsOf(app.id)).at(-1)).toMatchObject({ action: "group_push", outcome: "success", message: `Group ${group.name} in ${app.name}: added 1 member.` });
  });

  it("removing a member sends a PATCH that removes the account", async () => {
    const { app, group, users, drain } = await arrange();
    const leaving = await remoteIdOf(app.id, users[0].id);
    const before = standIn.requests.length;
    await runAs(admin, () => removeGroupMembers(group.id, [users[0].id]));
    await drain();
    const writes = groupWrites(before);
    expect(writes).toEqual([
      expect.objectContaining({
        method: "PATCH",
        body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "remove", path: `members[value eq "${leaving}"]` }] },
      }),
    ]);
    expect(membersOf(group.name)).toEqual([await remoteIdOf(app.id, users[1].id)]);
  });

  it("renaming the group renames it in the app", async () => {
    const { app, group, drain } = await arrange();
    const remoteId = remoteGroup(group.name)?.id;
    const name = unique("Renamed ");
    await runAs(admin, () => updateGroup(group.id, { name, description: "" }));
    expect((await jobsOf(app.id)).at(-1)).toMatchObject({ subjectType: "group", operation: "group_push", subjectLabel: name, status: "queued" });
    await drain();
    expect(standIn.groups().find((g) => g.id === remoteId)?.displayName).toBe(name);
    expect(await db.appGroup.findUnique({ where: { appId_groupId: { appId: app.id, groupId: group.id } } })).toMatchObject({ displayName: name });
  });

  it("deleting the group deletes it in the app", async () => {
    const { app, group, drain } = await arrange();
    const remoteId = remoteGroup(group.name)?.id;
    await runAs(admin, () => deleteGroup(group.id));
    await drain();
    expect(standIn.groups().some((g) => g.id === remoteId)).toBe(false);
    const deletion = (await eventsOf(app.id)).find((e) => e.action === "group_delete");
    expect(deletion).toMatchObject({ outcome: "success", userIdentifier: group.name, message: `Deleted group ${group.name} in ${app.name}.` });
  });

  it("turning pushing on pushes the linked groups that already have provisioned members", async () => {
    const { app, group, users, drain } = await arrange(false);
    expect(remoteGroup(group.name)).toBeUndefined();
    await runAs(admin, () => updateAppFeatures(app.id, { features: { ...DEFAULT_FEATURES, pushGroups: true }, deprovisionMode: "deactivate" }));
    await drain();
    expect(membersOf(group.name)).toEqual((await Promise.all(users.map((u) => remoteIdOf(app.id, u.id)))).sort());
  });

  it("with pushing off, membership changes and renames make no group jobs", async () => {
    const { app, group, drain } = await arrange(false);
    const newcomer = await insertUser();
    await runAs(admin, () => addGroupMembers(group.id, [newcomer.id]));
    await runAs(admin, () => updateGroup(group.id, { name: unique("Renamed "), description: "" }));
    await drain();
    expect((await jobsOf(app.id)).filter((j) => j.subjectType === "group")).toEqual([]);
    expect(remoteGroup(group.name)).toBeUndefined();
  });

  it("deactivating a member in the console removes their account from the group once it is deactivated in the app", async () => {
    const { app, group, users, drain } = await arrange();
    await runAs(admin, () => setUsersActive([users[0].id], false));
    await drain();
    expect((await accountOf(app.id, users[0].id))?.state).toBe("deactivated");
    expect(membersOf(group.name)).toEqual([await remoteIdOf(app.id, users[1].id)]);
  });

  it("deleting the policy that links the group deletes the group in the app", async () => {
    const { app, group, policy, drain } = await arrange();
    await runAs(admin, () => deletePolicy(policy.id));
    await drain();
    expect(remoteGroup(group.name)).toBeUndefined();
    expect(await db.appGroup.findUnique({ where: { appId_groupId: { appId: app.id, groupId: group.id } } })).toBeNull();
  });

  it("retries a 503 on creating the group and creates it once", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const group = await seedGroup();
    standIn.setFault({ type: "serverError", status: 503, match: { method: "POST", path: "/Groups" } });
    await seedPolicy(app.id, [group.id]);
    await runAs(admin, () => updateAppFeatures(app.id, { features: { ...DEFAULT_FEATURES, pushGroups: true }, deprovisionMode: "deactivate" }));
    await settle(app.id);
    const events = (await eventsOf(app.id)).filter((e) => e.subjectType === "group");
    expect(events.map((e) => [e.outcome, e.attempt, e.httpStatus])).toEqual([
      ["retrying", 1, 503],
      ["success", 2, null],
    ]);
    expect(standIn.groups().filter((g) => g.displayName === group.name)).toHaveLength(1);
  });

  it("deleting a member whose account the app deletes leaves the group with the others and no failed job", async () => {
    const { app, group, users, drain } = await arrange(true, true);
    const stays = await remoteIdOf(app.id, users[1].id);
    await runAs(admin, () => deleteUsers([users[0].id]));
    await drain();
    expect(membersOf(group.name)).toEqual([stays]);
    expect((await jobsOf(app.id)).filter((j) => j.status === "failed")).toEqual([]);
    const link = await db.appGroup.findUnique({ where: { appId_groupId: { appId: app.id, groupId: group.id } } });
    expect(JSON.parse(link?.lastMembers ?? "[]")).toEqual([stays]);
  });
});
