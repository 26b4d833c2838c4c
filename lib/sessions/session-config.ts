import { createHash } from "node:crypto";
import { wholeNumberFromEnv } from "@/lib/env-number";

/** Session lifetimes, read from the environment once per call so tests can vary them. */
export function sessionLimits(env = process.env) {
  return {
    /** Absolute lifetime from sign-in (default 8 hours, a working day); never extended. */
    maxAgeSeconds: wholeNumberFromEnv("SESSION_MAX_AGE_SECONDS", 8 * 60 * 60, { min: 60, max: 30 * 24 * 60 * 60 }, env),
    /** Ends a session nobody used for this long (default 30 minutes). */
    idleSeconds: wholeNumberFromEnv("SESSION_IDLE_SECONDS", 30 * 60, { min: 60, max: 24 * 60 * 60 }, env),
  };
}

/** A password-checked session has this long to present its second factor or finish enrolment. */
export const PENDING_STAGE_SECONDS = 10 * 60;

/** lastSeenAt is written at most this often per session (fewer writes; the idle timeout is minutes). */
export const TOUCH_INTERVAL_MS = 30_000;

/** The cookie's name: `__Host-` (secure, host-only, path /) when the console is served over HTTPS. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-console-session" : "console-session";
}

/** Both names, for code that only needs to know whether any session cookie is present. */
export const SESSION_COOKIE_NAMES = [sessionCookieName(true), sessionCookieName(false)];

/** The SHA-256 of a session token: what the database keeps instead of the token. */
export function hashSessionToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
