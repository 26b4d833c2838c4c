import "server-only";
import Bowser from "bowser";
import { writeAudit } from "@/lib/audit";
import { requireOwnSession, requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { sessionLimits } from "./session-config";

/** One signed-in browser of the operator, as Your account > Sessions shows it (never its token or hash). */
export type OwnSession = {
  id: string;
  browser: string;
  os: string;
  ip: string;
  /** How the operator proved who they are, in words. */
  method: string;
  /** The password was checked but the second factor or enrolment is still owed. */
  pending: boolean;
  signedInAt: string;
  lastSeenAt: string;
  expiresAt: string;
  /** The browser asking. */
  current: boolean;
};

const METHOD_LABELS: Record<string, string> = {
  password: "Password",
  "password+totp": "Password and authenticator code",
  "password+recovery-code": "Password and recovery code",
  "password+passkey": "Password and passkey",
  passkey: "Passkey",
  sso: "Single sign-on",
};

/** "Chrome 140" and "macOS Catalina" from a user agent; "Unknown browser" / "unknown system" when it says nothing. */
export function describeUserAgent(userAgent: string): { browser: string; os: string } {
  if (!userAgent.trim()) return { browser: "Unknown browser", os: "unknown system" };
  const parsed = Bowser.parse(userAgent);
  const major = parsed.browser.version?.split(".")[0];
  const browser = parsed.browser.name ? `${parsed.browser.name}${major ? ` ${major}` : ""}` : "Unknown browser";
  const os = parsed.os.name ? `${parsed.os.name}${parsed.os.versionName ? ` ${parsed.os.versionName}` : ""}` : "unknown system";
  return { browser, os };
}

/** The operator's own sessions that are still valid, most recently used first; the asking browser is marked. */
export async function listOwnSessions(): Promise<OwnSession[]> {
  const { actor, session } = await requireOwnSession();
  const now = Date.now();
  const admin = await db.admin.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionVersion: true } });
  const rows = await db.operatorSession.findMany({
    where: {
      adminId: actor.id,
      sessionVersion: admin.sessionVersion,
      expiresAt: { gt: new Date(now) },
      lastSeenAt: { gt: new Date(now - sessionLimits().idleSeconds * 1000) },
    },
    select: { id: true, stage: true, method: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true, expiresAt: true },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    ...describeUserAgent(row.userAgent),
    ip: row.ip,
    method: METHOD_LABELS[row.method] ?? row.method,
    pending: row.stage !== "active",
    signedInAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    current: row.id === session?.id,
  }));
}

/** Ends one of the operator's own sessions (not the asking browser's: that is Sign out). */
export async function endOwnSession(sessionId: string): Promise<void> {
  const { actor, session } = await requireOwnSession();
  const id = idField.parse(sessionId);
  if (id === session?.id) throw new DomainError("That is this browser's session. Use Sign out to end it.");
  await db.$transaction(async (tx) => {
    const row = await tx.operatorSession.findFirst({ where: { id, adminId: actor.id }, select: { ip: true, userAgent: true, method: true } });
    // Another operator's session reads the same as one already gone.
    if (!row) throw new NotFoundError("That session has already ended. Reload the page.");
    await tx.operatorSession.deleteMany({ where: { id, adminId: actor.id } });
    const { browser, os } = describeUserAgent(row.userAgent);
    await writeAudit(tx, actor, {
      action: "session.ended",
      targetType: "session",
      targetId: id,
      targetLabel: actor.email,
      after: { ip: row.ip, browser: `${browser} on ${os}`, method: row.method },
    });
  });
}

/** Ends every session of the operator except the asking browser's ("Sign out everywhere else"); returns how many. */
export async function endOtherOwnSessions(): Promise<number> {
  const { actor, session } = await requireOwnSession();
  return db.$transaction(async (tx) => {
    const { count } = await tx.operatorSession.deleteMany({
      where: { adminId: actor.id, ...(session ? { NOT: { id: session.id } } : {}) },
    });
    if (count > 0) {
      await writeAudit(tx, actor, { action: "session.others.ended", targetType: "session", targetId: session?.id ?? null, targetLabel: actor.email, after: { count } });
    }
    return count;
  });
}

/**
 * Ends every session of another operator (Settings > Admins > End sessions): they must sign in
 * again; their password and second factors stay. Returns how many sessions ended.
 */
export async function endOperatorSessions(adminId: string): Promise<number> {
  const actor = await requirePermission("admins:write");
  const id = idField.parse(adminId);
  if (id === actor.id) throw new DomainError("To end your own sessions, use Sign out everywhere else under Your account.");
  return db.$transaction(async (tx) => {
    const target = await tx.admin.findUnique({ where: { id }, select: { email: true } });
    if (!target) throw new NotFoundError("That operator no longer exists. Reload the page.");
    const { count } = await tx.operatorSession.deleteMany({ where: { adminId: id } });
    await writeAudit(tx, actor, { action: "admin.sessions.ended", targetType: "admin", targetId: id, targetLabel: target.email, after: { count } });
    return count;
  });
}
