import "server-only";
import { cookies } from "next/headers";
import { SESSION_COOKIE_NAMES, sessionCookieName } from "./session-config";
import { requestInfo } from "./request-info";

/** The session token the browser sent, if any. */
export async function readSessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) {
    const value = jar.get(name)?.value;
    if (value) return value;
  }
  return undefined;
}

/** Sets the session cookie (HttpOnly, SameSite=Lax, Secure over HTTPS) until the session's absolute end. */
export async function setSessionCookie(token: string, expiresAt: Date): Promise<void> {
  const { secure } = await requestInfo();
  const jar = await cookies();
  jar.set(sessionCookieName(secure), token, { httpOnly: true, sameSite: "lax", secure, path: "/", expires: expiresAt });
}

/** Removes the session cookie (sign-out, or a session found over). */
export async function clearSessionCookie(): Promise<void> {
  const jar = await cookies();
  for (const name of SESSION_COOKIE_NAMES) if (jar.get(name)) jar.delete(name);
}
