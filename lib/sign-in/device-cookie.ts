import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * A browser that completed a sign-in to an account holds a device cookie naming it: an id and the
 * account, signed with AUTH_SECRET. Its failed attempts count under "device:<id>" instead of the
 * account's key, so an attacker who keeps the account throttled elsewhere does not lock the
 * operator out of their own browser (OWASP's device-cookie defence).
 */
export const DEVICE_COOKIE = "console-device";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

function mac(id: string, email: string): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set; start the console with npm start or set it.");
  return createHmac("sha256", secret).update(`device\n${id}\n${email.toLowerCase()}`).digest("base64url");
}

/** A new device cookie value for `email`. */
export function issueDeviceCookie(email: string): string {
  const id = randomBytes(12).toString("base64url");
  return `${id}.${mac(id, email)}`;
}

/** The device id when `value` is a genuine device cookie for `email`, else null. */
export function deviceIdFor(value: string | undefined, email: string): string | null {
  if (!value || value.length > 200) return null;
  const [id, signature] = value.split(".");
  if (!id || !signature) return null;
  const expected = Buffer.from(mac(id, email));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}
