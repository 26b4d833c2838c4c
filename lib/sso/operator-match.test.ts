import { describe, expect, it } from "vitest";
import { db, type Admin } from "@/lib/db";
import { verifyPassword } from "@/lib/passwords";
import { unique } from "@/test/factories";
import { decideSsoOperator, findOperatorByEmail, identityFromClaims, resolveSsoOperator, type SsoIdentity } from "./operator-match";

const noCreate = { createOnFirstSignIn: false, createRole: "auditor" as const };
const identity = (over: Partial<SsoIdentity> = {}): SsoIdentity => ({ subject: "sub-1", email: "ada@example.test", emailVerified: true, name: "Ada", amr: [], ...over });
const operator = (over: Partial<Admin> = {}) => ({ id: "a1", email: "ada@example.test", role: "approver", disabled: false, ...over }) as Admin;

describe("identity from the provider's claims", () => {
  it("takes the ID token's email only when verified is the boolean true", () => {
    expect(identityFromClaims({ sub: "s", email: "Ada@Example.TEST", email_verified: true, amr: ["pwd", "mfa", 3] })).toEqual({
      subject: "s",
      email: "ada@example.test",
      emailVerified: true,
      name: null,
      amr: ["pwd", "mfa"],
    });
    for (const verified of [false, "true", undefined, 1]) expect(identityFromClaims({ sub: "s", email: "a@example.test", email_verified: verified }).emailVerified).toBe(false);
    expect(identityFromClaims({ sub: "s", email: "not an email", email_verified: true }).email).toBeNull();
  });

  it("falls back to userinfo for the email only when the ID token has none", () => {
    const fromUserinfo = identityFromClaims({ sub: "s" }, { sub: "s", email: "b@example.test", email_verified: true, name: "Bea" });
    expect(fromUserinfo).toMatchObject({ email: "b@example.test", emailVerified: true, name: "Bea" });
    // The ID token's own email (unverified here) is not replaced by userinfo's.
    const own = identityFromClaims({ sub: "s", email: "c@example.test" }, { sub: "s", email: "d@example.test", email_verified: true });
    expect(own).toMatchObject({ email: "c@example.test", emailVerified: false });
  });
});

describe("which operator an SSO identity signs in as", () => {
  it.each([
    ["a verified email of an enabled operator signs in", identity(), operator(), noCreate, { kind: "sign-in" }],
    ["an unverified email is refused, naming the operator for the audit log", identity({ emailVerified: false }), operator(), noCreate, { kind: "refuse", code: "unverified-email" }],
    ["no email is refused", identity({ email: null }), null, noCreate, { kind: "refuse", code: "unverified-email", admin: null }],
    ["an unknown email is refused", identity(), null, noCreate, { kind: "refuse", code: "unknown-email", admin: null }],
    ["a disabled operator is refused", identity(), operator({ disabled: true }), noCreate, { kind: "refuse", code: "disabled" }],
    ["an operator with a role the console does not know is refused", identity(), operator({ role: "owner" }), noCreate, { kind: "refuse", code: "disabled" }],
    ["an unknown email is created when allowed, with the set role", identity(), null, { createOnFirstSignIn: true, createRole: "approver" as const }, { kind: "create", email: "ada@example.test", name: "Ada", role: "approver" }],
    ["creating never bypasses verification", identity({ emailVerified: false }), null, { createOnFirstSignIn: true, createRole: "admin" as const }, { kind: "refuse", code: "unverified-email" }],
    ["a disabled operator stays refused when creating is allowed", identity(), operator({ disabled: true }), { createOnFirstSignIn: true, createRole: "admin" as const }, { kind: "refuse", code: "disabled" }],
  ])("%s", (_name, who, existing, policy, expected) => {
    expect(decideSsoOperator(who, existing, policy)).toMatchObject(expected);
  });

  it("a created operator without a name is named after the email", () => {
    expect(decideSsoOperator(identity({ name: null }), null, { createOnFirstSignIn: true, createRole: "auditor" })).toMatchObject({ name: "ada" });
  });
});

describe("resolving against the database", () => {
  it("matches an operator's email ignoring case, also a row stored with capitals", async () => {
    const email = `${unique("Mixed")}@Example.TEST`;
    const admin = await db.admin.create({ data: { email, name: "Mixed", role: "auditor", passwordHash: "x" } });
    expect((await findOperatorByEmail(email.toLowerCase()))?.id).toBe(admin.id);
    const lower = await db.admin.create({ data: { email: `${unique("lower")}@example.test`, name: "Lower", role: "auditor", passwordHash: "x" } });
    expect((await findOperatorByEmail(lower.email.toUpperCase()))?.id).toBe(lower.id);
  });

  it("creates an unknown operator with the role, a password nobody knows, and an audit row of its own", async () => {
    const email = `${unique("new")}@example.test`;
    const result = await resolveSsoOperator(identity({ email, name: "New Person" }), { createOnFirstSignIn: true, createRole: "auditor", issuer: "https://idp.example.com" });
    expect(result).toMatchObject({ ok: true, created: true });
    const admin = await db.admin.findUniqueOrThrow({ where: { email } });
    expect(admin).toMatchObject({ role: "auditor", name: "New Person", disabled: false });
    expect(admin.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(admin.passwordHash, "")).toBe(false);
    const audit = await db.auditLog.findFirstOrThrow({ where: { targetId: admin.id, action: "admin.create" } });
    expect(audit.actorId).toBe(admin.id);
    expect(JSON.parse(audit.after!)).toMatchObject({ email, role: "auditor", createdBy: "sso", issuer: "https://idp.example.com" });

    // The second sign-in finds the operator instead of creating another.
    expect(await resolveSsoOperator(identity({ email }), { createOnFirstSignIn: true, createRole: "admin", issuer: "x" })).toMatchObject({ ok: true, created: false, admin: { id: admin.id } });
  });

  it("refuses an unknown email and creates nothing when creating is off", async () => {
    const email = `${unique("stranger")}@example.test`;
    expect(await resolveSsoOperator(identity({ email }), { ...noCreate, issuer: "x" })).toEqual({ ok: false, code: "unknown-email", admin: null });
    expect(await db.admin.count({ where: { email } })).toBe(0);
  });
});
