import { describe, expect, it } from "vitest";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { makeAdmin } from "@/test/factories";
import { withTotp } from "@/test/operator-factors";
import { CANNOT_RESET_SELF, factorSummaryOf, resetOperatorFactors } from "./reset-operator-factors";
import { acceptRecoveryCode } from "./verify-factor";

async function openSession(adminId: string, stage = "active") {
  return db.operatorSession.create({
    data: { tokenHash: `hash-${adminId}-${Math.random()}`, adminId, stage, method: "password+totp", sessionVersion: 1, ip: "10.0.0.1", userAgent: "test", expiresAt: new Date(Date.now() + 3_600_000) },
  });
}

async function addPasskey(adminId: string, name: string) {
  await db.passkey.create({ data: { adminId, credentialId: `cred-${adminId}-${name}`, publicKey: "pk", deviceType: "multiDevice", name } });
}

describe("resetOperatorFactors", () => {
  it("clears the authenticator app, recovery codes and passkeys, ends every session, and is audited with counts", async () => {
    const admin = await makeAdmin("admin");
    const target = await makeAdmin("approver");
    const { codes } = await withTotp(target);
    await addPasskey(target.id, "Laptop");
    await addPasskey(target.id, "Phone");
    await openSession(target.id);
    await openSession(target.id, "second-factor");
    const bystander = await makeAdmin("approver");
    await withTotp(bystander);
    await openSession(bystander.id);

    expect(await runAs(admin, () => factorSummaryOf(target.id))).toEqual({ email: target.email, totp: true, passkeys: 2, recoveryCodes: 10 });
    const result = await runAs(admin, () => resetOperatorFactors(target.id));
    expect(result).toEqual({ totp: true, passkeys: 2, recoveryCodes: 10, sessionsEnded: 2 });

    const stored = await db.admin.findUniqueOrThrow({ where: { id: target.id } });
    expect([stored.totpSecret, stored.totpEnabledAt, stored.totpLastStep]).toEqual([null, null, null]);
    // Nothing else about the operator changes: no new session version, same password, still enabled.
    expect([stored.sessionVersion, stored.passwordHash, stored.disabled]).toEqual([1, "not-a-real-hash", false]);
    expect(await db.recoveryCode.count({ where: { adminId: target.id } })).toBe(0);
    expect(await db.passkey.count({ where: { adminId: target.id } })).toBe(0);
    expect(await db.operatorSession.count({ where: { adminId: target.id } })).toBe(0);
    expect(await acceptRecoveryCode(target.id, codes[0])).toBe(false);

    expect(await db.operatorSession.count({ where: { adminId: bystander.id } })).toBe(1);
    expect(await db.recoveryCode.count({ where: { adminId: bystander.id } })).toBe(10);

    const [audit] = await db.auditLog.findMany({ where: { targetId: target.id, action: "admin.factors.reset" } });
    expect(audit).toMatchObject({ actorId: admin.id, targetType: "admin", targetLabel: target.email });
    expect(JSON.parse(audit.after ?? "null")).toEqual({ totp: true, passkeys: 2, recoveryCodes: 10, sessionsEnded: 2 });
  });

  it("an operator without factors is reset too (ends their sessions), and the counts say what there was", async () => {
    const target = await makeAdmin("auditor");
    await openSession(target.id);
    const result = await runAs(await makeAdmin("admin"), () => resetOperatorFactors(target.id));
    expect(result).toEqual({ totp: false, passkeys: 0, recoveryCodes: 0, sessionsEnded: 1 });
  });

  it.each(["approver", "auditor"] as const)("an %s can neither reset nor see what a reset would remove", async (role) => {
    const actor = await makeAdmin(role);
    const target = await makeAdmin("approver");
    await withTotp(target);
    await openSession(target.id);
    await expect(runAs(actor, () => resetOperatorFactors(target.id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runAs(actor, () => factorSummaryOf(target.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.admin.findUniqueOrThrow({ where: { id: target.id } })).totpEnabledAt).not.toBeNull();
    expect(await db.operatorSession.count({ where: { adminId: target.id } })).toBe(1);
    expect(await db.auditLog.count({ where: { targetId: target.id, action: "admin.factors.reset" } })).toBe(0);
  });

  it("an admin cannot reset their own factors here", async () => {
    const admin = await makeAdmin("admin");
    await withTotp(admin);
    const error = await runAs(admin, () => resetOperatorFactors(admin.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(CANNOT_RESET_SELF);
    expect((await db.admin.findUniqueOrThrow({ where: { id: admin.id } })).totpEnabledAt).not.toBeNull();
  });

  it("an unknown operator is not found", async () => {
    const admin = await makeAdmin("admin");
    await expect(runAs(admin, () => resetOperatorFactors("no-such-operator"))).rejects.toBeInstanceOf(NotFoundError);
    await expect(runAs(admin, () => factorSummaryOf("no-such-operator"))).rejects.toBeInstanceOf(NotFoundError);
  });
});
