import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/passwords";
import { verifySignIn } from "@/lib/sign-in";
import { unique } from "@/test/factories";

async function makeOperator(password: string, disabled = false) {
  const email = `${unique("signin")}@example.test`;
  await db.admin.create({ data: { email, name: "Op", role: "admin", passwordHash: await hashPassword(password), disabled } });
  return email;
}

describe("verifySignIn", () => {
  it("accepts the right password, case-insensitive email", async () => {
    const email = await makeOperator("correct horse battery");
    const result = await verifySignIn(email.toUpperCase(), "correct horse battery", "10.0.0.1");
    expect(result.ok).toBe(true);
  });

  it("refuses a wrong password and an unknown email the same way", async () => {
    const email = await makeOperator("right-password-1");
    expect(await verifySignIn(email, "wrong", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifySignIn(`${unique("nobody")}@example.test`, "x", "10.0.0.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled operator even with the right password", async () => {
    const email = await makeOperator("right-password-2", true);
    expect(await verifySignIn(email, "right-password-2", "10.0.0.3")).toEqual({ ok: false, reason: "disabled" });
  });

  it("throttles an account after 5 failures, even with the right password", async () => {
    const email = await makeOperator("right-password-3");
    for (let i = 0; i < 5; i++) await verifySignIn(email, `wrong-${i}`, `10.1.0.${i}`);
    const result = await verifySignIn(email, "right-password-3", "10.1.0.99");
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: "throttled" });
    if (!result.ok) expect(result.retryAfterSeconds).toBeGreaterThan(800);
  });

  it("throttles an IP after 20 failures across accounts", async () => {
    const ip = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 20; i++) await verifySignIn(`${unique("spray")}@example.test`, "guess", ip);
    const email = await makeOperator("right-password-4");
    expect(await verifySignIn(email, "right-password-4", ip)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await verifySignIn(email, "right-password-4", "10.3.0.1")).toMatchObject({ ok: true });
  });
});
