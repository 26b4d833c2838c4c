import { describe, expect, it } from "vitest";
import { z } from "zod";
import { runAs } from "@/lib/authz";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { DomainError, UnauthenticatedError } from "@/lib/errors";
import { TOTP_CODE_MESSAGE } from "@/lib/schemas/operator-factors";
import { makeAdmin } from "@/test/factories";
import { codeAt, otherThan, secretOf, withTotp } from "@/test/operator-factors";
import { RECOVERY_CODE_COUNT } from "./recovery-codes";
import { TOTP_PERIOD_SECONDS } from "./totp-core";
import { finishTotpEnrolment } from "./totp-enrolment";
import { confirmTotpSetup, SETUP_EXPIRED, startTotpSetup, TOTP_ALREADY_ON, TOTP_SETUP_PURPOSE, WRONG_SETUP_CODE } from "./totp-setup";
import { acceptRecoveryCode, acceptTotpCode, hashRecoveryCode } from "./verify-factor";

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => null, (e: unknown) => e);
}

describe("startTotpSetup", () => {
  it("keeps the new secret pending and encrypted, not on the operator, and shows it as a QR code, a URI and grouped text", async () => {
    const actor = await makeAdmin("approver");
    const setup = await runAs(actor, () => startTotpSetup());
    const secret = secretOf(setup);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(setup.secretForTyping).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(setup.otpauthUri).toMatch(/^otpauth:\/\/totp\/Identity%20Console:/);
    expect(new URL(setup.otpauthUri).searchParams.get("secret")).toBe(secret);
    expect(setup.qrCodeDataUrl).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(setup.qrCodeDataUrl.split(",")[1], "base64").toString()).toContain("<svg");

    const admin = await db.admin.findUniqueOrThrow({ where: { id: actor.id } });
    expect(admin.totpSecret).toBeNull();
    expect(admin.totpEnabledAt).toBeNull();
    const [pending] = await db.authChallenge.findMany({ where: { adminId: actor.id, purpose: TOTP_SETUP_PURPOSE } });
    expect(pending.challenge).not.toContain(secret);
    expect(decryptSecret<string>(pending.challenge)).toBe(secret);
    expect(pending.expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(pending.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(10 * 60_000);
  });

  it("starting again replaces the pending secret: a code of the first one no longer confirms", async () => {
    const actor = await makeAdmin("auditor");
    const first = secretOf(await runAs(actor, () => startTotpSetup()));
    const second = secretOf(await runAs(actor, () => startTotpSetup()));
    expect(await db.authChallenge.count({ where: { adminId: actor.id, purpose: TOTP_SETUP_PURPOSE } })).toBe(1);
    const error = await errorOf(runAs(actor, () => confirmTotpSetup({ code: codeAt(first) })));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(WRONG_SETUP_CODE);
    await runAs(actor, () => confirmTotpSetup({ code: codeAt(second) }));
    expect((await db.admin.findUniqueOrThrow({ where: { id: actor.id } })).totpEnabledAt).not.toBeNull();
  });

  it("refuses while an authenticator app is already on", async () => {
    const actor = await makeAdmin("admin");
    await withTotp(actor);
    await expect(runAs(actor, () => startTotpSetup())).rejects.toThrow(TOTP_ALREADY_ON);
  });
});

describe("confirmTotpSetup", () => {
  it("a right code moves the secret to the operator, records its step, makes 10 recovery codes (hashes only) and is audited", async () => {
    const actor = await makeAdmin("admin");
    const secret = secretOf(await runAs(actor, () => startTotpSetup()));
    const { codes, enrolling } = await runAs(actor, () => confirmTotpSetup({ code: codeAt(secret) }));
    expect(enrolling).toBe(false);
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);

    const admin = await db.admin.findUniqueOrThrow({ where: { id: actor.id } });
    expect(decryptSecret<string>(admin.totpSecret ?? "")).toBe(secret);
    expect(admin.totpEnabledAt).not.toBeNull();
    expect(admin.totpLastStep).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000 / TOTP_PERIOD_SECONDS) - 1);
    expect(await db.authChallenge.count({ where: { adminId: actor.id, purpose: TOTP_SETUP_PURPOSE } })).toBe(0);

    const stored = await db.recoveryCode.findMany({ where: { adminId: actor.id } });
    expect(stored.map((r) => r.codeHash).sort()).toEqual(codes.map(hashRecoveryCode).sort());
    expect(JSON.stringify(stored)).not.toContain(codes[0]);

    const [audit] = await db.auditLog.findMany({ where: { targetId: actor.id, action: "operator.totp.enrolled" } });
    expect(audit.actorId).toBe(actor.id);
    expect(JSON.parse(audit.after ?? "null")).toEqual({ recoveryCodes: 10, recoveryCodesReplaced: 0, duringSignIn: false });
    expect(`${audit.after}${audit.before}`).not.toContain(secret);
    expect(`${audit.after}`).not.toContain(codes[0]);
  });

  it("a wrong code changes nothing: no secret, no recovery codes, no audit row, and the set-up can still be confirmed", async () => {
    const actor = await makeAdmin("admin");
    const secret = secretOf(await runAs(actor, () => startTotpSetup()));
    const error = await errorOf(runAs(actor, () => confirmTotpSetup({ code: otherThan(codeAt(secret)) })));
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldErrors).toEqual({ code: [WRONG_SETUP_CODE] });
    const admin = await db.admin.findUniqueOrThrow({ where: { id: actor.id } });
    expect([admin.totpSecret, admin.totpEnabledAt, admin.totpLastStep]).toEqual([null, null, null]);
    expect(await db.recoveryCode.count({ where: { adminId: actor.id } })).toBe(0);
    expect(await db.auditLog.count({ where: { targetId: actor.id } })).toBe(0);
    await runAs(actor, () => confirmTotpSetup({ code: codeAt(secret) }));
    expect(await db.recoveryCode.count({ where: { adminId: actor.id } })).toBe(10);
  });

  it.each([["12345"], ["1234567"], ["abcdef"], [""]])("refuses %j as not a 6-digit code", async (code) => {
    const actor = await makeAdmin("admin");
    await runAs(actor, () => startTotpSetup());
    const error = await errorOf(runAs(actor, () => confirmTotpSetup({ code })));
    expect(error).toBeInstanceOf(z.ZodError);
    expect(z.flattenError(error as z.ZodError).fieldErrors).toEqual({ code: [TOTP_CODE_MESSAGE] });
  });

  it("accepts a code typed with a space", async () => {
    const actor = await makeAdmin("admin");
    const secret = secretOf(await runAs(actor, () => startTotpSetup()));
    const code = codeAt(secret);
    await runAs(actor, () => confirmTotpSetup({ code: `${code.slice(0, 3)} ${code.slice(3)}` }));
    expect((await db.admin.findUniqueOrThrow({ where: { id: actor.id } })).totpEnabledAt).not.toBeNull();
  });

  it("the code that confirmed the app cannot sign in right after; the next step's code can, once", async () => {
    const actor = await makeAdmin("admin");
    const secret = secretOf(await runAs(actor, () => startTotpSetup()));
    const code = codeAt(secret);
    await runAs(actor, () => confirmTotpSetup({ code }));
    expect(await acceptTotpCode(actor.id, code)).toBe(false);
    const next = codeAt(secret, 1);
    expect(await acceptTotpCode(actor.id, next)).toBe(true);
    expect(await acceptTotpCode(actor.id, next)).toBe(false);
  });

  it("without a pending set-up, or after it expired, asks to start again", async () => {
    const actor = await makeAdmin("admin");
    await expect(runAs(actor, () => confirmTotpSetup({ code: "123456" }))).rejects.toThrow(SETUP_EXPIRED);
    const secret = secretOf(await runAs(actor, () => startTotpSetup()));
    await db.authChallenge.updateMany({ where: { adminId: actor.id, purpose: TOTP_SETUP_PURPOSE }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(runAs(actor, () => confirmTotpSetup({ code: codeAt(secret) }))).rejects.toThrow(SETUP_EXPIRED);
    expect((await db.admin.findUniqueOrThrow({ where: { id: actor.id } })).totpSecret).toBeNull();
  });

  it("one operator's pending secret cannot be confirmed by another", async () => {
    const owner = await makeAdmin("admin");
    const other = await makeAdmin("admin");
    const secret = secretOf(await runAs(owner, () => startTotpSetup()));
    await expect(runAs(other, () => confirmTotpSetup({ code: codeAt(secret) }))).rejects.toThrow(SETUP_EXPIRED);
    expect((await db.admin.findUniqueOrThrow({ where: { id: other.id } })).totpSecret).toBeNull();
  });

  it("the recovery codes it returns work once each, and only for their owner", async () => {
    const owner = await makeAdmin("admin");
    const other = await makeAdmin("admin");
    const { codes } = await withTotp(owner);
    await withTotp(other);
    expect(await acceptRecoveryCode(other.id, codes[0])).toBe(false);
    expect(await acceptRecoveryCode(owner.id, codes[0].toUpperCase())).toBe(true);
    expect(await acceptRecoveryCode(owner.id, codes[0])).toBe(false);
    expect(await acceptRecoveryCode(owner.id, codes[1].replace("-", " "))).toBe(true);
    expect(await db.recoveryCode.count({ where: { adminId: owner.id, usedAt: null } })).toBe(8);
    expect(await db.recoveryCode.count({ where: { adminId: other.id, usedAt: null } })).toBe(10);
  });
});

describe("finishTotpEnrolment", () => {
  it("needs a browser session in the enrolment stage", async () => {
    const actor = await makeAdmin("admin");
    await expect(runAs(actor, () => finishTotpEnrolment())).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
