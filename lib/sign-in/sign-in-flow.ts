import "server-only";
import { cookies } from "next/headers";
import { writeAudit } from "@/lib/audit";
import type { Actor } from "@/lib/authz";
import { currentSession } from "@/lib/authz";
import { db, type Admin } from "@/lib/db";
import { isRole } from "@/lib/permissions";
import { requestInfo } from "@/lib/sessions/request-info";
import { clearSessionCookie, setSessionCookie } from "@/lib/sessions/session-cookie";
import { advanceSession, createSession, deleteSession, type LiveSession, type SessionStage, type SignInMethod } from "@/lib/sessions/session-store";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, deviceIdFor, issueDeviceCookie } from "./device-cookie";
import { attemptKeys, checkPassword, signInMessage } from "./password-sign-in";
import { readSecondFactorRequirement, secondFactorRequired, secondFactorsOf } from "./second-factor-policy";
import { signInSucceeded, takeSlot, type SlotResult } from "./throttle";

export type SignInStep = { ok: true; stage: SessionStage } | { ok: false; message: string };

/** An operator row as the actor of their own sign-in events in the audit log. */
export function actorOfAdmin(admin: Pick<Admin, "id" | "email" | "name" | "role">): Actor {
  return { id: admin.id, email: admin.email, name: admin.name, role: isRole(admin.role) ? admin.role : "auditor" };
}

async function deviceIdOf(email: string): Promise<string | null> {
  return deviceIdFor((await cookies()).get(DEVICE_COOKIE)?.value, email);
}

/**
 * The password step. On success a session starts in the stage the operator's factors call for:
 * "second-factor" when they have one, "enrol" when the requirement covers them and they have none,
 * else "active".
 */
export async function signInWithPassword(email: string, password: string): Promise<SignInStep> {
  const request = await requestInfo();
  const normalised = email.trim().toLowerCase();
  const check = await checkPassword(normalised, password, { ip: request.ip, deviceId: await deviceIdOf(normalised) });
  if (!check.ok) return { ok: false, message: signInMessage(check.reason, check.retryAfterSeconds) };
  const { admin } = check;
  const factors = await secondFactorsOf(admin.id);
  const stage: SessionStage =
    factors.totp || factors.passkeys > 0
      ? "second-factor"
      : secondFactorRequired(admin.role, await readSecondFactorRequirement())
        ? "enrol"
        : "active";
  if (stage === "active") {
    await startSignedInSession(admin, "password");
  } else {
    const session = await createSession({ admin, stage, method: "password", ip: request.ip, userAgent: request.userAgent });
    await setSessionCookie(session.token, session.expiresAt);
  }
  return { ok: true, stage };
}

/**
 * Starts an active session for an operator who proved who they are in one step (a passkey, SSO).
 * Each such attempt takes a client slot first (`takeSlot([{ kind: "client", id: ip }])`), which
 * completing gives back; SSO, throttled by its provider, takes none (`tookClientSlot: false`).
 * `audit` adds facts to the sign-in's audit row (SSO: the provider and its `amr`).
 */
export async function startSignedInSession(admin: Admin, method: SignInMethod, options: { tookClientSlot?: boolean; audit?: Record<string, unknown> } = {}): Promise<void> {
  const request = await requestInfo();
  const session = await createSession({ admin, stage: "active", method, ip: request.ip, userAgent: request.userAgent });
  await setSessionCookie(session.token, session.expiresAt);
  await signInCompleted(admin, session.sessionId, method, options.tookClientSlot ?? true, options.audit);
}

/** Moves a pending session to active after its second factor, or after enrolment, with a new token. */
export async function finishSignIn(session: LiveSession, method: SignInMethod): Promise<void> {
  const { token, expiresAt } = await advanceSession(session.id, "active", method);
  await setSessionCookie(token, expiresAt);
  await signInCompleted(session.admin, session.id, method);
}

async function signInCompleted(admin: Admin, sessionId: string, method: SignInMethod, tookClientSlot = true, audit: Record<string, unknown> = {}): Promise<void> {
  const { ip } = await requestInfo();
  const deviceId = await deviceIdOf(admin.email);
  // The account (and this browser) start counting from zero; the client gets this attempt's slot back.
  await signInSucceeded([...(tookClientSlot ? [{ kind: "client" as const, id: ip }] : []), { kind: "account", id: admin.email }, ...(deviceId ? [{ kind: "device" as const, id: deviceId }] : [])]);
  if (!deviceId) {
    (await cookies()).set(DEVICE_COOKIE, issueDeviceCookie(admin.email), {
      httpOnly: true,
      sameSite: "lax",
      secure: (await requestInfo()).secure,
      path: "/",
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
    });
  }
  await db.$transaction(async (tx) => {
    await tx.admin.update({ where: { id: admin.id }, data: { lastSignInAt: new Date() } });
    await writeAudit(tx, actorOfAdmin(admin), {
      action: "session.sign-in",
      targetType: "session",
      targetId: sessionId,
      targetLabel: admin.email,
      after: { method, ip, ...audit },
    });
  });
}

/**
 * Takes a throttle slot for a second-factor attempt of a pending session: wrong codes count like
 * wrong passwords, under the same keys.
 */
export async function secondFactorSlot(session: LiveSession): Promise<SlotResult> {
  const { ip } = await requestInfo();
  return takeSlot(attemptKeys(session.admin.email, ip, await deviceIdOf(session.admin.email)));
}

/** Writes an audit row about a session, by its own operator. */
async function auditSession(session: LiveSession, action: string, after?: Record<string, unknown>): Promise<void> {
  await db.$transaction((tx) =>
    writeAudit(tx, actorOfAdmin(session.admin), { action, targetType: "session", targetId: session.id, targetLabel: session.admin.email, after }),
  );
}

/** Audits a refused second factor (a wrong or replayed code, a failed passkey). */
export async function auditSecondFactorFailure(session: LiveSession, factor: string): Promise<void> {
  const { ip } = await requestInfo();
  await auditSession(session, "session.second-factor.failed", { factor, ip });
}

/** The browser's session when it is in `stage`, else null. */
export async function sessionInStage(stage: SessionStage): Promise<LiveSession | null> {
  const session = await currentSession();
  return session?.stage === stage ? session : null;
}

/** Signs the browser out: its session ends on the server (a copied cookie stops working) and is audited. */
export async function signOutCurrentSession(): Promise<void> {
  const session = await currentSession();
  if (session) {
    await deleteSession(session.id);
    await auditSession(session, "session.sign-out");
  }
  await clearSessionCookie();
}
