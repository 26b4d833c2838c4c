// A stand-in for next/headers in tests of sign-in code: one browser's request headers and cookie jar.
// Use in a test file with `vi.mock("next/headers", () => import("@/test/passkey-request"))`, then
// arrange the request through `fakeRequest`.
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address.mjs";

type CookieOptions = { maxAge?: number; expires?: Date };

export const fakeRequest = {
  host: "localhost:3000",
  ip: "10.9.0.1",
  forwardedProto: undefined as string | undefined,
  cookies: new Map<string, { value: string; options: CookieOptions }>(),
  /** A new browser: no cookies, this address. */
  reset(ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
    this.host = "localhost:3000";
    this.ip = ip;
    this.forwardedProto = undefined;
    this.cookies.clear();
  },
};

export async function headers(): Promise<Headers> {
  const h = new Headers({ host: fakeRequest.host, "user-agent": "vitest", [CLIENT_ADDRESS_HEADER]: fakeRequest.ip });
  if (fakeRequest.forwardedProto) h.set("x-forwarded-proto", fakeRequest.forwardedProto);
  return h;
}

export async function cookies() {
  const jar = fakeRequest.cookies;
  return {
    get: (name: string) => {
      const cookie = jar.get(name);
      return cookie ? { name, value: cookie.value } : undefined;
    },
    has: (name: string) => jar.has(name),
    set: (name: string, value: string, options: CookieOptions = {}) => {
      jar.set(name, { value, options });
    },
    delete: (name: string) => {
      jar.delete(name);
    },
  };
}

/**
 * Gives the fake browser a session of `admin` in `stage` (its cookie), as the password step would.
 * Returns the session id.
 */
export async function browserSessionOf(admin: { id: string; sessionVersion?: number }, stage: "active" | "second-factor" | "enrol"): Promise<string> {
  const { createSession } = await import("@/lib/sessions/session-store");
  const { sessionCookieName } = await import("@/lib/sessions/session-config");
  const session = await createSession({ admin: { id: admin.id, sessionVersion: admin.sessionVersion ?? 1 }, stage, method: "password", ip: fakeRequest.ip, userAgent: "vitest" });
  fakeRequest.cookies.set(sessionCookieName(false), { value: session.token, options: {} });
  return session.sessionId;
}
