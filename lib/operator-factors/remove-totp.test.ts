import { describe, expect, it } from "vitest";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { makeAdmin } from "@/test/factories";
import { codeAt, otherThan, withTotp } from "@/test/operator-factors";
import { LAST_REQUIRED_FACTOR, ownTotpStatus, removeTotp, TOTP_NOT_ON, WRONG_OWN_CODE } from "./remove-totp";

// The requirement is one setting all test files share; these tests leave it at its default
// ("admins"): admins are covered, approvers and auditors are not.

async function addPasskey(adminId: string) {
  await db.passkey.create({ data: { adminId, credentialId: `cred-${adminId}-${Math.random()}`, publicKey: "pk", deviceType: "singleDevice", name: "Laptop" } });
}

describe("removeTotp", () => {
  it("an operator the requirement does not cover turns the app off with a current code; recovery codes go too; audited", async () => {
    const actor = await makeAdmin("approver");
    const { secret } = await withTotp(actor);
    expect(await runAs(actor, () => ownTotpStatus())).toMatchObject({ enabled: true, recoveryCodesLeft: 10, passkeys: 0, required: false });
    expect(await runAs(actor, () => removeTotp({ code: codeAt(secret, 1) }))).toEqual({ recoveryCodesRemoved: 10 });
    const admin = await db.admin.findUniqueOrThrow({ where: { id: actor.id } });
    expect([admin.totpSecret, admin.totpEnabledAt, admin.totpLastStep]).toEqual([null, null, null]);
    expect(await db.recoveryCode.count({ where: { adminId: actor.id } })).toBe(0);
    const [audit] = await db.auditLog.findMany({ where: { targetId: actor.id, action: "operator.totp.removed" } });
    expect(JSON.parse(audit.after ?? "null")).toEqual({ recoveryCodesRemoved: 10 });
    expect(await runAs(actor, () => ownTotpStatus())).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
  });

  it("accepts an unused recovery code instead of the app's code", async () => {
    const actor = await makeAdmin("auditor");
    const { codes } = await withTotp(actor);
    await runAs(actor, () => removeTotp({ code: codes[3] }));
    expect((await db.admin.findUniqueOrThrow({ where: { id: actor.id } })).totpEnabledAt).toBeNull();
  });

  it("a wrong code changes nothing", async () => {
    const actor = await makeAdmin("approver");
    const { secret } = await withTotp(actor);
    await expect(runAs(actor, () => removeTotp({ code: otherThan(codeAt(secret, 1)) }))).rejects.toThrow(WRONG_OWN_CODE);
    await expect(runAs(actor, () => removeTotp({ code: "zzzzz-zzzzz" }))).rejects.toThrow(WRONG_OWN_CODE);
    expect((await db.admin.findUniqueOrThrow({ where: { id: actor.id } })).totpEnabledAt).not.toBeNull();
    expect(await db.recoveryCode.count({ where: { adminId: actor.id } })).toBe(10);
    expect(await db.auditLog.count({ where: { targetId: actor.id, action: "operator.totp.removed" } })).toBe(0);
  });

  it("refuses when the requirement covers the operator and the app is their last factor, without using up the code", async () => {
    const actor = await makeAdmin("admin");
    const { codes } = await withTotp(actor);
    expect(await runAs(actor, () => ownTotpStatus())).toMatchObject({ required: true, passkeys: 0 });
    await expect(runAs(actor, () => removeTotp({ code: codes[0] }))).rejects.toThrow(LAST_REQUIRED_FACTOR);
    expect((await db.admin.findUniqueOrThrow({ where: { id: actor.id } })).totpEnabledAt).not.toBeNull();
    expect(await db.recoveryCode.count({ where: { adminId: actor.id, usedAt: null } })).toBe(10);
  });

  it("allows it for a covered operator when a passkey remains", async () => {
    const actor = await makeAdmin("admin");
    const { codes } = await withTotp(actor);
    await addPasskey(actor.id);
    await runAs(actor, () => removeTotp({ code: codes[0] }));
    expect((await db.admin.findUniqueOrThrow({ where: { id: actor.id } })).totpEnabledAt).toBeNull();
    expect(await db.passkey.count({ where: { adminId: actor.id } })).toBe(1);
  });

  it("says so when there is no app to turn off", async () => {
    const actor = await makeAdmin("approver");
    await expect(runAs(actor, () => removeTotp({ code: "123456" }))).rejects.toThrow(TOTP_NOT_ON);
  });
});
