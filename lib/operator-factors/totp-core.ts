// TOTP (RFC 6238: SHA-1, 6 digits, 30 s) with the otpauth library. No database here, so the e2e
// fixtures can compute codes the same way an authenticator app does.
import { Secret, TOTP } from "otpauth";

export const TOTP_ISSUER = "Identity Console";
export const TOTP_PERIOD_SECONDS = 30;

/** A TOTP for a base32 secret, labelled with the operator's email (what authenticator apps show). */
export function totpFor(secretBase32: string, email: string): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label: email, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** A new random 160-bit secret, base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/**
 * The time step a code belongs to, accepting one step of clock drift either way, or null when the
 * code is wrong. The caller refuses steps at or before the last one accepted (replays).
 */
export function totpStepOf(secretBase32: string, code: string, now = Date.now()): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32, "").validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / TOTP_PERIOD_SECONDS) + delta;
}
