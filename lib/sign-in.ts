import "server-only";
import { db } from "@/lib/db";
import { verifyAgainstDummy, verifyPassword } from "@/lib/passwords";
import { isRole, type Role } from "@/lib/permissions";

export const SIGN_IN_WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_ACCOUNT = Number(process.env.SIGNIN_MAX_FAILURES_PER_ACCOUNT ?? 5);
const MAX_FAILURES_PER_IP = Number(process.env.SIGNIN_MAX_FAILURES_PER_IP ?? 20);

export type SignInResult =
  | { ok: true; admin: { id: string; email: string; name: string; role: Role; sessionVersion: number } }
  | { ok: false; reason: "invalid" | "disabled" | "throttled"; retryAfterSeconds?: number };

/**
 * Checks an email and password for console sign-in, with throttling per account and per IP.
 * Runs before anyone is signed in, so it is the one lib function without a permission check.
 */
export async function verifySignIn(emailInput: string, password: string, ip: string): Promise<SignInResult> {
  const email = emailInput.trim().toLowerCase();
  const since = new Date(Date.now() - SIGN_IN_WINDOW_MS);
  const [accountFailures, ipFailures] = await Promise.all([
    db.signInAttempt.findMany({
      where: { email, success: false, at: { gte: since } },
      orderBy: { at: "asc" },
      select: { at: true },
    }),
    db.signInAttempt.findMany({
      where: { ip, success: false, at: { gte: since } },
      orderBy: { at: "asc" },
      select: { at: true },
    }),
  ]);
  const blockedBy =
    accountFailures.length >= MAX_FAILURES_PER_ACCOUNT
      ? accountFailures[accountFailures.length - MAX_FAILURES_PER_ACCOUNT]
      : ipFailures.length >= MAX_FAILURES_PER_IP
        ? ipFailures[ipFailures.length - MAX_FAILURES_PER_IP]
        : undefined;
  if (blockedBy) {
    const retryAfterSeconds = Math.max(1, Math.ceil((blockedBy.at.getTime() + SIGN_IN_WINDOW_MS - Date.now()) / 1000));
    return { ok: false, reason: "throttled", retryAfterSeconds };
  }

  const admin = await db.admin.findUnique({ where: { email } });
  const valid = admin ? await verifyPassword(admin.passwordHash, password) : await verifyAgainstDummy(password);
  await db.signInAttempt.create({ data: { email, ip, success: valid } });
  if (!admin || !valid || !isRole(admin.role)) return { ok: false, reason: "invalid" };
  if (admin.disabled) return { ok: false, reason: "disabled" };

  await db.$transaction([
    db.admin.update({ where: { id: admin.id }, data: { lastSignInAt: new Date() } }),
    // A successful sign-in clears the account's failure streak.
    db.signInAttempt.deleteMany({ where: { email, success: false } }),
  ]);
  return {
    ok: true,
    admin: { id: admin.id, email: admin.email, name: admin.name, role: admin.role, sessionVersion: admin.sessionVersion },
  };
}

/** The message a person sees for a failed sign-in. */
export function signInMessage(reason: string | undefined, retryAfterSeconds?: number): string {
  switch (reason) {
    case "throttled": {
      const minutes = Math.max(1, Math.ceil((retryAfterSeconds ?? SIGN_IN_WINDOW_MS / 1000) / 60));
      return `Too many failed sign-ins. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or ask an admin to reset your password.`;
    }
    case "disabled":
      return "This account is disabled. Ask an admin to enable it.";
    default:
      return "Email or password is incorrect.";
  }
}
