// The last-admin rule needs to know every admin in the database, so this file runs against a
// database of its own (other test files add admins to the shared one in parallel).
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

const fresh = await vi.hoisted(async () => {
  if ((globalThis as { __consoleDb?: unknown }).__consoleDb) throw new Error("lib/db was loaded before this file could pick its database");
  const { createTestDatabase } = await import("../../scripts/test-db.mjs");
  const url = createTestDatabase(process.env.TEST_LANE === "postgres" ? "postgres" : "sqlite", "lastadmin");
  process.env.DATABASE_URL = url;
  return { url };
});

import { dropTestDatabase } from "@/scripts/test-db.mjs";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { LAST_ADMIN } from "@/lib/schemas/admin";
import { makeAdmin } from "@/test/factories";
import { changeAdminRole } from "./change-admin-role";
import { assertAnotherActiveAdmin } from "./last-admin";
import { disableAdmin, enableAdmin } from "./set-admin-disabled";

afterAll(async () => {
  await db.$disconnect();
  if (!process.env.KEEP_TEST_DB) dropTestDatabase(fresh.url);
});

// Every test starts with no active admin and arranges the ones it needs.
beforeEach(async () => {
  await db.admin.updateMany({ where: { role: "admin" }, data: { disabled: true } });
});

async function activeAdmins() {
  return db.admin.count({ where: { role: "admin", disabled: false } });
}

describe("the last active admin", () => {
  it("is the only database this file uses", () => {
    expect(fresh.url).toBe(process.env.DATABASE_URL);
  });

  it("cannot demote or disable themself; nothing changes and nothing is audited", async () => {
    const me = await makeAdmin("admin");
    // Neither a disabled admin nor an active approver keeps the console administrable.
    await makeAdmin("admin", { disabled: true });
    await makeAdmin("approver");
    await runAs(me, async () => {
      await expect(changeAdminRole(me.id, { role: "auditor" })).rejects.toThrow(new DomainError(LAST_ADMIN));
      await expect(disableAdmin(me.id)).rejects.toThrow(LAST_ADMIN);
    });
    expect(await db.admin.findUniqueOrThrow({ where: { id: me.id } })).toMatchObject({ role: "admin", disabled: false, sessionVersion: 1 });
    expect(await db.auditLog.count({ where: { targetId: me.id } })).toBe(0);
  });

  it("can step down once another admin is active, and that admin is then the last", async () => {
    const me = await makeAdmin("admin");
    const other = await makeAdmin("admin");
    expect((await runAs(me, () => changeAdminRole(me.id, { role: "approver" }))).role).toBe("approver");
    await expect(runAs(other, () => disableAdmin(other.id))).rejects.toThrow(LAST_ADMIN);
    expect(await activeAdmins()).toBe(1);
  });

  it("counts an admin who is enabled again", async () => {
    const me = await makeAdmin("admin");
    const returning = await makeAdmin("admin", { disabled: true });
    await expect(runAs(me, () => disableAdmin(me.id))).rejects.toThrow(LAST_ADMIN);
    await runAs(me, () => enableAdmin(returning.id));
    expect((await runAs(me, () => disableAdmin(me.id))).disabled).toBe(true);
  });

  it("demoting a disabled admin is allowed even when one active admin is left", async () => {
    const me = await makeAdmin("admin");
    const dormant = await makeAdmin("admin", { disabled: true });
    expect((await runAs(me, () => changeAdminRole(dormant.id, { role: "auditor" }))).role).toBe("auditor");
  });

  it("two admins demoting each other at the same moment: exactly one succeeds", async () => {
    const a = await makeAdmin("admin");
    const b = await makeAdmin("admin");
    const results = await Promise.allSettled([
      runAs(a, () => changeAdminRole(b.id, { role: "auditor" })),
      runAs(b, () => disableAdmin(a.id)),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const refused = results.find((r) => r.status === "rejected");
    expect(refused?.status === "rejected" && refused.reason).toBeInstanceOf(DomainError);
    expect(await activeAdmins()).toBe(1);
  });

  it("assertAnotherActiveAdmin reads inside the caller's transaction", async () => {
    const me = await makeAdmin("admin");
    await expect(db.$transaction((tx) => assertAnotherActiveAdmin(tx, me.id))).rejects.toThrow(LAST_ADMIN);
    const other = await makeAdmin("admin");
    await expect(db.$transaction((tx) => assertAnotherActiveAdmin(tx, me.id))).resolves.toBeUndefined();
    // A change earlier in the same transaction counts before it commits.
    await expect(
      db.$transaction(async (tx) => {
        await tx.admin.update({ where: { id: other.id }, data: { disabled: true } });
        await assertAnotherActiveAdmin(tx, me.id);
      }),
    ).rejects.toThrow(LAST_ADMIN);
    expect((await db.admin.findUniqueOrThrow({ where: { id: other.id } })).disabled).toBe(false);
  });
});
