import { beforeEach, describe, expect, it, vi } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { sessionCookieName } from "@/lib/sessions/session-config";
import { makeAdmin } from "@/test/factories";
import { SoftAuthenticator, type SoftAuthenticatorOptions } from "@/test/passkey-authenticator";
import { browserSessionOf, fakeRequest } from "@/test/passkey-request";
import { passkeyRegistrationOptions, registerPasskey } from "./passkeys-registration";
import {
  PASSKEY_CHALLENGE_COOKIE,
  PASSKEY_MESSAGES,
  passkeySecondFactorOptions,
  passkeySignInOptions,
  secondFactorWithPasskey,
  signInWithPasskey,
} from "./passkeys-sign-in";

vi.mock("next/headers", () => import("@/test/passkey-request"));

const ORIGIN = "http://localhost:3000";
const SESSION_COOKIE = sessionCookieName(false);

beforeEach(() => {
  delete process.env.PUBLIC_URL;
  delete process.env.AUTH_URL;
  delete process.env.WEBAUTHN_RP_ID;
  fakeRequest.reset();
});

/** An operator with a passkey registered through the console; the browser is reset afterwards. */
async function operatorWithPasskey(role: Actor["role"] = "approver", settings: SoftAuthenticatorOptions = {}) {
  const actor = await makeAdmin(role);
  const key = new SoftAuthenticator(settings);
  const options = await runAs(actor, () => passkeyRegistrationOptions());
  const { passkey } = await runAs(actor, () => registerPasskey({ name: "Laptop", response: key.register(options, ORIGIN) }));
  fakeRequest.reset();
  return { actor, key, passkeyId: passkey.id };
}

/** The options step then the answer, in this fake browser. */
async function passwordless(key: SoftAuthenticator, overrides: Parameters<SoftAuthenticator["authenticate"]>[2] = {}) {
  const options = await passkeySignInOptions();
  return signInWithPasskey(key.authenticate(options, ORIGIN, overrides));
}

describe("passwordless sign-in", () => {
  it("options leave the choice of passkey to the authenticator, require user verification, and bind the challenge to the browser", async () => {
    const options = await passkeySignInOptions();
    expect(options.allowCredentials ?? []).toEqual([]);
    expect(options.userVerification).toBe("required");
    expect(options.rpId).toBe("localhost");
    const cookie = fakeRequest.cookies.get(PASSKEY_CHALLENGE_COOKIE);
    expect(cookie?.options).toMatchObject({ httpOnly: true, maxAge: 300 });
    const row = await db.authChallenge.findUniqueOrThrow({ where: { id: cookie?.value } });
    expect(row).toMatchObject({ purpose: "passkey-sign-in", challenge: options.challenge, adminId: null });
  });

  it("signs the operator in with a passkey alone: an active 'passkey' session, the counter and last use recorded, audited", async () => {
    const { actor, key, passkeyId } = await operatorWithPasskey();
    expect(await passwordless(key)).toEqual({ ok: true, stage: "active" });
    const session = await db.operatorSession.findFirstOrThrow({ where: { adminId: actor.id } });
    expect(session).toMatchObject({ stage: "active", method: "passkey" });
    expect(fakeRequest.cookies.get(SESSION_COOKIE)).toBeDefined();
    expect(fakeRequest.cookies.has(PASSKEY_CHALLENGE_COOKIE)).toBe(false);
    const passkey = await db.passkey.findUniqueOrThrow({ where: { id: passkeyId } });
    expect(passkey.counter).toBe(1);
    expect(passkey.lastUsedAt).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "session.sign-in", targetId: session.id } });
    expect(JSON.parse(audit.after ?? "null")).toMatchObject({ method: "passkey" });
  });

  it("takes a challenge once: replaying the same answer with the same cookie is refused", async () => {
    const { actor, key } = await operatorWithPasskey();
    const options = await passkeySignInOptions();
    const cookie = fakeRequest.cookies.get(PASSKEY_CHALLENGE_COOKIE)!;
    const response = key.authenticate(options, ORIGIN);
    expect(await signInWithPasskey(response)).toMatchObject({ ok: true });
    fakeRequest.reset(fakeRequest.ip);
    fakeRequest.cookies.set(PASSKEY_CHALLENGE_COOKIE, cookie);
    expect(await signInWithPasskey(response)).toEqual({ ok: false, message: PASSKEY_MESSAGES.expired });
    expect(await db.operatorSession.count({ where: { adminId: actor.id } })).toBe(1);
  });

  it("refuses an answer to an expired challenge, and one from a browser without the challenge cookie", async () => {
    const { key } = await operatorWithPasskey();
    const options = await passkeySignInOptions();
    await db.authChallenge.updateMany({ where: { challenge: options.challenge }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await signInWithPasskey(key.authenticate(options, ORIGIN))).toEqual({ ok: false, message: PASSKEY_MESSAGES.expired });
    const other = await passkeySignInOptions();
    fakeRequest.cookies.delete(PASSKEY_CHALLENGE_COOKIE);
    expect(await signInWithPasskey(key.authenticate(other, ORIGIN))).toEqual({ ok: false, message: PASSKEY_MESSAGES.expired });
  });

  it("refuses a counter that went backwards or stood still (a cloned key), audited; the stored counter stays", async () => {
    const { actor, key, passkeyId } = await operatorWithPasskey();
    await db.passkey.update({ where: { id: passkeyId }, data: { counter: 5 } });
    expect(await passwordless(key, { counter: 3 })).toEqual({ ok: false, message: PASSKEY_MESSAGES.counter });
    expect(await passwordless(key, { counter: 5 })).toEqual({ ok: false, message: PASSKEY_MESSAGES.counter });
    expect((await db.passkey.findUniqueOrThrow({ where: { id: passkeyId } })).counter).toBe(5);
    expect(await db.operatorSession.count({ where: { adminId: actor.id } })).toBe(0);
    const audits = await db.auditLog.findMany({ where: { action: "session.passkey.refused", targetId: passkeyId } });
    expect(audits.map((a) => JSON.parse(a.after ?? "null").reason)).toEqual(["counter", "counter"]);
    expect(await passwordless(key, { counter: 6 })).toMatchObject({ ok: true });
  });

  it("accepts an authenticator that keeps no counter (always 0)", async () => {
    const { key } = await operatorWithPasskey();
    expect(await passwordless(key, { counter: 0 })).toMatchObject({ ok: true });
    fakeRequest.reset();
    expect(await passwordless(key, { counter: 0 })).toMatchObject({ ok: true });
  });

  it("requires user verification: a key that did not verify its user is refused", async () => {
    const { actor, key } = await operatorWithPasskey("approver", { userVerified: false });
    expect(await passwordless(key)).toEqual({ ok: false, message: PASSKEY_MESSAGES.userVerification });
    expect(await db.operatorSession.count({ where: { adminId: actor.id } })).toBe(0);
  });

  it("refuses an unknown credential (removed, or never registered) with a clear message", async () => {
    const { key, passkeyId } = await operatorWithPasskey();
    await db.passkey.delete({ where: { id: passkeyId } });
    expect(await passwordless(key)).toEqual({ ok: false, message: PASSKEY_MESSAGES.unknown });
    expect(await passwordless(new SoftAuthenticator())).toEqual({ ok: false, message: PASSKEY_MESSAGES.unknown });
  });

  it("refuses a signature by another key under a registered credential id", async () => {
    const { key } = await operatorWithPasskey();
    const impostor = new SoftAuthenticator();
    Object.assign(impostor, { credentialId: key.credentialId, userHandle: key.userHandle });
    expect(await passwordless(impostor)).toEqual({ ok: false, message: PASSKEY_MESSAGES.failed });
  });

  it("refuses a disabled operator", async () => {
    const { actor, key } = await operatorWithPasskey();
    await db.admin.update({ where: { id: actor.id }, data: { disabled: true } });
    expect(await passwordless(key)).toEqual({ ok: false, message: "This account is disabled. Ask an admin to enable it." });
    expect(await db.operatorSession.count({ where: { adminId: actor.id } })).toBe(0);
  });

  it("with \"SSO only\" on, refuses everyone's passkey but the break-glass admin's", async () => {
    const { key } = await operatorWithPasskey();
    const breakGlass = await operatorWithPasskey("admin");
    // The SSO settings come from this file's environment (its own worker), so other files are unaffected.
    const sso = { SSO_ISSUER: "https://idp.example.com", SSO_CLIENT_ID: "console", SSO_CLIENT_SECRET: "secret", SSO_ONLY: "true", SSO_BREAK_GLASS_EMAIL: breakGlass.actor.email };
    Object.assign(process.env, sso);
    try {
      expect(await passwordless(key)).toEqual({ ok: false, message: "This console signs in with single sign-on." });
      expect(await passwordless(breakGlass.key)).toMatchObject({ ok: true });
    } finally {
      for (const name of Object.keys(sso)) delete process.env[name];
    }
  });

  it("takes a client throttle slot first: after 20 failures from one address the next attempt waits", async () => {
    const { key } = await operatorWithPasskey();
    for (let i = 0; i < 20; i++) expect(await signInWithPasskey({})).toMatchObject({ ok: false });
    const result = await passwordless(key);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/^Too many failed attempts/);
  });
});

describe("passkey as the second factor", () => {
  it("options list only the signing-in operator's passkeys, for a session waiting for its second factor", async () => {
    const { actor, key } = await operatorWithPasskey("admin");
    await operatorWithPasskey("admin");
    expect(await passkeySecondFactorOptions()).toBeNull();
    const sessionId = await browserSessionOf(actor, "second-factor");
    const options = await passkeySecondFactorOptions();
    expect(options?.allowCredentials).toEqual([{ id: key.id, type: "public-key", transports: ["internal"] }]);
    expect(await db.authChallenge.findFirst({ where: { sessionId, purpose: "passkey-second-factor" } })).toMatchObject({ adminId: actor.id });
  });

  it("finishes the sign-in as password+passkey; user verification is not required after a password", async () => {
    const { actor, key, passkeyId } = await operatorWithPasskey("admin", { userVerified: false, transports: ["usb"] });
    const sessionId = await browserSessionOf(actor, "second-factor");
    const options = await passkeySecondFactorOptions();
    expect(await secondFactorWithPasskey(key.authenticate(options!, ORIGIN))).toEqual({ ok: true, stage: "active" });
    expect(await db.operatorSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ stage: "active", method: "password+passkey" });
    expect((await db.passkey.findUniqueOrThrow({ where: { id: passkeyId } })).lastUsedAt).not.toBeNull();
  });

  it("refuses another operator's passkey and a counter regression, each audited as a failed second factor", async () => {
    const { actor, key, passkeyId } = await operatorWithPasskey("admin");
    const stranger = await operatorWithPasskey("admin");
    const sessionId = await browserSessionOf(actor, "second-factor");
    const options = await passkeySecondFactorOptions();
    expect(await secondFactorWithPasskey(stranger.key.authenticate(options!, ORIGIN))).toEqual({ ok: false, message: PASSKEY_MESSAGES.notYours });
    await db.passkey.update({ where: { id: passkeyId }, data: { counter: 9 } });
    const again = await passkeySecondFactorOptions();
    expect(await secondFactorWithPasskey(key.authenticate(again!, ORIGIN, { counter: 2 }))).toEqual({ ok: false, message: PASSKEY_MESSAGES.counter });
    expect(await db.auditLog.count({ where: { action: "session.second-factor.failed", targetId: sessionId } })).toBe(2);
    expect(await db.operatorSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ stage: "second-factor" });
  });

  it("does nothing for a browser that is not waiting for a second factor", async () => {
    const { actor, key } = await operatorWithPasskey("admin");
    await browserSessionOf(actor, "active");
    expect(await secondFactorWithPasskey(key.authenticate({ challenge: "x", rpId: "localhost" }, ORIGIN))).toMatchObject({ ok: false, message: expect.stringContaining("took too long") });
  });
});
