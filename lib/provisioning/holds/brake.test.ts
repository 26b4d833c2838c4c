import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { addGroupMembers } from "@/lib/groups/add-group-members";
import { removeGroupMembers } from "@/lib/groups/remove-group-members";
import { updateSyncSettings } from "@/lib/reconcile/sync-settings";
import { startScimStandIn, type ScimStandIn } from "@/test/scim-standin";
import { insertUser, makeAdmin } from "@/test/factories";
import { brakeThreshold, holdSummary } from "../brake-gate";
import { NO_WAIT, eventsOf, jobsOf, seedApp, seedGroup, seedPolicy } from "../test-support";
import { claimJobs } from "../worker/claim-jobs";
import { drainJobs } from "../worker/run-worker";
import { cancelHold, releaseHold } from "./decide-hold";
import { listHoldJobs, listPendingHolds } from "./list-holds";

let standIn: ScimStandIn;
let admin: Actor;
let auditor: Actor;

beforeAll(async () => {
  standIn = await startScimStandIn();
  admin = await makeAdmin("admin");
  auditor = await makeAdmin("auditor");
});
afterAll(() => standIn.close());

/** An app whose policy group has `size` provisioned members (brake: 20 %, at least 10). */
async function arrange(size: number) {
  const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
  const users: Awaited<ReturnType<typeof insertUser>>[] = [];
  for (let i = 0; i < size; i += 1) users.push(await insertUser());
  const group = await seedGroup();
  await seedPolicy(app.id, [group.id]);
  await runAs(admin, () => addGroupMembers(group.id, users.map((u) => u.id)));
  const drain = () => drainJobs({ appIds: [app.id], retry: NO_WAIT });
  await drain();
  expect(await db.appAccount.count({ where: { appId: app.id, state: "active" } })).toBe(size);
  return { app, group, users, drain };
}

const remoteActive = (userName: string) => standIn.users().find((u) => u.userName === userName)?.active;
const LIST = { page: 1, pageSize: 25, sort: "subjectLabel" as const, dir: "asc" as const, q: "" };

describe("the mass-change brake", () => {
  it("threshold is the larger of the minimum and the percentage of accounts", () => {
    expect(brakeThreshold({ brakePercent: 20, brakeMinimum: 10 }, 30)).toBe(10);
    expect(brakeThreshold({ brakePercent: 20, brakeMinimum: 10 }, 1200)).toBe(240);
    expect(holdSummary(340, 0, 1200)).toBe("Deactivate 340 of 1,200 accounts");
    expect(holdSummary(3, 12, 200)).toBe("Deactivate 3 and delete 12 of 200 accounts");
  });

  it("holds a change that would deactivate more accounts than the threshold; the worker never claims held jobs", async () => {
    const { app, group, users, drain } = await arrange(30);
    const removed = users.slice(0, 11);
    await runAs(admin, () => removeGroupMembers(group.id, removed.map((u) => u.id)));
    const jobs = (await jobsOf(app.id)).filter((j) => j.operation === "deactivate");
    expect(jobs).toHaveLength(11);
    expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(["held"]));
    const [hold] = await runAs(admin, () => listPendingHolds(app.id));
    expect(hold).toMatchObject({ summary: "Deactivate 11 of 30 accounts", operationCount: 11, threshold: 10, causedBy: admin.email, jobCount: 11 });
    expect(jobs.every((j) => j.holdId === hold.id)).toBe(true);

    expect(await claimJobs("test-worker", 50, { appIds: [app.id] })).toEqual([]);
    await drain();
    expect(removed.every((u) => remoteActive(u.userName) === true)).toBe(true);
    const page = await runAs(auditor, () => listHoldJobs(hold.id, LIST));
    expect(page.total).toBe(11);
    expect(page.rows.map((r) => r.subjectLabel)).toEqual(removed.map((u) => u.userName).sort());
    // Search ignores case on both databases.
    const searched = await runAs(auditor, () => listHoldJobs(hold.id, { ...LIST, q: removed[0].userName.toUpperCase() }));
    expect(searched.rows.map((r) => r.subjectLabel)).toEqual([removed[0].userName]);
  });

  it("lets a change at the threshold through", async () => {
    const { app, group, users } = await arrange(30);
    await runAs(admin, () => removeGroupMembers(group.id, users.slice(0, 10).map((u) => u.id)));
    const jobs = (await jobsOf(app.id)).filter((j) => j.operation === "deactivate");
    expect(jobs).toHaveLength(10);
    expect(jobs.every((j) => j.status === "queued" && j.holdId === null)).toBe(true);
    expect(await runAs(admin, () => listPendingHolds(app.id))).toEqual([]);
  });

  it("holds nothing when the app's brake is off", async () => {
    const { app, group, users } = await arrange(12);
    await runAs(admin, () => updateSyncSettings(app.id, { brakeEnabled: false, brakePercent: "20", brakeMinimum: "10", reconcileIntervalHours: "24", adoptAttributes: [] }));
    await runAs(admin, () => removeGroupMembers(group.id, users.map((u) => u.id)));
    expect((await jobsOf(app.id)).filter((j) => j.status === "held")).toEqual([]);
  });

  it("release queues the held jobs in their order and the deactivations reach the app", async () => {
    const { app, group, users, drain } = await arrange(30);
    const removed = users.slice(0, 12);
    await runAs(admin, () => removeGroupMembers(group.id, removed.map((u) => u.id)));
    const [hold] = await runAs(admin, () => listPendingHolds(app.id));
    const heldOrder = (await jobsOf(app.id)).filter((j) => j.holdId === hold.id).map((j) => j.id);

    expect(await runAs(admin, () => releaseHold(hold.id))).toEqual({ released: 12 });
    const queued = (await jobsOf(app.id)).filter((j) => j.holdId === hold.id);
    expect(queued.map((j) => j.id)).toEqual(heldOrder);
    expect(queued.every((j) => j.status === "queued")).toBe(true);
    await drain();
    expect(removed.every((u) => remoteActive(u.userName) === false)).toBe(true);
    expect(users.slice(12).every((u) => remoteActive(u.userName) === true)).toBe(true);
    expect(await db.provisioningHold.findUnique({ where: { id: hold.id } })).toMatchObject({ status: "released", decidedBy: admin.email });
    const audit = await db.auditLog.findFirst({ where: { action: "provisioning.hold.release", targetId: app.id } });
    expect(audit?.actorEmail).toBe(admin.email);
    await expect(runAs(admin, () => releaseHold(hold.id))).rejects.toThrow(`This change was already released by ${admin.email}.`);
  });

  it("cancel drops the held jobs with a skipped event each, and nothing reaches the app", async () => {
    const { app, group, users, drain } = await arrange(30);
    const removed = users.slice(0, 11);
    await runAs(admin, () => removeGroupMembers(group.id, removed.map((u) => u.id)));
    const [hold] = await runAs(admin, () => listPendingHolds(app.id));
    expect(await runAs(admin, () => cancelHold(hold.id))).toEqual({ cancelled: 11 });
    await drain();
    expect(removed.every((u) => remoteActive(u.userName) === true)).toBe(true);
    const jobs = (await jobsOf(app.id)).filter((j) => j.holdId === hold.id);
    expect(jobs.every((j) => j.status === "cancelled")).toBe(true);
    const skipped = (await eventsOf(app.id)).filter((e) => e.outcome === "skipped" && e.action === "deactivate");
    expect(skipped).toHaveLength(11);
    expect(skipped[0].message).toBe(`Cancelled by ${admin.email}: the mass-change brake held this change (Deactivate 11 of 30 accounts) and it was not sent to ${app.name}.`);
    expect(await db.auditLog.count({ where: { action: "provisioning.hold.cancel", targetId: app.id } })).toBe(1);
  });

  it("an auditor can see held changes but cannot release, cancel or change the brake", async () => {
    const { app, group, users } = await arrange(30);
    await runAs(admin, () => removeGroupMembers(group.id, users.slice(0, 11).map((u) => u.id)));
    const [hold] = await runAs(auditor, () => listPendingHolds(app.id));
    await expect(runAs(auditor, () => releaseHold(hold.id))).rejects.toThrow("You do not have permission to do this.");
    await expect(runAs(auditor, () => cancelHold(hold.id))).rejects.toThrow("You do not have permission to do this.");
    await expect(runAs(auditor, () => updateSyncSettings(app.id, { brakeEnabled: false, brakePercent: "5", brakeMinimum: "1", reconcileIntervalHours: "0" }))).rejects.toThrow("You do not have permission to do this.");
    expect(await db.provisioningHold.findUnique({ where: { id: hold.id } })).toMatchObject({ status: "pending" });
  });

  it("brake settings are validated and audited", async () => {
    const app = await seedApp({ baseUrl: standIn.baseUrl, token: standIn.token });
    await expect(runAs(admin, () => updateSyncSettings(app.id, { brakeEnabled: true, brakePercent: "0", brakeMinimum: "x", reconcileIntervalHours: "-1" }))).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["brakePercent"], message: "Percent of accounts must be at least 1." }),
        expect.objectContaining({ path: ["brakeMinimum"] }),
        expect.objectContaining({ path: ["reconcileIntervalHours"], message: "Reconciliation interval must be at least 0." }),
      ]),
    });
    expect(await runAs(admin, () => updateSyncSettings(app.id, { brakeEnabled: "on", brakePercent: "5", brakeMinimum: "50", reconcileIntervalHours: "6", adoptAttributes: ["title"] }))).toEqual({ changed: true });
    expect(await db.app.findUnique({ where: { id: app.id } })).toMatchObject({ brakePercent: 5, brakeMinimum: 50, reconcileIntervalHours: 6, adoptAttributes: '["title"]' });
    const audit = await db.auditLog.findFirst({ where: { action: "app.sync_settings.update", targetId: app.id } });
    expect(JSON.parse(audit?.before ?? "{}")).toMatchObject({ brakePercent: 20, brakeMinimum: 10 });
    await expect(runAs(admin, () => updateSyncSettings(app.id, { brakeEnabled: true, brakePercent: "5", brakeMinimum: "50", reconcileIntervalHours: "6", adoptAttributes: ["userName"] }))).rejects.toThrow(
      "These attributes cannot be adopted from the app: userName.",
    );
  });
});
