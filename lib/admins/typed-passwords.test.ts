import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/passwords";
import { asRole, unique } from "@/test/factories";
import { createAdmin } from "./create-admin";
import { resetAdminPassword } from "./reset-admin-password";

const WEAK = "This password is too easy to guess.";

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe("passwords an admin types for an operator", () => {
  it("Add admin refuses a common password, says why and what to do on the password field, and stores nothing", async () => {
    const email = `${unique("weak")}@example.test`;
    const error = await refusal(asRole("admin", () => createAdmin({ name: "Weak Pw", email, role: "auditor", passwordMode: "type", password: "password1234" })));
    expect(error.message).toBe(
      "This password is too easy to guess. This is similar to a commonly used password. Add more words that are less common. Try three or four unrelated words, or generate a password.",
    );
    expect(error.fieldErrors).toEqual({ password: [error.message] });
    expect(await db.admin.count({ where: { email } })).toBe(0);
  });

  it("Add admin refuses a password made of the new operator's own name", async () => {
    const email = `grace.hopper.${unique()}@example.test`;
    const error = await refusal(asRole("admin", () => createAdmin({ name: "Grace Hopper", email, role: "auditor", passwordMode: "type", password: "GraceHopper2024" })));
    expect(error.message).toContain("It contains the operator's name or email address.");
    expect(await db.admin.count({ where: { email } })).toBe(0);
  });

  it("Reset password refuses a weak typed password and keeps the old one, the sessions and the throttle", async () => {
    const target = await db.admin.create({
      data: { email: `${unique("keep")}@example.test`, name: "Keep Me", role: "auditor", passwordHash: await hashPassword("old-but-fine-password") },
    });
    const key = `account:${target.email}`;
    await db.signInThrottle.create({ data: { key, failures: 9, updatedAt: new Date(), nextAllowedAt: new Date(Date.now() + 60_000) } });
    const error = await refusal(asRole("admin", () => resetAdminPassword(target.id, { passwordMode: "type", password: "qwertyuiop123" })));
    expect(error.message.startsWith(WEAK)).toBe(true);
    expect(error.fieldErrors.password).toEqual([error.message]);
    const stored = await db.admin.findUniqueOrThrow({ where: { id: target.id } });
    expect(await verifyPassword(stored.passwordHash, "old-but-fine-password")).toBe(true);
    expect(stored.sessionVersion).toBe(target.sessionVersion);
    expect(await db.signInThrottle.count({ where: { key } })).toBe(1);
    expect(await db.auditLog.count({ where: { targetId: target.id, action: "admin.password.reset" } })).toBe(0);
  });

  it("generated passwords are never refused", async () => {
    for (let i = 0; i < 5; i++) {
      const { generatedPassword } = await asRole("admin", () => createAdmin({ name: "Gen Erated", email: `${unique("gen")}@example.test`, role: "auditor", passwordMode: "generate" }));
      expect(generatedPassword).toMatch(/^[A-Za-z0-9]{20}$/);
    }
  });
});
