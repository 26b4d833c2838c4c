import { describe, expect, it, vi } from "vitest";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { makeAdmin, unique } from "@/test/factories";
import { listOwnPasskeys, removePasskey, renamePasskey } from "./passkeys-manage";

vi.mock("next/headers", () => import("@/test/passkey-request"));

// The second-factor requirement is one setting every test file shares; these tests leave it at its
// default ("admins"): admins are covered, approvers and auditors are not.

async function addPasskey(adminId: string, name = "Laptop", deviceType = "singleDevice") {
  return db.passkey.create({ data: { adminId, credentialId: unique("cred"), publicKey: "pk-not-shown", deviceType, name } });
}

describe("own passkeys", () => {
  it("lists only the operator's own passkeys, with their kind and no key material", async () => {
    const [me, other] = [await makeAdmin("approver"), await makeAdmin("approver")];
    await addPasskey(me.id, "Laptop");
    await addPasskey(me.id, "Phone", "multiDevice");
    await addPasskey(other.id, "Not mine");
    const rows = await runAs(me, () => listOwnPasskeys());
    expect(rows.map((r) => [r.name, r.kind])).toEqual([
      ["Laptop", "device-bound"],
      ["Phone", "synced"],
    ]);
    expect(Object.keys(rows[0]).sort()).toEqual(["backedUp", "createdAt", "id", "kind", "lastUsedAt", "name"]);
  });

  it("renames an own passkey, audited with the old and new name", async () => {
    const me = await makeAdmin("auditor");
    const passkey = await addPasskey(me.id, "Laptop");
    expect(await runAs(me, () => renamePasskey(passkey.id, { name: "  Work laptop " }))).toMatchObject({ id: passkey.id, name: "Work laptop" });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "operator.passkey.renamed", targetId: passkey.id } });
    expect([audit.actorId, JSON.parse(audit.before ?? "null"), JSON.parse(audit.after ?? "null")]).toEqual([me.id, { name: "Laptop" }, { name: "Work laptop" }]);
  });

  it("refuses to rename or remove another operator's passkey, and changes nothing", async () => {
    const [me, other] = [await makeAdmin("approver"), await makeAdmin("approver")];
    const theirs = await addPasskey(other.id, "Theirs");
    await addPasskey(other.id, "Theirs too");
    await expect(runAs(me, () => renamePasskey(theirs.id, { name: "Mine now" }))).rejects.toThrow("not one of yours");
    await expect(runAs(me, () => removePasskey(theirs.id))).rejects.toThrow("not one of yours");
    expect(await db.passkey.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({ name: "Theirs" });
    expect(await db.auditLog.count({ where: { targetId: theirs.id } })).toBe(0);
  });

  it("refuses an empty or too long name", async () => {
    const me = await makeAdmin("approver");
    const passkey = await addPasskey(me.id);
    await expect(runAs(me, () => renamePasskey(passkey.id, { name: "   " }))).rejects.toThrow("Name is required.");
    await expect(runAs(me, () => renamePasskey(passkey.id, { name: "x".repeat(61) }))).rejects.toThrow("at most 60 characters");
    expect((await db.passkey.findUniqueOrThrow({ where: { id: passkey.id } })).name).toBe("Laptop");
  });

  it("removes an own passkey, audited", async () => {
    const me = await makeAdmin("approver");
    const passkey = await addPasskey(me.id, "Old key");
    await runAs(me, () => removePasskey(passkey.id));
    expect(await db.passkey.findUnique({ where: { id: passkey.id } })).toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "operator.passkey.removed", targetId: passkey.id } });
    expect(JSON.parse(audit.before ?? "null")).toEqual({ name: "Old key", kind: "device-bound" });
  });

  it("refuses to remove the last second factor of an operator the requirement covers, but not one of two", async () => {
    const admin = await makeAdmin("admin");
    const first = await addPasskey(admin.id, "First");
    const second = await addPasskey(admin.id, "Second");
    await runAs(admin, () => removePasskey(first.id));
    await expect(runAs(admin, () => removePasskey(second.id))).rejects.toThrow("“Second” is your only second factor, and your role must use one.");
    expect(await db.passkey.findUnique({ where: { id: second.id } })).not.toBeNull();
    expect(await db.auditLog.count({ where: { action: "operator.passkey.removed", targetId: second.id } })).toBe(0);
  });

  it("lets a covered operator remove their last passkey when an authenticator app remains", async () => {
    const admin = await makeAdmin("admin");
    await db.admin.update({ where: { id: admin.id }, data: { totpSecret: "encrypted-elsewhere", totpEnabledAt: new Date() } });
    const passkey = await addPasskey(admin.id);
    await runAs(admin, () => removePasskey(passkey.id));
    expect(await db.passkey.count({ where: { adminId: admin.id } })).toBe(0);
  });

  it("lets an operator the requirement does not cover remove their last factor", async () => {
    const approver = await makeAdmin("approver");
    const passkey = await addPasskey(approver.id);
    await runAs(approver, () => removePasskey(passkey.id));
    expect(await db.passkey.count({ where: { adminId: approver.id } })).toBe(0);
  });

  it("two removals at once cannot leave a covered operator with no factor", async () => {
    const admins = await Promise.all(Array.from({ length: 6 }, () => makeAdmin("admin")));
    const keys = await Promise.all(admins.map(async (admin) => [admin, [await addPasskey(admin.id, "A"), await addPasskey(admin.id, "B")]] as const));
    await Promise.allSettled(keys.flatMap(([admin, pair]) => pair.map((key) => runAs(admin, () => removePasskey(key.id)))));
    for (const admin of admins) expect(await db.passkey.count({ where: { adminId: admin.id } })).toBe(1);
  });

  it("needs a signed-in operator", async () => {
    await expect(listOwnPasskeys()).rejects.toThrow("Sign in again");
  });
});
