import { describe, expect, it } from "vitest";
import { runAs } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { makeAdmin } from "@/test/factories";
import { codeAt, otherThan, withTotp } from "@/test/operator-factors";
import { WRONG_CODE } from "./own-code";
import { countOwnRecoveryCodes, newRecoveryCode, regenerateRecoveryCodes } from "./recovery-codes";
import { acceptRecoveryCode } from "./verify-factor";

describe("newRecoveryCode", () => {
  it("is xxxxx-xxxxx from an alphabet without 0, 1, i, l or o, and does not repeat", () => {
    const codes = Array.from({ length: 2000 }, newRecoveryCode);
    for (const code of codes) expect(code).toMatch(/^[2-9a-hjkmnp-z]{5}-[2-9a-hjkmnp-z]{5}$/);
    expect(new Set(codes).size).toBe(codes.length);
    // Every one of the 31 symbols turns up, about equally often: the codes use the whole alphabet evenly.
    const counts = new Map<string, number>();
    for (const symbol of codes.join("").replace(/-/g, "")) counts.set(symbol, (counts.get(symbol) ?? 0) + 1);
    expect(counts.size).toBe(31);
    // 20,000 symbols, about 645 each (standard deviation 25).
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(500);
      expect(count).toBeLessThan(800);
    }
  });
});

describe("regenerateRecoveryCodes", () => {
  it("with a current code makes 10 new codes; the old ones stop working; audited without the codes", async () => {
    const actor = await makeAdmin("admin");
    const { secret, codes: old } = await withTotp(actor);
    await acceptRecoveryCode(actor.id, old[0]);
    const { codes } = await runAs(actor, () => regenerateRecoveryCodes({ code: codeAt(secret, 1) }));
    expect(codes).toHaveLength(10);
    expect(codes).not.toContain(old[1]);
    expect(await acceptRecoveryCode(actor.id, old[1])).toBe(false);
    expect(await runAs(actor, () => countOwnRecoveryCodes())).toBe(10);
    expect(await acceptRecoveryCode(actor.id, codes[0])).toBe(true);
    expect(await runAs(actor, () => countOwnRecoveryCodes())).toBe(9);
    const [audit] = await db.auditLog.findMany({ where: { targetId: actor.id, action: "operator.recovery-codes.regenerated" } });
    expect(JSON.parse(audit.after ?? "null")).toEqual({ codes: 10, replaced: 10 });
    expect(`${audit.after}`).not.toContain(codes[0]);
  });

  it("refuses a wrong code, and a replayed one, keeping the old codes", async () => {
    const actor = await makeAdmin("admin");
    const { secret, codes: old } = await withTotp(actor);
    const next = codeAt(secret, 1);
    const wrong = await runAs(actor, () => regenerateRecoveryCodes({ code: otherThan(next) })).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(DomainError);
    expect((wrong as DomainError).fieldErrors).toEqual({ code: [WRONG_CODE] });
    const { codes } = await runAs(actor, () => regenerateRecoveryCodes({ code: next }));
    await expect(runAs(actor, () => regenerateRecoveryCodes({ code: next }))).rejects.toThrow(WRONG_CODE);
    expect(await acceptRecoveryCode(actor.id, codes[0])).toBe(true);
    expect(await acceptRecoveryCode(actor.id, old[0])).toBe(false);
    expect(await db.auditLog.count({ where: { targetId: actor.id, action: "operator.recovery-codes.regenerated" } })).toBe(1);
  });

  it("the code that confirmed the app does not also regenerate codes", async () => {
    const actor = await makeAdmin("admin");
    const { secret } = await withTotp(actor);
    await expect(runAs(actor, () => regenerateRecoveryCodes({ code: codeAt(secret) }))).rejects.toThrow(WRONG_CODE);
  });

  it("a recovery code does not stand in for the app's code here", async () => {
    const actor = await makeAdmin("admin");
    const { codes } = await withTotp(actor);
    await expect(runAs(actor, () => regenerateRecoveryCodes({ code: codes[0] }))).rejects.toThrow("Enter the 6-digit code");
    expect(await acceptRecoveryCode(actor.id, codes[0])).toBe(true);
  });

  it("after 5 wrong codes the next attempt waits, even with the right code", async () => {
    const actor = await makeAdmin("approver");
    const { secret } = await withTotp(actor);
    const right = codeAt(secret, 1);
    for (let i = 0; i < 5; i++) await runAs(actor, () => regenerateRecoveryCodes({ code: otherThan(right) })).catch(() => undefined);
    await expect(runAs(actor, () => regenerateRecoveryCodes({ code: right }))).rejects.toThrow(/Too many failed attempts/);
  });

  it("needs an authenticator app", async () => {
    const actor = await makeAdmin("auditor");
    await expect(runAs(actor, () => regenerateRecoveryCodes({ code: "123456" }))).rejects.toThrow("Set up an authenticator app first");
  });
});
