import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { deleteUsers } from "@/lib/users/delete-users";
import { setUsersActive } from "@/lib/users/set-users-active";
import { updateUser } from "@/lib/users/update-user";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { insertUser, makeAdmin } from "@/test/factories";
import { NO_WAIT, accountOf, eventsOf, jobsOf, seedApp, seedGroup, seedPolicy } from "../test-support";
import type { DeprovisionMode } from "../types";
import { drainJobs } from "./run-worker";

let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  admin = await makeAdmin("admin");
});
afterAll(() => standIn.close());

/** An app with a policy on a fresh group, and a user; the user is not a member yet. */
async function arrange(options: { deprovisionMode?: DeprovisionMode } = {}) {
  const deleting = options.deprovisionMode === "delete";
  const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, deprovisionMode: options.deprovisionMode, features: { deleteUsers: deleting } });
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  const user = await insertUser();
  const drain = () => drainJobs({ appIds: [app.id], retry: NO_WAIT });
  return { app, group, user, drain };
}

const remoteUser = (userName: string) => standIn.users().find((u) => u.userName === userName);

describe("provisioning a user through the outbox and the worker", () => {
  it("adding a user to a policy's group creates the account in the app and links it", async () => {
    const { app, group, user, drain } = await arrange();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    const [job] = await jobsOf(app.id);
    expect(job).toMatchObject({ status: "queued", operation: "create", subjectLabel: user.userName, causedBy: admin.email });

    const results = await drain();
    expect(results).toMatchObject([{ status: "succeeded", outcome: "success", action: "create" }]);
    const remote = remoteUser(user.userName);
    expect(remote).toMatchObject({ active: true, externalId: user.id, emails: [{ value: user.email, type: "work", primary: true }] });
    expect(await accountOf(app.id, user.id)).toMatchObject({ state: "active", remoteId: remote?.id, lastError: null });
    const [event] = await eventsOf(app.id);
    expect(event).toMatchObject({ action: "create", outcome: "success", userIdentifier: user.userName, attempt: 1, jobId: job.id, causedBy: admin.email });
    expect(event.message).toBe(`Created the account for ${user.userName} in ${app.name}.`);
    expect(event.detail).not.toContain(standIn.token);
  });

  it("editing the title sends a PATCH with only the title", async () => {
    const { app, group, user, drain } = await arrange();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    await drain();
    const remoteId = (await accountOf(app.id, user.id))?.remoteId;
    const before = standIn.requests.length;

    await runAs(admin, () => updateUser(user.id, { userName: user.userName, email: user.email, firstName: "Test", lastName: "User", title: "Head of <Ops>" }));
    await drain();
    const writes = standIn.requests.slice(before).filter((r) => r.method !== "GET");
    expect(writes).toEqual([
      expect.objectContaining({
        method: "PATCH",
        path: `/Users/${remoteId}`,
        body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "title", value: "Head of <Ops>" }] },
      }),
    ]);
    expect(remoteUser(user.userName)?.title).toBe("Head of <Ops>");
    const update = (await eventsOf(app.id)).at(-1);
    expect(update).toMatchObject({ action: "update", outcome: "success", message: `Updated ${user.userName} in ${app.name}: title.` });
    expect(JSON.parse(update?.detail ?? "{}")).toEqual({ changes: [{ path: "title", from: null, to: "Head of <Ops>" }] });
  });

  it("an edit that changes nothing the app sees makes no job", async () => {
    const { app, group, user, drain } = await arrange();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    await drain();
    await runAs(admin, () => updateUser(user.id, { userName: user.userName, email: user.email, firstName: "Test", lastName: "User" }));
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["succeeded"]);
  });

  it("removing the user from the group deactivates the account; adding it back reactivates it", async () => {
    const { app, group, user, drain } = await arrange();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    await drain();
    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    expect(await drain()).toMatchObject([{ action: "deactivate", outcome: "success" }]);
    expect(remoteUser(user.userName)?.active).toBe(false);
    expect((await accountOf(app.id, user.id))?.state).toBe("deactivated");

    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    expect(await drain()).toMatchObject([{ action: "reactivate", outcome: "success" }]);
    expect(remoteUser(user.userName)?.active).toBe(true);
    expect(standIn.users().filter((u) => u.userName === user.userName)).toHaveLength(1);
  });

  it("deactivating the user in the directory deactivates the account", async () => {
    const { app, group, user, drain } = await arrange();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    await drain();
    await runAs(admin, () => setUsersActive([user.id], false));
    expect(await drain()).toMatchObject([{ action: "deactivate" }]);
    expect(remoteUser(user.userName)?.active).toBe(false);
    expect((await accountOf(app.id, user.id))?.state).toBe("deactivated");
  });

  it("with deprovision mode delete, leaving scope DELETEs the account", async () => {
    const { app, group, user, drain } = await arrange({ deprovisionMode: "delete" });
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    await drain();
    const remoteId = (await accountOf(app.id, user.id))?.remoteId;
    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    expect(await drain()).toMatchObject([{ action: "delete", outcome: "success" }]);
    expect(standIn.requests.at(-1)).toMatchObject({ method: "DELETE", path: `/Users/${remoteId}` });
    expect(remoteUser(user.userName)).toBeUndefined();
    expect((await accountOf(app.id, user.id))?.state).toBe("deleted");
  });

  it("deleting the user deprovisions its account, found by userName after the row is gone", async () => {
    const { app, group, user, drain } = await arrange({ deprovisionMode: "delete" });
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    await drain();
    await runAs(admin, () => deleteUsers([user.id]));
    expect(await db.user.count({ where: { id: user.id } })).toBe(0);
    expect(await drain()).toMatchObject([{ action: "delete", outcome: "success" }]);
    expect(remoteUser(user.userName)).toBeUndefined();
    expect((await eventsOf(app.id)).at(-1)).toMatchObject({ action: "delete", userIdentifier: user.userName, userId: user.id });
  });

  it("a report's manager attribute points at the manager's account once the manager is provisioned", async () => {
    const { app, group, user: report, drain } = await arrange();
    const manager = await insertUser();
    await db.user.update({ where: { id: report.id }, data: { managerId: manager.id } });
    await runAs(admin, () => addGroupMembers(group.id, [report.id]));
    await drain();
    expect(remoteUser(report.userName)).not.toHaveProperty(["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]);
    await runAs(admin, () => addGroupMembers(group.id, [manager.id]));
    await drain();
    const managerRemoteId = (await accountOf(app.id, manager.id))?.remoteId;
    expect(remoteUser(report.userName)?.["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]).toEqual({ manager: { value: managerRemoteId } });
  });

  it("coalesces repeated changes of one user into one queued job", async () => {
    const { app, group, user } = await arrange();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    await runAs(admin, () => updateUser(user.id, { userName: user.userName, email: user.email, firstName: "Test", lastName: "User", title: "One" }));
    await runAs(admin, () => updateUser(user.id, { userName: user.userName, email: user.email, firstName: "Test", lastName: "User", title: "Two" }));
    const jobs = await jobsOf(app.id);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: "queued", operation: "create" });
  });

  it("leaves the job alone when the user left scope before the worker ran (skipped event)", async () => {
    const { app, group, user, drain } = await arrange();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    expect(await drain()).toMatchObject([{ status: "succeeded", outcome: "skipped" }]);
    expect(remoteUser(user.userName)).toBeUndefined();
    expect((await eventsOf(app.id))[0]).toMatchObject({ outcome: "skipped", message: expect.stringContaining("Nothing to do") });
  });
});
