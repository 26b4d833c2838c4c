import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { deleteUsers } from "@/lib/users/delete-users";
import { defaultMapping } from "@/lib/scim/mapping";
import { updateUser } from "@/lib/users/update-user";
import { insertUser, makeAdmin } from "@/test/factories";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { NO_WAIT, accountOf, eventsOf, jobsOf, seedApp, seedGroup, seedPolicy } from "../test-support";
import { provisionNow } from "../provision-now";
import { retryJob } from "./retry-job";
import { claimJobs } from "./claim-jobs";
import { executeJob } from "./execute-job";
import { pauseApp } from "../pacing/pause";
import { drainJobs } from "./run-worker";

const USER = "urn:ietf:params:scim:schemas:core:2.0:User";
let standIn: ScimStandIn;
let admin: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  admin = await makeAdmin("admin");
});
afterEach(() => standIn.clearFaults());
afterAll(() => standIn.close());

async function arrange(members: number, app?: Awaited<ReturnType<typeof seedApp>>) {
  const theApp = app ?? (await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token }));
  const group = await seedGroup();
  await seedPolicy(theApp.id, [group.id]);
  const users = await Promise.all(Array.from({ length: members }, () => insertUser()));
  const grant = () => runAs(admin, () => addGroupMembers(group.id, users.map((u) => u.id)));
  return { app: theApp, group, users, grant };
}

const copies = (userName: string) => standIn.users().filter((u) => u.userName === userName);

describe("linking existing accounts", () => {
  it("finds an account that already exists in the app and links it instead of creating a duplicate", async () => {
    const { app, users, grant } = await arrange(1);
    const [user] = users;
    const seeded = await standIn.seedUser({ schemas: [USER], userName: user.userName, active: false });
    await grant();
    expect(await drainJobs({ appIds: [app.id] })).toMatchObject([{ action: "link", outcome: "success" }]);
    // Linked, reactivated and brought up to date with the console's values.
    expect(copies(user.userName)).toEqual([expect.objectContaining({ id: seeded.id, active: true, externalId: user.id, displayName: "Test User" })]);
    expect(await accountOf(app.id, user.id)).toMatchObject({ remoteId: seeded.id, state: "active" });
    expect((await eventsOf(app.id))[0].message).toContain("it was deactivated and is active again");
  });

  it("on a 409 from POST looks the account up again and links it, without a second POST", async () => {
    const { app, users, grant } = await arrange(1);
    const [user] = users;
    const seeded = await standIn.seedUser({ schemas: [USER], userName: user.userName });
    // The first look-up misses (some apps index late), so the POST hits the uniqueness conflict.
    standIn.setFault({ type: "notFound", match: { method: "GET", path: "/Users" } });
    const before = standIn.requests.length;
    await grant();
    expect(await drainJobs({ appIds: [app.id] })).toMatchObject([{ action: "link", status: "succeeded" }]);
    expect(standIn.requests.slice(before).filter((r) => r.method === "POST")).toHaveLength(1);
    expect(copies(user.userName)).toHaveLength(1);
    expect((await accountOf(app.id, user.id))?.remoteId).toBe(seeded.id);
  });
});

describe("a create whose answer was lost with its worker", () => {
  // The dead worker's POST reached the app (the account exists, with the user's id as externalId), but
  // nothing was recorded; its lease then runs out. Meanwhile the user left scope, so a re-plan alone
  // would find nothing to do and leave the account active.
  async function lostCreate(externalId?: string) {
    const { app, group, users, grant } = await arrange(1);
    const [user] = users;
    await grant();
    const [claimed] = await claimJobs("dead-worker", 1, { appIds: [app.id] });
    expect(claimed).toMatchObject({ subjectId: user.id, operation: "create" });
    await standIn.seedUser({ schemas: [USER], userName: user.userName, externalId: externalId ?? user.id, active: true });
    await db.provisioningJob.update({ where: { id: claimed.id }, data: { leaseUntil: new Date(Date.now() - 1_000) } });
    return { app, group, user };
  }

  it("finds and deactivates the account when the user left the group before the retry", async () => {
    const { app, group, user } = await lostCreate();
    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    expect(await drainJobs({ appIds: [app.id] })).toMatchObject([{ status: "succeeded", outcome: "success", action: "deactivate" }]);
    expect(copies(user.userName)).toEqual([expect.objectContaining({ active: false })]);
    expect((await eventsOf(app.id)).at(-1)).toMatchObject({ action: "deactivate", outcome: "success", message: expect.stringContaining("its answer was lost") });
  });

  it("also when the user was deleted from the directory", async () => {
    const { app, user } = await lostCreate();
    await runAs(admin, () => deleteUsers([user.id]));
    expect(await drainJobs({ appIds: [app.id] })).toMatchObject([{ status: "succeeded", action: "deactivate" }]);
    expect(copies(user.userName)).toEqual([expect.objectContaining({ active: false })]);
  });

  // One user provisioned, then removed: a worker claims the deprovisioning job, `reachApp` does what its
  // request did in the app, and the worker dies before recording it; then the user is back in the group.
  async function lostDeprovision(app: Awaited<ReturnType<typeof seedApp>>, operation: string, reachApp: (url: string, headers: Record<string, string>) => Promise<unknown>) {
    const { group, users, grant } = await arrange(1, app);
    const [user] = users;
    await grant();
    await drainJobs({ appIds: [app.id] });
    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    const [claimed] = await claimJobs("dead-worker", 1, { appIds: [app.id] });
    expect(claimed).toMatchObject({ operation });
    await reachApp(`${standIn.baseUrl}/Users/${copies(user.userName)[0].id}`, { authorization: `Bearer ${standIn.token}`, "content-type": "application/scim+json" });
    await db.provisioningJob.update({ where: { id: claimed.id }, data: { leaseUntil: new Date(Date.now() - 1_000) } });
    await runAs(admin, () => addGroupMembers(group.id, [user.id]));
    return user;
  }

  it("a lost deactivate is undone when the user is back in the group before the retry", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    const body = JSON.stringify({ schemas: ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], Operations: [{ op: "replace", path: "active", value: false }] });
    const user = await lostDeprovision(app, "deactivate", (url, headers) => fetch(url, { method: "PATCH", headers, body }));
    expect(await drainJobs({ appIds: [app.id] })).toMatchObject([{ status: "succeeded", action: "reactivate" }]);
    expect(copies(user.userName)).toEqual([expect.objectContaining({ active: true })]);
  });

  it("a lost delete is undone when the user is back in the group: the account is created again, once", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token, deprovisionMode: "delete", features: { deleteUsers: true } });
    const user = await lostDeprovision(app, "delete", (url, headers) => fetch(url, { method: "DELETE", headers }));
    expect(await drainJobs({ appIds: [app.id] })).toMatchObject([{ status: "succeeded", action: "create", outcome: "success" }]);
    const now = copies(user.userName);
    expect(now).toEqual([expect.objectContaining({ active: true, externalId: user.id })]);
    expect(await accountOf(app.id, user.id)).toMatchObject({ state: "active", remoteId: now[0].id });
  });

  it("leaves alone an account with the same userName that the console did not make", async () => {
    const { app, group, user } = await lostCreate("someone-else");
    await runAs(admin, () => removeGroupMembers(group.id, [user.id]));
    expect(await drainJobs({ appIds: [app.id] })).toMatchObject([{ status: "succeeded", outcome: "skipped" }]);
    expect(copies(user.userName)).toEqual([expect.objectContaining({ active: true })]);
    expect((await eventsOf(app.id)).at(-1)?.message).toContain("that the console cannot tell it made, so it was left alone");
  });
});

describe("failures", () => {
  it("honours Retry-After on 429: the job waits at least that long and the event says it will retry", async () => {
    const { app, grant } = await arrange(1);
    standIn.setFault({ type: "rateLimit", retryAfter: 30, match: { method: "POST", path: "/Users" } });
    await grant();
    const started = Date.now();
    expect(await drainJobs({ appIds: [app.id], retry: NO_WAIT })).toMatchObject([{ status: "queued", outcome: "retrying" }]);
    const [job] = await jobsOf(app.id);
    expect(job.status).toBe("queued");
    expect(job.attempts).toBe(0); // a rate-limited attempt does not count toward maxAttempts
    expect(job.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(started + 30_000);
    const [event] = await eventsOf(app.id);
    expect(event).toMatchObject({ outcome: "retrying", httpStatus: 429, attempt: 1 });
    expect(event.message).toMatch(/limiting the request rate \(HTTP 429\)\. The console will retry after 30 s\. .* is paused until then; rate-limited attempts do not count\. Next try in 30 s\./);
  });

  it("a job held back by another job's Retry-After sends nothing and its event says so, without an HTTP status", async () => {
    const { app, grant } = await arrange(1);
    await grant();
    const [job] = await claimJobs("worker-1", 1, { appIds: [app.id] });
    // Another job's answer paused the app after this one was claimed.
    await pauseApp(app.id, new Date(Date.now() + 30_000));
    const before = standIn.requests.length;
    expect(await executeJob(job)).toMatchObject({ status: "queued", outcome: "retrying" });
    expect(standIn.requests.length).toBe(before);
    const [event] = await eventsOf(app.id);
    expect(event).toMatchObject({ outcome: "retrying", httpStatus: null });
    expect(event.message).toMatch(/^Not sent: .* asked the console to wait \(Retry-After\) in an answer to another request\. .* is paused until then; rate-limited attempts do not count\. Next try in 30 s\.$/);
    expect((await jobsOf(app.id))[0]).toMatchObject({ status: "queued", attempts: 0 });
  });

  it("retries 503s with a new event per attempt, then succeeds", async () => {
    const { app, users, grant } = await arrange(1);
    standIn.setFault({ type: "serverError", status: 503, count: 2, match: { method: "POST", path: "/Users" } });
    await grant();
    await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    const events = await eventsOf(app.id);
    expect(events.map((e) => [e.outcome, e.attempt, e.httpStatus])).toEqual([
      ["retrying", 1, 503],
      ["retrying", 2, 503],
      ["success", 3, null],
    ]);
    expect(copies(users[0].userName)).toHaveLength(1);
  });

  it("retries a request the app never answers (timeout), then succeeds", async () => {
    const { app, users, grant } = await arrange(1);
    standIn.setFault({ type: "timeout", match: { method: "POST", path: "/Users" } });
    await grant();
    await drainJobs({ appIds: [app.id], retry: NO_WAIT, timeoutMs: 1_000 });
    const events = await eventsOf(app.id);
    expect(events.map((e) => e.outcome)).toEqual(["retrying", "success"]);
    expect(events[0].message).toMatch(/^The app did not answer within 1 s at \/Users\. The console will retry/);
    expect(copies(users[0].userName)).toHaveLength(1);
  });

  it("stops after the last attempt as failed; Retry queues it again and it then succeeds", async () => {
    const { app, users, grant } = await arrange(1);
    standIn.setFault({ type: "serverError", status: 502, count: 3, match: { method: "POST", path: "/Users" } });
    await grant();
    await drainJobs({ appIds: [app.id], retry: { ...NO_WAIT, maxAttempts: 3 } });
    const [job] = await jobsOf(app.id);
    expect(job).toMatchObject({ status: "failed", attempts: 3 });
    expect(job.lastError).toContain("Gave up after 3 attempts; use Retry once the app answers again.");
    expect(await accountOf(app.id, users[0].id)).toMatchObject({ state: "failed", remoteId: null });

    await expect(runAs(await makeAdmin("auditor"), () => retryJob(job.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await jobsOf(app.id))[0].status).toBe("failed");
    await runAs(admin, () => retryJob(job.id));
    expect(await drainJobs({ appIds: [app.id] })).toMatchObject([{ status: "succeeded", action: "create" }]);
    expect(await accountOf(app.id, users[0].id)).toMatchObject({ state: "active", lastError: null });
    await expect(runAs(admin, () => retryJob(job.id))).rejects.toThrow("Only failed provisioning work can be retried");
  });

  it("a 400 invalidValue fails only that user's job with the app's message; the others go through", async () => {
    const mapping = [...defaultMapping("scim").filter((r) => r.source !== "active"), { source: "customAttributes.status" as const, target: "active" }];
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    await db.app.update({ where: { id: app.id }, data: { mapping: JSON.stringify(mapping) } });
    const { users, grant } = await arrange(3, app);
    await db.user.update({ where: { id: users[1].id }, data: { customAttributes: JSON.stringify({ status: "yes" }) } });
    await grant();
    const results = await drainJobs({ appIds: [app.id], retry: NO_WAIT });
    expect(results.map((r) => r.status).sort()).toEqual(["failed", "succeeded", "succeeded"]);
    const failed = (await jobsOf(app.id)).find((j) => j.status === "failed");
    expect(failed?.subjectId).toBe(users[1].id);
    expect(failed?.attempts).toBe(1);
    const event = (await eventsOf(app.id)).find((e) => e.outcome === "failed");
    expect(event).toMatchObject({ httpStatus: 400, scimType: "invalidValue", userIdentifier: users[1].userName });
    expect(event?.message).toMatch(/^The app rejected the request as invalid \(HTTP 400, invalidValue\): .+\. Check this app's attribute mapping and the user's values\.$/);
    expect(copies(users[0].userName)).toHaveLength(1);
    expect(copies(users[2].userName)).toHaveLength(1);
  });

  it("a 404 on update marks the account gone and fails clearly, without creating a duplicate", async () => {
    const { app, users, grant } = await arrange(1);
    const [user] = users;
    await grant();
    await drainJobs({ appIds: [app.id] });
    standIn.setFault({ type: "notFound", match: { method: "PATCH" } });
    const before = standIn.requests.length;
    await runAs(admin, () => updateUser(user.id, { userName: user.userName, email: user.email, firstName: "Test", lastName: "User", title: "Gone" }));
    expect(await drainJobs({ appIds: [app.id], retry: NO_WAIT })).toMatchObject([{ status: "failed", outcome: "failed", action: "update" }]);
    expect(standIn.requests.slice(before).some((r) => r.method === "POST")).toBe(false);
    const account = await accountOf(app.id, user.id);
    expect(account?.state).toBe("gone");
    expect(account?.lastError).toBe(
      `The account of ${user.userName} no longer exists in ${app.name} (HTTP 404). It was marked as gone and not re-created, so nothing is duplicated; use Provision now to create it again.`,
    );

    // Provision now re-creates it, after looking it up first.
    await expect(runAs(await makeAdmin("approver"), () => provisionNow(user.id, app.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await runAs(admin, () => provisionNow(user.id, app.id))).toEqual({ queued: 1 });
    expect(await drainJobs({ appIds: [app.id] })).toMatchObject([{ status: "succeeded", action: "link" }]);
    expect(await accountOf(app.id, user.id)).toMatchObject({ state: "active", lastError: null });
    expect(copies(user.userName)).toHaveLength(1);
  });
});

describe("apps without PATCH", () => {
  it("send the whole user with PUT", async () => {
    const noPatch = await startScimStandIn({ patch: false });
    try {
      const app = await seedApp({ baseUrl: noPatch.baseUrl, token: noPatch.token, patch: false });
      const { users, grant } = await arrange(1, app);
      const [user] = users;
      await grant();
      await drainJobs({ appIds: [app.id] });
      await runAs(admin, () => updateUser(user.id, { userName: user.userName, email: user.email, firstName: "Test", lastName: "User", title: "Put" }));
      await drainJobs({ appIds: [app.id] });
      const writes = noPatch.requests.filter((r) => r.method === "PUT" || r.method === "PATCH");
      expect(writes.map((r) => r.method)).toEqual(["PUT"]);
      expect(noPatch.users()[0]).toMatchObject({ userName: user.userName, title: "Put" });
    } finally {
      await noPatch.close();
    }
  });
});
