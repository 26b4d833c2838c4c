import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/passwords";
import { checkPassword, signInMessage } from "@/lib/sign-in/password-sign-in";
import { unique } from "@/test/factories";
import { passwordSignInRefusedBySso } from "./config";

// "SSO only" comes from this file's environment (each test file runs in its own worker), so turning it
// on here never refuses the password sign-ins of other test files sharing the database.
const SSO_ENV = {
  SSO_ISSUER: "https://idp.example.com",
  SSO_CLIENT_ID: "console",
  SSO_CLIENT_SECRET: "env-secret-value",
  SSO_ONLY: "true",
};
let breakGlass: string;
const saved: Record<string, string | undefined> = {};

async function operator(password: string) {
  const email = `${unique("op")}@example.test`;
  await db.admin.create({ data: { email, name: "Op", role: "admin", passwordHash: await hashPassword(password) } });
  return email;
}

const from = () => ({ ip: `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`, deviceId: null });

beforeAll(async () => {
  breakGlass = await operator("break-glass-password-1");
  const env = { ...SSO_ENV, SSO_BREAK_GLASS_EMAIL: breakGlass.toUpperCase() };
  for (const [key, value] of Object.entries(env)) {
    saved[key] = process.env[key];
    process.env[key] = value;
  }
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe("SSO only", () => {
  it("refuses a normal operator's right password with the SSO message, and an unknown email the same way", async () => {
    const email = await operator("right-password-1");
    expect(await checkPassword(email, "right-password-1", from())).toEqual({ ok: false, reason: "sso-only" });
    expect(await checkPassword(`${unique("nobody")}@example.test`, "x", from())).toEqual({ ok: false, reason: "sso-only" });
    expect(signInMessage("sso-only")).toBe("This console signs in with single sign-on.");
  });

  it("lets the break-glass admin (SSO_BREAK_GLASS_EMAIL, any case) sign in with the password, and checks it", async () => {
    expect(await checkPassword(breakGlass, "break-glass-password-1", from())).toMatchObject({ ok: true, admin: { email: breakGlass } });
    expect(await checkPassword(breakGlass, "wrong", from())).toEqual({ ok: false, reason: "invalid" });
  });

  it("keeps throttling: each refused attempt takes its slot, so the account waits after the limit", async () => {
    const email = await operator("right-password-2");
    for (let i = 0; i < 5; i++) expect(await checkPassword(email, "right-password-2", from())).toEqual({ ok: false, reason: "sso-only" });
    expect(await checkPassword(email, "right-password-2", from())).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("applies only while SSO is usable and on: a broken or switched-off configuration never locks passwords out", async () => {
    expect(await passwordSignInRefusedBySso("someone@example.test", { ...SSO_ENV })).toBe(true);
    expect(await passwordSignInRefusedBySso("someone@example.test", { ...SSO_ENV, SSO_ONLY: "false" })).toBe(false);
    expect(await passwordSignInRefusedBySso("someone@example.test", { ...SSO_ENV, SSO_ISSUER: "http://idp.example.com" })).toBe(false);
    expect(await passwordSignInRefusedBySso("Root@Example.test", { ...SSO_ENV, SSO_BREAK_GLASS_EMAIL: "root@example.test" })).toBe(false);
  });
});
