import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { insertUser, makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { NO_WAIT, accountOf, eventsOf, seedApp, seedGroup, seedPolicy } from "../test-support";
import { claimJobs } from "./claim-jobs";
import { drainJobs } from "./run-worker";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
let slack: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  slack = await startScimStandIn({ slack: true });
  admin = await makeAdmin("admin");
});
afterAll(() => slack.close());

async function arrange(deprovisionMode: "deactivate" | "delete" = "deactivate") {
  const app = await seedApp({ baseUrl: slack.baseUrl, token: slack.token, kind: "slack", deprovisionMode, features: { deleteUsers: deprovisionMode === "delete" } });
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  const user = await insertUser();
  return { app, group, user, drain: () => drainJobs({ appIds: [app.id], retry: NO_WAIT }) };
}

describe("Slack", () => {
  it("finds a deactivated account with the same email and reactivates it instead of creating another", async () => {
    const { app, group, user, drain } = await arrange();
    const old = await slack.seedUser({ schemas: [USER], userName: `old${user.userName}`.slice(0, 21), emails: [{ value: user.email, primary: true }], active: false });
    const before = slack.requests.length;
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    expect(await drain()).toMatchObject([{ action: "link", outcome: "success" }]);
    expect(slack.requests.slice(before).some((r) => r.method === "POST")).toBe(false);
    const same = slack.users().filter((u) => (u.emails as { value: string }[] | undefined)?.some((e) => e.value === user.email));
    expect(same).toEqual([expect.objectContaining({ id: old.id, active: true, userName: user.userName.toLowerCase().slice(0, 21) })]);
    expect(await accountOf(app.id, user.id)).toMatchObject({ state: "active", remoteId: old.id });
  });

  it("a create whose answer was lost is found by userName and email (Slack keeps no externalId) and deactivated once the user left", async () => {
    const { app, group, user, drain } = await arrange();
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    const [claimed] = await claimJobs("dead-worker", 1, { appIds: [app.id] });
    // The dead worker's POST reached Slack; nothing was recorded and the lease ran out.
    await slack.seedUser({ schemas: [USER], userName: user.userName.toLowerCase().slice(0, 21), emails: [{ value: user.email, primary: true }], active: true });
    await db.provisioningJob.update({ where: { id: claimed.id }, data: { leaseUntil: new Date(Date.now() - 1_000) } });
    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    expect(await drain()).toMatchObject([{ action: "deactivate", outcome: "success" }]);
    expect(slack.users().filter((u) => (u.emails as { value: string }[] | undefined)?.some((e) => e.value === user.email))).toEqual([expect.objectContaining({ active: false })]);
  });

  it("creates with Slack's userName rules, and DELETE leaves the account deactivated", async () => {
    const { app, group, user, drain } = await arrange("delete");
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    await drain();
    const account = await accountOf(app.id, user.id);
    expect(slack.users().find((u) => u.id === account?.remoteId)).toMatchObject({ userName: user.userName.toLowerCase().slice(0, 21), active: true });

    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    expect(await drain()).toMatchObject([{ action: "delete", outcome: "success" }]);
    expect(slack.users().find((u) => u.id === account?.remoteId)).toMatchObject({ active: false });
    expect((await accountOf(app.id, user.id))?.state).toBe("deactivated");
    expect((await eventsOf(app.id)).at(-1)?.message).toContain("Slack keeps the account deactivated");

    // Back in scope: reactivated, never re-created (Slack keeps the email taken).
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    expect(await drain()).toMatchObject([{ action: "reactivate", outcome: "success" }]);
    expect(slack.users().filter((u) => u.id === account?.remoteId)).toEqual([expect.objectContaining({ active: true })]);
  });
});
