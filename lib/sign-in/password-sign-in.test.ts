import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/passwords";
import { checkPassword } from "@/lib/sign-in/password-sign-in";
import { unique } from "@/test/factories";

async function makeOperator(password: string, disabled = false) {
  const email = `${unique("signin")}@example.test`;
  await db.admin.create({ data: { email, name: "Op", role: "admin", passwordHash: await hashPassword(password), disabled } });
  return email;
}

const from = (ip: string, deviceId: string | null = null) => ({ ip, deviceId });

describe("checkPassword", () => {
  it("accepts the right password, case-insensitive email", async () => {
    const email = await makeOperator("correct horse battery");
    const result = await checkPassword(email.toUpperCase(), "correct horse battery", from("10.0.0.1"));
    expect(result.ok).toBe(true);
  });

  it("refuses a wrong password and an unknown email the same way", async () => {
    const email = await makeOperator("right-password-1");
    expect(await checkPassword(email, "wrong", from("10.0.0.2"))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkPassword(`${unique("nobody")}@example.test`, "x", from("10.0.0.2"))).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a disabled operator even with the right password", async () => {
    const email = await makeOperator("right-password-2", true);
    expect(await checkPassword(email, "right-password-2", from("10.0.0.3"))).toEqual({ ok: false, reason: "disabled" });
  });

  it("after 5 failures an account waits before its next attempt is checked, even with the right password", async () => {
    const email = await makeOperator("right-password-3");
    for (let i = 0; i < 5; i++) await checkPassword(email, `wrong-${i}`, from(`10.1.0.${i}`));
    const result = await checkPassword(email, "right-password-3", from("10.1.0.99"));
    expect(result).toMatchObject({ ok: false, reason: "throttled" });
    if (!result.ok) expect(result.retryAfterSeconds).toBe(1);
  });

  it("throttles a client address after 20 failures across accounts, and only that address", async () => {
    const ip = `10.2.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 20; i++) await checkPassword(`${unique("spray")}@example.test`, "guess", from(ip));
    const email = await makeOperator("right-password-4");
    expect(await checkPassword(email, "right-password-4", from(ip))).toMatchObject({ ok: false, reason: "throttled" });
    expect(await checkPassword(email, "right-password-4", from("10.3.0.1"))).toMatchObject({ ok: true });
  });
});
