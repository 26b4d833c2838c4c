import { beforeEach, describe, expect, it, vi } from "vitest";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { makeAdmin } from "@/test/factories";
import { SoftAuthenticator, type SoftAuthenticatorOptions } from "@/test/passkey-authenticator";
import { browserSessionOf, fakeRequest } from "@/test/passkey-request";
import { PASSKEY_CHALLENGE_SECONDS } from "./passkeys-challenge";
import { passkeyRegistrationOptions, registerPasskey } from "./passkeys-registration";

vi.mock("next/headers", () => import("@/test/passkey-request"));

const ORIGIN = "http://localhost:3000";

beforeEach(() => {
  delete process.env.PUBLIC_URL;
  delete process.env.AUTH_URL;
  delete process.env.WEBAUTHN_RP_ID;
  fakeRequest.reset();
});

/** Runs a whole registration for `actor` with a software authenticator. */
async function register(actor: Actor, key = new SoftAuthenticator(), name = "Work laptop") {
  const options = await runAs(actor, () => passkeyRegistrationOptions());
  return { key, options, result: await runAs(actor, () => registerPasskey({ name, response: key.register(options, ORIGIN) })) };
}

describe("passkey registration", () => {
  it("options name the console and the operator, prefer a discoverable key with verification, and store a 5-minute challenge", async () => {
    const actor = await makeAdmin("approver");
    const before = Date.now();
    const options = await runAs(actor, () => passkeyRegistrationOptions());
    expect(options.rp).toEqual({ name: "Identity Console", id: "localhost" });
    expect(options.user).toMatchObject({ id: actor.id, name: actor.email, displayName: actor.name });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: "preferred", userVerification: "preferred" });
    const [row] = await db.authChallenge.findMany({ where: { adminId: actor.id, purpose: "passkey-register" } });
    expect(row.challenge).toBe(options.challenge);
    expect(JSON.parse(row.data)).toEqual({ rpID: "localhost", origin: ORIGIN });
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(PASSKEY_CHALLENGE_SECONDS * 1000 - 1000);
    expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(PASSKEY_CHALLENGE_SECONDS * 1000 + 5000);
  });

  it("stores the verified passkey under the operator with the name they gave, audited, and excludes it from the next options", async () => {
    const actor = await makeAdmin("auditor");
    const { key, result } = await register(actor);
    expect(result).toMatchObject({ finishedSignIn: false, passkey: { name: "Work laptop", kind: "device-bound", lastUsedAt: null } });
    const stored = await db.passkey.findUniqueOrThrow({ where: { id: result.passkey.id } });
    expect(stored).toMatchObject({ adminId: actor.id, credentialId: key.id, counter: 0, transports: "internal", deviceType: "singleDevice", backedUp: false });
    expect(stored.publicKey).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "operator.passkey.registered", targetId: stored.id } });
    expect(audit.actorId).toBe(actor.id);
    expect(audit.after).not.toContain(stored.publicKey);
    // The challenge was used up.
    expect(await db.authChallenge.count({ where: { adminId: actor.id, purpose: "passkey-register" } })).toBe(0);
    const next = await runAs(actor, () => passkeyRegistrationOptions());
    expect(next.excludeCredentials).toEqual([{ id: key.id, type: "public-key", transports: ["internal"] }]);
  });

  it.each<[SoftAuthenticatorOptions, string, string]>([
    [{ synced: true }, "Synced passkey", "synced"],
    [{ transports: ["usb", "nfc"] }, "Security key", "device-bound"],
    [{ transports: ["internal"] }, "Passkey on this device", "device-bound"],
  ])("without a name, a passkey is named after its kind (%o)", async (settings, name, kind) => {
    const actor = await makeAdmin("approver");
    const { result } = await register(actor, new SoftAuthenticator(settings), "  ");
    expect(result.passkey).toMatchObject({ name, kind });
  });

  it("takes a challenge once: the same answer a second time is refused and stores nothing", async () => {
    const actor = await makeAdmin("approver");
    const key = new SoftAuthenticator();
    const options = await runAs(actor, () => passkeyRegistrationOptions());
    const response = key.register(options, ORIGIN);
    await runAs(actor, () => registerPasskey({ name: "One", response }));
    await db.passkey.deleteMany({ where: { adminId: actor.id } });
    await expect(runAs(actor, () => registerPasskey({ name: "Two", response }))).rejects.toThrow("took too long, or this answer was already used");
    expect(await db.passkey.count({ where: { adminId: actor.id } })).toBe(0);
  });

  it("refuses an answer to an expired challenge", async () => {
    const actor = await makeAdmin("approver");
    const options = await runAs(actor, () => passkeyRegistrationOptions());
    await db.authChallenge.updateMany({ where: { challenge: options.challenge }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(runAs(actor, () => registerPasskey({ name: "Late", response: new SoftAuthenticator().register(options, ORIGIN) }))).rejects.toThrow("took too long");
    expect(await db.passkey.count({ where: { adminId: actor.id } })).toBe(0);
  });

  it("refuses an answer to another operator's challenge, and one made for another origin", async () => {
    const [alice, mallory] = [await makeAdmin("approver"), await makeAdmin("approver")];
    const aliceOptions = await runAs(alice, () => passkeyRegistrationOptions());
    await expect(runAs(mallory, () => registerPasskey({ response: new SoftAuthenticator().register(aliceOptions, ORIGIN) }))).rejects.toThrow("took too long");
    const options = await runAs(alice, () => passkeyRegistrationOptions());
    await expect(runAs(alice, () => registerPasskey({ response: new SoftAuthenticator().register(options, "https://evil.test") }))).rejects.toThrow(
      "could not be verified",
    );
    expect(await db.passkey.count({ where: { adminId: { in: [alice.id, mallory.id] } } })).toBe(0);
  });

  it("refuses a malformed answer and a too long name without storing anything", async () => {
    const actor = await makeAdmin("approver");
    const options = await runAs(actor, () => passkeyRegistrationOptions());
    await expect(runAs(actor, () => registerPasskey({ response: { id: "x" } }))).rejects.toThrow("could not be read");
    await expect(runAs(actor, () => registerPasskey({ name: "n".repeat(61), response: new SoftAuthenticator().register(options, ORIGIN) }))).rejects.toThrow(
      "at most 60 characters",
    );
    expect(await db.passkey.count({ where: { adminId: actor.id } })).toBe(0);
  });

  it("refuses a signed-out browser and one still owing its second factor", async () => {
    await expect(passkeyRegistrationOptions()).rejects.toThrow("Sign in again");
    const admin = await makeAdmin("admin");
    await browserSessionOf(admin, "second-factor");
    await expect(passkeyRegistrationOptions()).rejects.toThrow("Sign in again");
  });

  it("a session in enrolment becomes active, signed in with password+passkey", async () => {
    const admin = await makeAdmin("admin");
    const sessionId = await browserSessionOf(admin, "enrol");
    const options = await passkeyRegistrationOptions();
    const result = await registerPasskey({ name: "YubiKey", response: new SoftAuthenticator({ transports: ["usb"] }).register(options, ORIGIN) });
    expect(result.finishedSignIn).toBe(true);
    expect(await db.operatorSession.findUniqueOrThrow({ where: { id: sessionId } })).toMatchObject({ stage: "active", method: "password+passkey" });
    expect(await db.authChallenge.findFirst({ where: { sessionId } })).toBeNull();
  });
});
