import "server-only";
import { generateAuthenticationOptions, verifyAuthenticationResponse } from "@simplewebauthn/server";
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/types";
import { cookies } from "next/headers";
import { writeAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { isRole } from "@/lib/permissions";
import { authenticationResponseSchema } from "@/lib/schemas/passkeys";
import { requestInfo } from "@/lib/sessions/request-info";
import { signInMessage } from "@/lib/sign-in/password-sign-in";
import { actorOfAdmin, auditSecondFactorFailure, finishSignIn, secondFactorSlot, sessionInStage, startSignedInSession, type SignInStep } from "@/lib/sign-in/sign-in-flow";
import { takeSlot } from "@/lib/sign-in/throttle";
import { passwordSignInRefusedBySso } from "@/lib/sso/config";
import { PASSKEY_CHALLENGE_SECONDS, challengeOfResponse, storeChallenge, takeChallenge, type TakenChallenge } from "./passkeys-challenge";
import { asAuthenticationResponse, counterAdvanced, transportsList } from "./passkeys-credentials";
import { currentRelyingParty } from "./passkeys-relying-party";

/** Binds a passwordless sign-in's challenge to the browser that asked for it (holds the challenge row id). */
export const PASSKEY_CHALLENGE_COOKIE = "console-passkey-challenge";
const CEREMONY_TIMEOUT_MS = 2 * 60_000;

/** What a person reads when a passkey does not get them in. */
export const PASSKEY_MESSAGES = {
  expired: "The passkey sign-in took too long or was already used. Try again.",
  unreadable: "The browser's answer could not be read. Try again.",
  unknown: "This passkey is not registered with Identity Console; it may have been removed. Sign in with your email and password.",
  notYours: "That passkey does not belong to this account. Use one of your own passkeys, or a code.",
  failed: "The passkey could not be verified. Try again, or sign in another way.",
  userVerification: "Your passkey did not confirm it was you (PIN, fingerprint or face). Try again and unlock it when asked.",
  counter:
    "This passkey was refused: its use counter went backwards, which happens when a passkey was copied. Sign in another way, and remove the passkey from Your account if you do not recognise this.",
} as const;

type PasskeyWithAdmin = NonNullable<Awaited<ReturnType<typeof findPasskey>>>;
type Assertion = { ok: true; newCounter: number; backedUp: boolean } | { ok: false; reason: "failed" | "userVerification" | "counter" };

function findPasskey(credentialId: string) {
  return db.passkey.findUnique({ where: { credentialId }, include: { admin: true } });
}

/**
 * Checks an assertion's signature with the stored public key, then its counter against the stored one
 * (checked here, after the signature, so a refusal for a counter really means a copy signed).
 */
async function checkAssertion(passkey: PasskeyWithAdmin, response: AuthenticationResponseJSON, taken: TakenChallenge, requireUserVerification: boolean): Promise<Assertion> {
  try {
    const { verified, authenticationInfo } = await verifyAuthenticationResponse({
      response,
      expectedChallenge: taken.challenge,
      expectedOrigin: taken.origin,
      expectedRPID: taken.rpID,
      requireUserVerification,
      // The library's counter check runs before the signature; ours runs after (counterAdvanced).
      authenticator: { credentialID: Buffer.from(passkey.credentialId, "base64url"), credentialPublicKey: Buffer.from(passkey.publicKey, "base64url"), counter: 0 },
    });
    if (!verified) return { ok: false, reason: "failed" };
    if (requireUserVerification && !authenticationInfo.userVerified) return { ok: false, reason: "userVerification" };
    if (!counterAdvanced(passkey.counter, authenticationInfo.newCounter)) return { ok: false, reason: "counter" };
    return { ok: true, newCounter: authenticationInfo.newCounter, backedUp: authenticationInfo.credentialBackedUp };
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    return { ok: false, reason: /user verification/i.test(message) ? "userVerification" : "failed" };
  }
}

/** Records a use: the new counter (only if nobody moved it meanwhile) and when. False when it lost a race. */
async function recordUse(passkey: PasskeyWithAdmin, assertion: { newCounter: number; backedUp: boolean }): Promise<boolean> {
  const updated = await db.passkey.updateMany({
    where: { id: passkey.id, counter: passkey.counter },
    data: { counter: assertion.newCounter, backedUp: assertion.backedUp, lastUsedAt: new Date() },
  });
  return updated.count === 1;
}

async function auditRefusal(passkey: PasskeyWithAdmin, reason: string): Promise<void> {
  const { ip } = await requestInfo();
  await db.$transaction((tx) =>
    writeAudit(tx, actorOfAdmin(passkey.admin), {
      action: "session.passkey.refused",
      targetType: "passkey",
      targetId: passkey.id,
      targetLabel: `${passkey.name} (${passkey.admin.email})`,
      after: { reason, ip },
    }),
  );
}

function parseResponse(response: unknown): AuthenticationResponseJSON | null {
  const parsed = authenticationResponseSchema.safeParse(response);
  return parsed.success ? asAuthenticationResponse(parsed.data) : null;
}

/**
 * Options for a passwordless sign-in: no allowCredentials (the authenticator offers the console's
 * discoverable passkeys) and user verification required, since the passkey stands for both factors.
 * The challenge is bound to this browser by a short-lived cookie; a pre-sign-in step (no permission).
 */
export async function passkeySignInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const rp = await currentRelyingParty();
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "required", timeout: CEREMONY_TIMEOUT_MS });
  const jar = await cookies();
  // One outstanding sign-in ceremony per browser: asking again replaces the last one.
  const earlier = jar.get(PASSKEY_CHALLENGE_COOKIE)?.value;
  if (earlier) await db.authChallenge.deleteMany({ where: { id: earlier, purpose: "passkey-sign-in" } });
  const id = await storeChallenge({ purpose: "passkey-sign-in", challenge: options.challenge, rp });
  jar.set(PASSKEY_CHALLENGE_COOKIE, id, { httpOnly: true, sameSite: "lax", secure: (await requestInfo()).secure, path: "/", maxAge: PASSKEY_CHALLENGE_SECONDS });
  return options;
}

/**
 * A passwordless sign-in: the attempt takes a client throttle slot first, then the browser's
 * challenge (once), the passkey by its credential id, a valid signature with user verification and a
 * counter that moved forward, and an enabled operator. Starts an active "passkey" session.
 */
export async function signInWithPasskey(input: unknown): Promise<SignInStep> {
  const { ip } = await requestInfo();
  const slot = await takeSlot([{ kind: "client", id: ip }]);
  if (!slot.ok) return { ok: false, message: signInMessage("throttled", slot.retryAfterSeconds) };

  const jar = await cookies();
  const challengeId = jar.get(PASSKEY_CHALLENGE_COOKIE)?.value;
  if (challengeId) jar.delete(PASSKEY_CHALLENGE_COOKIE);
  const taken = challengeId && challengeId.length <= 64 ? await takeChallenge("passkey-sign-in", { id: challengeId }) : null;
  if (!taken) return { ok: false, message: PASSKEY_MESSAGES.expired };
  const response = parseResponse(input);
  if (!response) return { ok: false, message: PASSKEY_MESSAGES.unreadable };

  const passkey = await findPasskey(response.id);
  if (!passkey) return { ok: false, message: PASSKEY_MESSAGES.unknown };
  // A discoverable passkey reports the user id it was made for; it must be the owner's.
  if (response.response.userHandle && response.response.userHandle !== passkey.adminId) {
    await auditRefusal(passkey, "user-handle");
    return { ok: false, message: PASSKEY_MESSAGES.failed };
  }
  const assertion = await checkAssertion(passkey, response, taken, true);
  if (!assertion.ok) {
    await auditRefusal(passkey, assertion.reason);
    return { ok: false, message: PASSKEY_MESSAGES[assertion.reason] };
  }
  const { admin } = passkey;
  if (admin.disabled) return { ok: false, message: signInMessage("disabled") };
  if (!isRole(admin.role)) return { ok: false, message: PASSKEY_MESSAGES.failed };
  // "SSO only" leaves no way around the provider but the break-glass admin's, passkeys included.
  if (await passwordSignInRefusedBySso(admin.email)) return { ok: false, message: signInMessage("sso-only") };
  if (!(await recordUse(passkey, assertion))) return { ok: false, message: PASSKEY_MESSAGES.expired };
  await startSignedInSession(admin, "passkey");
  return { ok: true, stage: "active" };
}

/**
 * Options for a passkey as the second factor of a password sign-in: the pending session's operator's
 * passkeys only. User verification is preferred, not required: the password was the first factor,
 * so a security key without a PIN still serves. Null when no sign-in is waiting for a second factor.
 */
export async function passkeySecondFactorOptions(): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const session = await sessionInStage("second-factor");
  if (!session) return null;
  const rp = await currentRelyingParty();
  const passkeys = await db.passkey.findMany({ where: { adminId: session.admin.id }, select: { credentialId: true, transports: true } });
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    userVerification: "preferred",
    timeout: CEREMONY_TIMEOUT_MS,
    allowCredentials: passkeys.map((p) => ({ id: Buffer.from(p.credentialId, "base64url"), type: "public-key", transports: transportsList(p.transports) })),
  });
  await storeChallenge({ purpose: "passkey-second-factor", challenge: options.challenge, rp, adminId: session.admin.id, sessionId: session.id });
  return options;
}

/**
 * The second step of a password sign-in with a passkey: takes a throttle slot like a code, checks the
 * passkey is the operator's, and finishes the sign-in ("password+passkey"). Failures are audited.
 */
export async function secondFactorWithPasskey(input: unknown): Promise<SignInStep> {
  const session = await sessionInStage("second-factor");
  if (!session) return { ok: false, message: signInMessage("expired") };
  const slot = await secondFactorSlot(session);
  if (!slot.ok) return { ok: false, message: signInMessage("throttled", slot.retryAfterSeconds) };
  const response = parseResponse(input);
  const challenge = response ? challengeOfResponse(response.response.clientDataJSON) : null;
  const taken = challenge ? await takeChallenge("passkey-second-factor", { challenge, sessionId: session.id }) : null;
  if (!response || !taken) {
    await auditSecondFactorFailure(session, "passkey");
    return { ok: false, message: response ? PASSKEY_MESSAGES.expired : PASSKEY_MESSAGES.unreadable };
  }
  const passkey = await findPasskey(response.id);
  if (!passkey || passkey.adminId !== session.admin.id) {
    await auditSecondFactorFailure(session, "passkey");
    return { ok: false, message: passkey ? PASSKEY_MESSAGES.notYours : PASSKEY_MESSAGES.unknown };
  }
  const assertion = await checkAssertion(passkey, response, taken, false);
  if (!assertion.ok) {
    await auditSecondFactorFailure(session, "passkey");
    if (assertion.reason === "counter") await auditRefusal(passkey, "counter");
    return { ok: false, message: PASSKEY_MESSAGES[assertion.reason] };
  }
  if (!(await recordUse(passkey, assertion))) return { ok: false, message: PASSKEY_MESSAGES.expired };
  await finishSignIn(session, "password+passkey");
  return { ok: true, stage: "active" };
}
