import "server-only";
import type { Admin } from "@/lib/db";
import { db } from "@/lib/db";
import { verifyAgainstDummy, verifyPassword } from "@/lib/passwords";
import { isRole } from "@/lib/permissions";
import { passwordSignInRefusedBySso } from "@/lib/sso/config";
import { takeSlot, type ThrottleKey } from "./throttle";

export type PasswordCheck =
  | { ok: true; admin: Admin; keys: ThrottleKey[] }
  | { ok: false; reason: "invalid" | "disabled" | "throttled" | "sso-only"; retryAfterSeconds?: number };

/** The throttle keys of an attempt on `email` from `ip`; a trusted browser counts under its own key. */
export function attemptKeys(email: string, ip: string, deviceId: string | null): ThrottleKey[] {
  return [{ kind: "client", id: ip }, deviceId ? { kind: "device", id: deviceId } : { kind: "account", id: email }];
}

/**
 * Checks an email and password for console sign-in. The attempt first takes its throttle slot
 * (counted as a failure until the whole sign-in completes). Runs before anyone is signed in, so it is
 * a lib function without a permission check.
 */
export async function checkPassword(emailInput: string, password: string, client: { ip: string; deviceId: string | null }): Promise<PasswordCheck> {
  const email = emailInput.trim().toLowerCase();
  const keys = attemptKeys(email, client.ip, client.deviceId);
  const slot = await takeSlot(keys);
  if (!slot.ok) return { ok: false, reason: "throttled", retryAfterSeconds: slot.retryAfterSeconds };
  // "SSO only": refused before the password is looked at, the same for every email but the break-glass admin's.
  if (await passwordSignInRefusedBySso(email)) return { ok: false, reason: "sso-only" };

  const admin = await db.admin.findUnique({ where: { email } });
  const valid = admin ? await verifyPassword(admin.passwordHash, password) : await verifyAgainstDummy(password);
  if (!admin || !valid || !isRole(admin.role)) return { ok: false, reason: "invalid" };
  if (admin.disabled) return { ok: false, reason: "disabled" };
  return { ok: true, admin, keys };
}

/** The message a person sees for a failed sign-in. */
export function signInMessage(reason: string | undefined, retryAfterSeconds?: number): string {
  switch (reason) {
    case "throttled": {
      const seconds = Math.max(1, retryAfterSeconds ?? 60);
      const wait = seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
      return `Too many failed attempts. Wait ${wait} and try again, or ask an admin to reset your password.`;
    }
    case "disabled":
      return "This account is disabled. Ask an admin to enable it.";
    case "sso-only":
      return "This console signs in with single sign-on.";
    case "code":
      return "That code is not right, or it was already used. Enter the current code from your authenticator app, or a recovery code.";
    case "expired":
      return "Your sign-in took too long. Enter your email and password again.";
    default:
      return "Email or password is incorrect.";
  }
}
