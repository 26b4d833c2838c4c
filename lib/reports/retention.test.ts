import { describe, expect, it } from "vitest";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { seedApp } from "@/lib/provisioning/test-support";
import { asRole, insertUser, makeAdmin, unique } from "@/test/factories";
import { z } from "zod";
import { listAccessAt } from "./access-at";
import { getRetentionStatus, RETENTION_KEY, setRetentionDays } from "./retention";
import { acquirePurgeLease, PURGE_LEASE_KEY, purgeEventsBefore, releasePurgeLease, runRetentionPurgeIfDue } from "./retention-purge";

// Tests share one database with other files: every event here is dated in the 1980s, and every cutoff
// is before 1990, so the purge can only touch this file's rows.
const OLD = (year: number, month = 0, day = 1) => new Date(Date.UTC(year, month, day, 12));
const DAY_MS = 86_400_000;

async function oldEvents(appId: string, appName: string, rows: { userId: string; action: string; at: Date; outcome?: string; subjectType?: string }[]) {
  await db.provisioningEvent.createMany({
    data: rows.map((r) => ({
      appId,
      appName,
      userId: r.userId,
      userIdentifier: r.userId,
      subjectType: r.subjectType ?? "user",
      action: r.action,
      outcome: r.outcome ?? "success",
      message: "seeded",
      at: r.at,
    })),
  });
}

describe("retention setting", () => {
  it("defaults to 400 days; an admin changes it and the change is audited", async () => {
    await db.setting.deleteMany({ where: { key: RETENTION_KEY } });
    expect(await asRole("auditor", () => getRetentionStatus())).toMatchObject({ days: 400, isDefault: true });
    const admin = await makeAdmin("admin");
    await runAs(admin, () => setRetentionDays({ days: "90" }));
    expect(await asRole("auditor", () => getRetentionStatus())).toMatchObject({ days: 90, isDefault: false, updatedBy: admin.email });
    const audit = await db.auditLog.findFirst({ where: { actorId: admin.id, action: "settings.retention.update" } });
    expect(audit && { before: JSON.parse(audit.before ?? "null"), after: JSON.parse(audit.after ?? "null") }).toEqual({ before: { days: 400 }, after: { days: 90 } });
    await runAs(admin, () => setRetentionDays({ days: 400 }));
  });

  it.each([
    ["6", "Keep events at least 7 days."],
    ["3651", "Keep events at most 3650 days (10 years)."],
    ["30.5", "Enter a whole number of days."],
    ["abc", "Enter a number of days."],
    ["", "Keep events at least 7 days."],
  ])("rejects %j with %j and changes nothing", async (days, message) => {
    const before = await db.setting.findUnique({ where: { key: RETENTION_KEY } });
    const error = await asRole("admin", () => setRetentionDays({ days })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(z.ZodError);
    expect((error as z.ZodError).issues[0].message).toBe(message);
    expect(await db.setting.findUnique({ where: { key: RETENTION_KEY } })).toEqual(before);
  });

  it("approvers and auditors cannot change it", async () => {
    for (const role of ["approver", "auditor"] as const) {
      await expect(asRole(role, () => setRetentionDays({ days: 30 }))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(asRole(role, () => runRetentionPurgeIfDue({ now: OLD(1989) }))).rejects.toBeInstanceOf(ForbiddenError);
    }
  });
});

describe("retention purge", () => {
  it("deletes only events older than the cutoff, in batches, keeping each account's last state change", async () => {
    const app = await seedApp({ baseUrl: "https://scim.example.test/scim/v2", token: "unused-token" });
    const longLived = await insertUser();
    const left = await insertUser();
    await oldEvents(app.id, app.name, [
      { userId: longLived.id, action: "create", at: OLD(1980), outcome: "failed" },
      { userId: longLived.id, action: "create", at: OLD(1980, 1) },
      { userId: longLived.id, action: "update", at: OLD(1981) },
      { userId: left.id, action: "create", at: OLD(1980) },
      { userId: left.id, action: "deactivate", at: OLD(1982) },
      { userId: left.id, action: "reactivate", at: OLD(1983) },
      { userId: left.id, action: "deactivate", at: OLD(1986) },
      { userId: unique("group"), action: "group_push", at: OLD(1981), subjectType: "group" },
      { userId: longLived.id, action: "update", at: OLD(1987) },
    ]);
    const activeAt = async (at: Date) =>
      (await asRole("auditor", () => listAccessAt({ appId: app.id, at }, { page: 1, pageSize: 25, sort: "user", dir: "asc", q: "" }))).rows.map((r) => r.userId).sort();
    const before1984 = await activeAt(OLD(1984));
    expect(before1984).toEqual([longLived.id, left.id].sort());

    const deleted = await asRole("admin", () => purgeEventsBefore(OLD(1985), { batchSize: 2 }));
    // Gone: the failed create, both updates before 1985, the group push, the create and first deactivate of `left`.
    expect(deleted).toBe(5);
    const kept = await db.provisioningEvent.findMany({ where: { appId: app.id }, orderBy: { at: "asc" }, select: { userId: true, action: true, at: true } });
    expect(kept).toEqual([
      { userId: longLived.id, action: "create", at: OLD(1980, 1) },
      { userId: left.id, action: "reactivate", at: OLD(1983) },
      { userId: left.id, action: "deactivate", at: OLD(1986) },
      { userId: longLived.id, action: "update", at: OLD(1987) },
    ]);
    // Access from the cutoff on is answered as before the purge.
    expect(await activeAt(OLD(1985))).toEqual([longLived.id, left.id].sort());
    expect(await activeAt(OLD(1987))).toEqual([longLived.id]);
    // Running it again deletes nothing more.
    expect(await asRole("admin", () => purgeEventsBefore(OLD(1985)))).toBe(0);
  });

  it("runs once a day, records its result, and skips while another process holds the lease", async () => {
    await db.setting.deleteMany({ where: { key: { in: ["reports.retentionPurge", PURGE_LEASE_KEY] } } });
    const app = await seedApp({ baseUrl: "https://scim.example.test/scim/v2", token: "unused-token" });
    await oldEvents(app.id, app.name, [{ userId: unique("u"), action: "update", at: OLD(1970) }]);
    // Keep 400 days as of 1975: the cutoff lands in 1973, after the event.
    const now = OLD(1975);
    expect(await acquirePurgeLease("other-process", now)).toBe(true);
    expect(await asRole("admin", () => runRetentionPurgeIfDue({ now }))).toBeNull();
    await releasePurgeLease("other-process");

    const status = await asRole("admin", () => runRetentionPurgeIfDue({ now }));
    expect(status).toMatchObject({ at: now.toISOString(), cutoff: new Date(now.getTime() - 400 * DAY_MS).toISOString(), deleted: 1 });
    expect(await db.provisioningEvent.count({ where: { appId: app.id } })).toBe(0);
    expect((await asRole("auditor", () => getRetentionStatus())).lastPurge).toEqual(status);
    expect(await db.setting.findUnique({ where: { key: PURGE_LEASE_KEY } })).toBeNull();
    // Not due again within a day; due after one.
    expect(await asRole("admin", () => runRetentionPurgeIfDue({ now: new Date(now.getTime() + DAY_MS - 1) }))).toBeNull();
    expect(await asRole("admin", () => runRetentionPurgeIfDue({ now: new Date(now.getTime() + DAY_MS) }))).toMatchObject({ deleted: 0 });
    await db.setting.deleteMany({ where: { key: "reports.retentionPurge" } });
  });

  it("an expired lease can be taken over by exactly one of two processes", async () => {
    await db.setting.deleteMany({ where: { key: PURGE_LEASE_KEY } });
    const t0 = OLD(1976);
    expect(await acquirePurgeLease("crashed", t0)).toBe(true);
    const later = new Date(t0.getTime() + 11 * 60_000);
    const results = await Promise.all([acquirePurgeLease("a", later), acquirePurgeLease("b", later)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await releasePurgeLease(results[0] ? "a" : "b");
    expect(await db.setting.findUnique({ where: { key: PURGE_LEASE_KEY } })).toBeNull();
  });
});
