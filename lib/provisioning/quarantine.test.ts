import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { replaceAppToken } from "@/lib/apps/replace-app-token";
import { resumeApp } from "@/lib/apps/resume-app";
import { verifyApp } from "@/lib/apps/verify-app";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { updateUser } from "@/lib/users/update-user";
import { insertUser, makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { FAILING_FOR_MS, FAILURES_TO_QUARANTINE, quarantineStatus } from "./quarantine";
import { NO_WAIT, jobsOf, seedApp, seedGroup, seedPolicy } from "./test-support";
import { drainJobs } from "./worker/run-worker";

let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  admin = await makeAdmin("admin");
});
afterEach(() => standIn.clearFaults());
afterAll(() => standIn.close());

async function arrange(members: number, token = standIn.token) {
  const app = await seedApp({ baseUrl: standIn.baseUrl, token, patch: true });
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  const users = await Promise.all(Array.from({ length: members }, () => insertUser()));
  await runAs(admin, () => addGroupMembers(group.id, users.map((u) => u.id)));
  return { app, group, users };
}

const appOf = (id: string) => db.app.findUniqueOrThrow({ where: { id } });
const fixToken = (id: string) => db.app.update({ where: { id }, data: { credentialsEnc: encryptSecret({ token: standIn.token }) } });
const copies = (userName: string) => standIn.users().filter((u) => u.userName === userName);
const pending = async (appId: string) => (await jobsOf(appId)).filter((j) => j.status === "queued").length;

describe("quarantine", () => {
  it("quarantines on the first 401, holds every job (none failed) and says why and what to do", async () => {
    const { app, users } = await arrange(3, "not-the-token");
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const quarantined = await appOf(app.id);
    expect(quarantined).toMatchObject({ health: "quarantined" });
    expect(quarantined.quarantinedAt).toBeInstanceOf(Date);
    expect(quarantined.healthMessage).toMatch(/rejected the credentials \(HTTP 401\).*Verify Credentials/);
    expect(quarantined.healthMessage).not.toContain("not-the-token");
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(["queued", "queued", "queued"]);
    // Held: a worker run claims nothing of the app while it is quarantined.
    expect(await drainJobs({ appIds: [app.id] })).toEqual([]);
    const audit = await db.auditLog.findMany({ where: { targetId: app.id, action: "app.quarantine" } });
    expect(audit).toEqual([expect.objectContaining({ actorEmail: "system" })]);
    expect(await runAs(admin, () => quarantineStatus(app.id))).toMatchObject({ waiting: users.length });
  });

  it("a 403 about one user fails only that user's job; the app keeps provisioning the others", async () => {
    standIn.setFault({ type: "forbidden", count: 1, match: { method: "POST", path: "/Users" } });
    const { app, users } = await arrange(3);
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    expect((await appOf(app.id)).health).not.toBe("quarantined");
    expect((await jobsOf(app.id)).map((j) => j.status).sort()).toEqual(["failed", "succeeded", "succeeded"]);
    const refused = await db.provisioningEvent.findMany({ where: { appId: app.id, httpStatus: 403 } });
    expect(refused).toHaveLength(1);
    expect(users.filter((u) => copies(u.userName).length === 1)).toHaveLength(2);
  });

  it("403s for three different users quarantine the app and hold all their jobs, none left failed", async () => {
    standIn.setFault({ type: "forbidden", count: 10, match: { method: "POST", path: "/Users" } });
    const { app, users } = await arrange(3);
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const quarantined = await appOf(app.id);
    expect(quarantined.health).toBe("quarantined");
    expect(quarantined.healthMessage).toMatch(/HTTP 403.*lacks admin rights/);
    expect((await jobsOf(app.id)).map((j) => j.status)).toEqual(users.map(() => "queued"));
  });

  it("rides out a short 503 storm, but quarantines an app failing for minutes; Resume converges without duplicates", async () => {
    const { app, users } = await arrange(12);
    standIn.setFault({ type: "serverError", status: 503, count: 10_000, match: { path: /^\/Users/ } });
    await drainJobs({ appIds: [app.id], retry: { ...NO_WAIT, maxAttempts: 1_000 }, maxRounds: 3 });
    // Thirty failed attempts within seconds: an outage, not yet persistent.
    expect((await appOf(app.id)).health).toBe("connected");
    // The same failures, as if they had started minutes ago.
    await db.provisioningEvent.updateMany({ where: { appId: app.id }, data: { at: new Date(Date.now() - FAILING_FOR_MS - 60_000) } });
    await drainJobs({ appIds: [app.id], retry: { ...NO_WAIT, maxAttempts: 1_000 }, maxRounds: 1 });
    const quarantined = await appOf(app.id);
    expect(quarantined.health).toBe("quarantined");
    expect(quarantined.healthMessage).toMatch(/nothing succeeded for 5 minutes/);
    expect(await pending(app.id)).toBe(12);
    expect(await drainJobs({ appIds: [app.id] })).toEqual([]);

    standIn.clearFaults();
    await runAs(admin, () => resumeApp(app.id));
    expect(await appOf(app.id)).toMatchObject({ health: "connected", quarantinedAt: null });
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    for (const user of users) expect(copies(user.userName)).toHaveLength(1);
    expect((await jobsOf(app.id)).every((j) => j.status === "succeeded")).toBe(true);
  });

  it("never counts rate limits (429) as the app failing: pacing handles them, even for minutes", async () => {
    const { app } = await arrange(12);
    standIn.setFault({ type: "rateLimit", retryAfter: 0, count: 30, match: { path: /^\/Users/ } });
    await drainJobs({ appIds: [app.id], retry: { ...NO_WAIT, maxAttempts: 1_000 }, maxRounds: 3 });
    await db.provisioningEvent.updateMany({ where: { appId: app.id }, data: { at: new Date(Date.now() - FAILING_FOR_MS - 60_000) } });
    const recent = new Date(Date.now() - 1_000);
    standIn.setFault({ type: "rateLimit", retryAfter: 0, count: 10, match: { path: /^\/Users/ } });
    await drainJobs({ appIds: [app.id], retry: { ...NO_WAIT, maxAttempts: 1_000 }, maxRounds: 1 });
    // More 429s after minutes of them (well over FAILURES_TO_QUARANTINE), nothing succeeded: still not quarantined.
    expect(await db.provisioningEvent.count({ where: { appId: app.id, httpStatus: 429, at: { lt: recent } } })).toBeGreaterThanOrEqual(FAILURES_TO_QUARANTINE);
    expect(await db.provisioningEvent.count({ where: { appId: app.id, httpStatus: 429, at: { gte: recent } } })).toBeGreaterThan(0);
    expect((await appOf(app.id)).health).toBe("connected");
    expect(await db.auditLog.count({ where: { targetId: app.id, action: "app.quarantine" } })).toBe(0);
  });

  it("keeps changes made while quarantined and applies them after Resume in each user's original order", async () => {
    const { app, group, users } = await arrange(4, "wrong");
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    expect((await appOf(app.id)).health).toBe("quarantined");
    // New changes still queue while the app is held.
    await runAs(admin, () => updateUser(users[0].id, { userName: users[0].userName, email: users[0].email, firstName: "Test", lastName: "User", title: "Edited while held" }));
    await runAs(admin, () => removeGroupMembers(group.id, [users[1].id]));
    await fixToken(app.id);
    const before = standIn.requests.length;
    await runAs(admin, () => resumeApp(app.id));
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });

    const byUser = new Map(standIn.users().map((u) => [u.userName, u]));
    expect(byUser.get(users[0].userName)).toMatchObject({ title: "Edited while held", active: true });
    expect(byUser.get(users[2].userName)).toMatchObject({ active: true });
    // users[1] left the group before its account existed: it is either never created or created then deactivated.
    const removed = byUser.get(users[1].userName);
    if (removed) expect(removed.active).toBe(false);
    const writes = standIn.requests.slice(before).filter((r) => r.method !== "GET");
    const id0 = byUser.get(users[0].userName)?.id;
    const forUser0 = writes.filter((r) => (r.method === "POST" && (r.body as { userName?: string }).userName === users[0].userName) || r.path === `/Users/${id0}`);
    expect(forUser0[0]?.method).toBe("POST");
    expect(writes.filter((r) => r.method === "POST" && (r.body as { userName?: string }).userName === users[0].userName)).toHaveLength(1);
    expect(await pending(app.id)).toBe(0);
  });

  it("resumes when Verify Credentials succeeds, and stays held while it fails", async () => {
    const { app, users } = await arrange(2, "wrong");
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    await runAs(admin, () => verifyApp(app.id));
    expect((await appOf(app.id)).health).toBe("quarantined");
    expect(await drainJobs({ appIds: [app.id] })).toEqual([]);

    await fixToken(app.id);
    await runAs(admin, () => verifyApp(app.id));
    expect(await appOf(app.id)).toMatchObject({ health: "connected", quarantinedAt: null });
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    for (const user of users) expect(copies(user.userName)).toHaveLength(1);
  });

  it("stays held when a replaced token is rejected too; a working token lifts it and the held jobs are due at once", async () => {
    const { app, users } = await arrange(2, "wrong");
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    expect((await appOf(app.id)).health).toBe("quarantined");
    await runAs(admin, () => replaceAppToken(app.id, { token: "still-the-wrong-token" }));
    expect((await appOf(app.id)).health).toBe("quarantined");
    // Jobs waiting out a long back-off must not keep waiting once the app works again.
    const later = new Date(Date.now() + 3_600_000);
    await db.provisioningJob.updateMany({ where: { appId: app.id, status: "queued" }, data: { nextAttemptAt: later } });

    await runAs(admin, () => replaceAppToken(app.id, { token: standIn.token }));
    expect(await appOf(app.id)).toMatchObject({ health: "connected", quarantinedAt: null });
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    for (const user of users) expect(copies(user.userName)).toHaveLength(1);
  });

  it("lets only admins resume: an auditor gets FORBIDDEN and the app stays held", async () => {
    const { app } = await arrange(1, "wrong");
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const auditor = await makeAdmin("auditor");
    await expect(runAs(auditor, () => resumeApp(app.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await appOf(app.id)).health).toBe("quarantined");
    await runAs(admin, () => resumeApp(app.id));
    await expect(runAs(admin, () => resumeApp(app.id))).rejects.toThrow(/is not quarantined/);
    const audit = await db.auditLog.findMany({ where: { targetId: app.id, action: "app.resume" } });
    expect(audit).toEqual([expect.objectContaining({ actorEmail: admin.email })]);
  });
});
