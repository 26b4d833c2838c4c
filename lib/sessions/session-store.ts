import "server-only";
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Admin } from "@/lib/db";
import { PENDING_STAGE_SECONDS, TOUCH_INTERVAL_MS, hashSessionToken, sessionLimits } from "./session-config";

export type SessionStage = "active" | "second-factor" | "enrol";
export type SignInMethod = "password" | "password+totp" | "password+recovery-code" | "password+passkey" | "passkey" | "sso";

export type LiveSession = {
  id: string;
  stage: SessionStage;
  method: string;
  createdAt: Date;
  admin: Admin;
};

/**
 * Starts a session for `admin` and returns the cookie token (32 random bytes). Sessions that still
 * owe a second factor or an enrolment expire after 10 minutes; active ones after the absolute lifetime.
 */
export async function createSession(input: {
  admin: Pick<Admin, "id" | "sessionVersion">;
  stage: SessionStage;
  method: SignInMethod;
  ip: string;
  userAgent: string;
}): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = Date.now();
  const lifetime = input.stage === "active" ? sessionLimits().maxAgeSeconds : PENDING_STAGE_SECONDS;
  const session = await db.operatorSession.create({
    data: {
      tokenHash: hashSessionToken(token),
      adminId: input.admin.id,
      stage: input.stage,
      method: input.method,
      sessionVersion: input.admin.sessionVersion,
      ip: input.ip.slice(0, 100),
      userAgent: input.userAgent.slice(0, 400),
      expiresAt: new Date(now + lifetime * 1000),
    },
  });
  return { token, sessionId: session.id, expiresAt: session.expiresAt };
}

/**
 * The session a cookie token names, if it is still valid: not ended, within its absolute lifetime
 * and idle timeout, and its operator still enabled with the same sessionVersion. A session found
 * expired is deleted. Marks the session as used (at most every 30 s).
 */
export async function readSession(token: string | undefined, options: { touch?: boolean } = {}): Promise<LiveSession | null> {
  if (!token || token.length > 100) return null;
  const row = await db.operatorSession.findUnique({ where: { tokenHash: hashSessionToken(token) }, include: { admin: true } });
  if (!row) return null;
  const now = Date.now();
  const idleMs = sessionLimits().idleSeconds * 1000;
  const over =
    row.expiresAt.getTime() <= now ||
    now - row.lastSeenAt.getTime() >= idleMs ||
    row.admin.disabled ||
    row.admin.sessionVersion !== row.sessionVersion;
  if (over) {
    await db.operatorSession.deleteMany({ where: { id: row.id } });
    return null;
  }
  if (options.touch !== false && now - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.operatorSession.updateMany({ where: { id: row.id }, data: { lastSeenAt: new Date(now) } });
  }
  return { id: row.id, stage: row.stage as SessionStage, method: row.method, createdAt: row.createdAt, admin: row.admin };
}

/**
 * Moves a pending session to `stage` (after its second factor or enrolment) with a new token, so a
 * token seen before the upgrade cannot ride on it; the absolute lifetime starts at sign-in.
 */
export async function advanceSession(sessionId: string, stage: SessionStage, method: SignInMethod): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const row = await db.operatorSession.findUniqueOrThrow({ where: { id: sessionId } });
  const expiresAt =
    stage === "active" ? new Date(row.createdAt.getTime() + sessionLimits().maxAgeSeconds * 1000) : row.expiresAt;
  await db.operatorSession.update({
    where: { id: sessionId },
    data: { tokenHash: hashSessionToken(token), stage, method, expiresAt, lastSeenAt: new Date() },
  });
  return { token, expiresAt };
}

/** Ends one session (sign-out, or ended from the sessions list). */
export async function deleteSession(sessionId: string): Promise<number> {
  return (await db.operatorSession.deleteMany({ where: { id: sessionId } })).count;
}

/** Ends every session of an operator, except `keepSessionId` when given. */
export async function deleteSessionsOf(adminId: string, keepSessionId?: string): Promise<number> {
  const where = keepSessionId ? { adminId, NOT: { id: keepSessionId } } : { adminId };
  return (await db.operatorSession.deleteMany({ where })).count;
}

/** Deletes sessions past their absolute end (expired ones are also deleted when next presented). */
export async function purgeExpiredSessions(now = new Date()): Promise<number> {
  const idleCutoff = new Date(now.getTime() - sessionLimits().idleSeconds * 1000);
  return (await db.operatorSession.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { lastSeenAt: { lte: idleCutoff } }] } })).count;
}
