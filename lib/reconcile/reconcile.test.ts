import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { db } from "@/lib/db";
import { NO_WAIT, accountOf, jobsOf, seedApp, seedGroup, seedPolicy } from "@/lib/provisioning/test-support";
import { drainJobs } from "@/lib/provisioning/worker/run-worker";
import { PATCH_OP_MESSAGE, USER_SCHEMA } from "@/lib/scim/types";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { insertUser, makeAdmin } from "@/test/factories";
import { listConflicts, listRuns } from "./list-sync";
import { requestSync } from "./request-sync";
import { resolveConflict } from "./resolve-conflict";
import { drainRuns } from "./run-loop";
import { claimRun, enqueueDueRuns } from "./run-queue";
import { executeRun } from "./run-reconciliation";

const ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
let admin: Actor;
let auditor: Actor;
const standIns: ScimStandIn[] = [];

beforeAll(async () => {
  admin = await makeAdmin("admin");
  auditor = await makeAdmin("auditor");
});
afterEach(async () => {
  for (const s of standIns.splice(0)) await s.close();
});

function remoteUser(userName: string, email: string, extra: Record<string, unknown> = {}) {
  return { schemas: [USER_SCHEMA], userName, emails: [{ value: email, type: "work", primary: true }], name: { givenName: "Test", familyName: "User" }, displayName: "Test User", active: true, ...extra };
}

/**
 * An app whose accounts existed before the console: users in scope (written directly, so no job ran)
 * and accounts in the app that are drifted, linkable by userName or email, ambiguous, or unknown.
 */
async function arrange(options: { adopt?: string[]; createUsers?: boolean } = {}) {
  const standIn = await startScimStandIn();
  standIns.push(standIn);
  const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, features: { createUsers: options.createUsers ?? true } });
  if (options.adopt) await db.app.update({ where: { id: app.id }, data: { adoptAttributes: JSON.stringify(options.adopt) } });
  const byName = await insertUser({ department: "Sales" });
  const byEmail = await insertUser();
  const ambiguous = await insertUser();
  const split = await insertUser();
  const missing = await insertUser();
  const outsider = await insertUser();
  const group = await seedGroup([byName.id, byEmail.id, ambiguous.id, split.id, missing.id]);
  await seedPolicy(app.id, [group.id]);
  await standIn.seedUser(remoteUser(byName.userName, byName.email, { displayName: "Dr. Test User", [ENTERPRISE]: { department: "Marketing" }, schemas: [USER_SCHEMA, ENTERPRISE] }));
  await standIn.seedUser(remoteUser(`${byEmail.userName}-legacy`, byEmail.email));
  await standIn.seedUser(remoteUser(`${ambiguous.userName}-a`, ambiguous.email));
  await standIn.seedUser(remoteUser(`${ambiguous.userName}-b`, ambiguous.email));
  await standIn.seedUser(remoteUser(split.userName, "someone.else@example.test"));
  await standIn.seedUser(remoteUser(`${split.userName}-old`, split.email));
  await standIn.seedUser(remoteUser(outsider.userName, outsider.email));
  await standIn.seedUser(remoteUser("stranger", "stranger@elsewhere.test"));
  const remote = (userName: string) => standIn.users().find((u) => u.userName === userName);
  const sync = async () => {
    const { runId } = await runAs(admin, () => requestSync(app.id));
    await drainRuns({ appIds: [app.id], pageSize: 3 });
    return runId;
  };
  return { standIn, app, group, remote, sync, users: { byName, byEmail, ambiguous, split, missing, outsider } };
}

const LIST = { page: 1, pageSize: 25, sort: "userLabel" as const, dir: "asc" as const, q: "" };

describe("Sync now (full reconciliation)", () => {
  it("links by userName then email, repairs drift, lists conflicts and reports what it did", async () => {
    const { standIn, app, remote, sync, users } = await arrange();
    const runId = await sync();

    const [run] = await runAs(auditor, () => listRuns(app.id));
    expect(run).toMatchObject({ id: runId, status: "succeeded", triggeredBy: admin.email, total: 8 + 5, processed: 13, error: null });
    // Both linked accounts lacked the console's values (externalId, userName, department): both are repaired.
    expect(run.summary).toEqual({ linked: 2, created: 1, repaired: 2, adopted: 0, conflicts: 2, unchanged: 0, outOfScope: 1, unmatched: 1, groupsRepaired: 0 });
    // The app was read in pages of 3.
    const lists = standIn.requests.filter((r) => r.method === "GET" && r.path === "/Users");
    expect(lists.map((r) => r.query.startIndex)).toEqual(["1", "4", "7"]);

    expect(await accountOf(app.id, users.byName.id)).toMatchObject({ state: "active", remoteId: remote(users.byName.userName)?.id });
    expect(await accountOf(app.id, users.byEmail.id)).toMatchObject({ state: "active", remoteId: remote(`${users.byEmail.userName}-legacy`)?.id });
    expect(await accountOf(app.id, users.ambiguous.id)).toBeNull();
    const jobs = await jobsOf(app.id);
    expect(jobs.map((j) => `${j.operation}:${j.subjectLabel}`).sort()).toEqual(
      [`create:${users.missing.userName}`, `update:${users.byName.userName}`, `update:${users.byEmail.userName}`].sort(),
    );

    const conflicts = await runAs(auditor, () => listConflicts(app.id, LIST));
    expect(conflicts.total).toBe(2);
    const byUser = new Map(conflicts.rows.map((c) => [c.userLabel, c]));
    expect(byUser.get(users.ambiguous.userName)).toMatchObject({ status: "open", reason: "2 accounts in the app have this email." });
    expect(byUser.get(users.ambiguous.userName)?.candidates.map((c) => c.userName).sort()).toEqual([`${users.ambiguous.userName}-a`, `${users.ambiguous.userName}-b`]);
    expect(byUser.get(users.split.userName)).toMatchObject({ reason: "The userName matches one account and the email another." });
    const searched = await runAs(auditor, () => listConflicts(app.id, { ...LIST, q: users.split.userName.toUpperCase() }));
    expect(searched.rows.map((c) => c.userLabel)).toEqual([users.split.userName]);

    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    // Repair sent the console's values; nothing was created twice.
    expect(remote(users.byName.userName)).toMatchObject({ externalId: users.byName.id, [ENTERPRISE]: { department: "Sales" }, displayName: "Test User" });
    expect(remote(`${users.byEmail.userName}-legacy`)).toBeUndefined();
    expect(remote(users.byEmail.userName)).toMatchObject({ externalId: users.byEmail.id });
    expect(remote(users.missing.userName)).toMatchObject({ active: true });
    expect(standIn.users()).toHaveLength(9);

    // A second run finds everything linked and in line, and keeps the open conflicts without duplicating them.
    await sync();
    const [second] = await runAs(admin, () => listRuns(app.id));
    expect(second.summary).toMatchObject({ linked: 0, created: 0, repaired: 0, conflicts: 2, unchanged: 3 });
    expect((await runAs(admin, () => listConflicts(app.id, LIST))).total).toBe(2);
  });

  it("adopts the app's value for chosen attributes instead of overwriting it, with an audit row", async () => {
    const { app, remote, sync, users } = await arrange({ adopt: ["displayName"] });
    await sync();
    const [run] = await runAs(admin, () => listRuns(app.id));
    expect(run.summary).toMatchObject({ adopted: 1, linked: 2, repaired: 2 });
    expect(await db.user.findUnique({ where: { id: users.byName.id } })).toMatchObject({ displayName: "Dr. Test User", department: "Sales" });
    const audit = await db.auditLog.findFirst({ where: { action: "user.adopt_from_app", targetId: users.byName.id } });
    expect(audit).toMatchObject({ actorEmail: admin.email });
    expect(JSON.parse(audit?.before ?? "{}")).toEqual({ displayName: "Test User" });
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    expect(remote(users.byName.userName)).toMatchObject({ displayName: "Dr. Test User", [ENTERPRISE]: { department: "Sales" } });
  });

  it("conflicts are resolved by linking a candidate, creating, or skipping; each is audited", async () => {
    const { standIn, app, remote, sync, users } = await arrange();
    await sync();
    const { rows } = await runAs(admin, () => listConflicts(app.id, LIST));
    const ambiguous = rows.find((c) => c.userLabel === users.ambiguous.userName)!;
    const split = rows.find((c) => c.userLabel === users.split.userName)!;
    const chosen = ambiguous.candidates.find((c) => c.userName.endsWith("-b"))!;

    await expect(runAs(admin, () => resolveConflict(ambiguous.id, { resolution: "link", candidateId: "nope" }))).rejects.toThrow("Choose one of the listed accounts.");
    await expect(runAs(auditor, () => resolveConflict(ambiguous.id, { resolution: "skip" }))).rejects.toThrow("You do not have permission to do this.");
    expect(await runAs(admin, () => resolveConflict(ambiguous.id, { resolution: "link", candidateId: chosen.id }))).toEqual({ status: "linked" });
    expect(await accountOf(app.id, users.ambiguous.id)).toMatchObject({ remoteId: chosen.id, state: "active" });
    expect(await runAs(admin, () => resolveConflict(split.id, { resolution: "skip" }))).toEqual({ status: "skipped" });
    await expect(runAs(admin, () => resolveConflict(split.id, { resolution: "create" }))).rejects.toThrow(`This conflict was already resolved (skipped) by ${admin.email}.`);
    expect(await db.auditLog.count({ where: { targetId: app.id, action: { in: ["sync_conflict.link", "sync_conflict.skip"] } } })).toBe(2);

    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    expect(standIn.users().find((u) => u.id === chosen.id)).toMatchObject({ userName: users.ambiguous.userName, externalId: users.ambiguous.id });
    expect(remote(`${users.ambiguous.userName}-a`)).toMatchObject({ active: true });

    // The skipped choice is not asked again while the candidates stay the same.
    await sync();
    expect((await runAs(admin, () => listConflicts(app.id, LIST))).total).toBe(0);
  });

  it("Create on a conflict queues a create job for the user", async () => {
    const { app, sync, users } = await arrange();
    await sync();
    const { rows } = await runAs(admin, () => listConflicts(app.id, LIST));
    const ambiguous = rows.find((c) => c.userLabel === users.ambiguous.userName)!;
    expect(await runAs(admin, () => resolveConflict(ambiguous.id, { resolution: "create" }))).toEqual({ status: "created" });
    const job = (await jobsOf(app.id)).find((j) => j.subjectId === users.ambiguous.id);
    expect(job).toMatchObject({ operation: "create", status: "queued", causedBy: admin.email });
  });

  it("Sync now is for admins; a second request joins the run under way; an app that fails ends the run as failed", async () => {
    const standIn = await startScimStandIn();
    standIns.push(standIn);
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: "wrong-token" });
    await expect(runAs(auditor, () => requestSync(app.id))).rejects.toThrow("You do not have permission to do this.");
    const first = await runAs(admin, () => requestSync(app.id));
    expect(await runAs(admin, () => requestSync(app.id))).toEqual({ runId: first.runId, alreadyRunning: true });
    await drainRuns({ appIds: [app.id] });
    const [run] = await runAs(admin, () => listRuns(app.id));
    expect(run.status).toBe("failed");
    expect(run.error).toMatch(/^Sync now failed: /);
    expect(run.error).not.toContain("wrong-token");
    expect(await db.auditLog.count({ where: { action: "app.sync_now", targetId: app.id } })).toBe(1);
  });

  it("repairs values changed by hand in the app with a PATCH of just those, and reactivates an account deactivated by hand", async () => {
    const standIn = await startScimStandIn();
    standIns.push(standIn);
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const [a, b] = [await insertUser({ department: "Ops" }), await insertUser()];
    const group = await seedGroup();
    await seedPolicy(app.id, [group.id]);
    await runAs(admin, () => addGroupMembers(group.id, [a.id, b.id]));
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const edit = (id: string, path: string, value: unknown) =>
      fetch(`${standIn.baseUrl}/Users/${id}`, {
        method: "PATCH",
        headers: { Authorization: `Bearer ${standIn.token}`, "Content-Type": "application/scim+json" },
        body: JSON.stringify({ schemas: [PATCH_OP_MESSAGE], Operations: [{ op: "replace", path, value }] }),
      });
    const remoteA = (await accountOf(app.id, a.id))!.remoteId!;
    const remoteB = (await accountOf(app.id, b.id))!.remoteId!;
    expect((await edit(remoteA, "displayName", "Changed by hand")).ok).toBe(true);
    expect((await edit(remoteB, "active", false)).ok).toBe(true);

    const { runId } = await runAs(admin, () => requestSync(app.id));
    await drainRuns({ appIds: [app.id] });
    const [run] = await runAs(admin, () => listRuns(app.id));
    expect(run).toMatchObject({ id: runId, status: "succeeded" });
    expect(run.summary).toMatchObject({ repaired: 2, unchanged: 0, linked: 0, conflicts: 0 });
    const before = standIn.requests.length;
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const writes = standIn.requests.slice(before).filter((r) => r.method !== "GET");
    expect(writes.find((r) => r.path === `/Users/${remoteA}`)?.body).toEqual({ schemas: [PATCH_OP_MESSAGE], Operations: [{ op: "replace", path: "displayName", value: "Test User" }] });
    expect(standIn.users().find((u) => u.id === remoteB)).toMatchObject({ active: true });
    expect(standIn.users().find((u) => u.id === remoteA)).toMatchObject({ displayName: "Test User" });
    expect((await db.app.findUnique({ where: { id: app.id } }))?.lastReconciledAt).not.toBeNull();
  });
});

describe("Sync now with push groups", () => {
  it("puts back a group member removed by hand in the app", async () => {
    const standIn = await startScimStandIn();
    standIns.push(standIn);
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, features: { pushGroups: true } });
    const [a, b] = [await insertUser(), await insertUser()];
    const group = await seedGroup();
    await seedPolicy(app.id, [group.id]);
    await runAs(admin, () => addGroupMembers(group.id, [a.id, b.id]));
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const pushed = standIn.groups().find((g) => g.displayName === group.name)!;
    expect(pushed.members).toHaveLength(2);
    const removed = (pushed.members as { value: string }[])[0].value;
    const res = await fetch(`${standIn.baseUrl}/Groups/${pushed.id}`, {
      method: "PATCH",
      headers: { Authorization: `Bearer ${standIn.token}`, "Content-Type": "application/scim+json" },
      body: JSON.stringify({ schemas: [PATCH_OP_MESSAGE], Operations: [{ op: "remove", path: `members[value eq "${removed}"]` }] }),
    });
    expect(res.ok).toBe(true);
    expect(standIn.groups().find((g) => g.id === pushed.id)?.members).toHaveLength(1);

    await runAs(admin, () => requestSync(app.id));
    await drainRuns({ appIds: [app.id] });
    const [run] = await runAs(admin, () => listRuns(app.id));
    expect(run.summary).toMatchObject({ groupsRepaired: 1, unchanged: 2 });
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const members = (standIn.groups().find((g) => g.id === pushed.id)?.members ?? []) as { value: string }[];
    expect(members.map((m) => m.value).sort()).toEqual((pushed.members as { value: string }[]).map((m) => m.value).sort());
  });
});

describe("scheduled reconciliation", () => {
  it("queues a run once the interval has passed, never twice, and not when turned off", async () => {
    const standIn = await startScimStandIn();
    standIns.push(standIn);
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const off = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    await db.app.update({ where: { id: off.id }, data: { reconcileIntervalHours: 0 } });
    const appIds = [app.id, off.id];
    const hours = (n: number) => new Date(app.createdAt.getTime() + n * 3_600_000);

    expect(await enqueueDueRuns({ appIds, now: hours(23) })).toEqual([]);
    expect(await enqueueDueRuns({ appIds, now: hours(24) })).toEqual([app.id]);
    expect(await enqueueDueRuns({ appIds, now: hours(24) })).toEqual([]);
    expect(await enqueueDueRuns({ appIds, now: hours(30) })).toEqual([]);
    expect(await db.reconciliationRun.findMany({ where: { appId: { in: appIds } } })).toEqual([expect.objectContaining({ appId: app.id, triggeredBy: "schedule", status: "queued" })]);

    await drainRuns({ appIds });
    const [run] = await runAs(auditor, () => listRuns(app.id));
    expect(run.status).toBe("succeeded");
    const last = (await db.app.findUnique({ where: { id: app.id } }))!.lastReconciledAt!;
    const after = (n: number) => new Date(last.getTime() + n * 3_600_000);
    expect(await enqueueDueRuns({ appIds, now: after(23) })).toEqual([]);
    expect(await enqueueDueRuns({ appIds, now: after(24) })).toEqual([app.id]);
    expect(await db.reconciliationRun.count({ where: { appId: off.id } })).toBe(0);
  });

  it("two schedulers racing queue one run", async () => {
    const standIn = await startScimStandIn();
    standIns.push(standIn);
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const now = new Date(app.createdAt.getTime() + 25 * 3_600_000);
    const results = await Promise.all([enqueueDueRuns({ appIds: [app.id], now }), enqueueDueRuns({ appIds: [app.id], now })]);
    expect(results.flat()).toEqual([app.id]);
    expect(await db.reconciliationRun.count({ where: { appId: app.id } })).toBe(1);
  });

  it("a queued run is claimed by one process only, and a run whose process died is taken over after its lease", async () => {
    const standIn = await startScimStandIn();
    standIns.push(standIn);
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const { runId } = await runAs(admin, () => requestSync(app.id));
    const claims = await Promise.all([claimRun("one", { appIds: [app.id] }), claimRun("two", { appIds: [app.id] })]);
    expect(claims.filter(Boolean)).toEqual([runId]);
    expect(await claimRun("three", { appIds: [app.id] })).toBeNull();
    const later = new Date(Date.now() + 61_000);
    expect(await claimRun("three", { appIds: [app.id], now: later })).toBe(runId);
    // The first owner lost the lease: it can no longer write the run; the new owner finishes it.
    expect(await executeRun(runId, "one")).toBeNull();
    expect(await executeRun(runId, "three")).toMatchObject({ unchanged: 0 });
    const [run] = await runAs(admin, () => listRuns(app.id));
    expect(run).toMatchObject({ id: runId, status: "succeeded" });
  });
});
