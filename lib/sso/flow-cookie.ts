import "server-only";
import { cookies } from "next/headers";
import { requestInfo } from "@/lib/sessions/request-info";

/**
 * The cookie that binds a single sign-on attempt to the browser that started it: it names the
 * AuthChallenge row, and the callback only accepts a state stored in that row. HttpOnly, SameSite=Lax
 * (the provider's redirect back is a top-level GET, which Lax lets through), only sent to /api/auth/sso.
 */
export const SSO_FLOW_COOKIE = "console-sso-flow";
const PATH = "/api/auth/sso";

/** Remembers the started attempt in this browser until it expires. */
export async function setSsoFlowCookie(challengeId: string, expiresAt: Date): Promise<void> {
  const { secure } = await requestInfo();
  (await cookies()).set(SSO_FLOW_COOKIE, challengeId, { httpOnly: true, sameSite: "lax", secure, path: PATH, expires: expiresAt });
}

/** The attempt this browser started, if any. */
export async function readSsoFlowCookie(): Promise<string | undefined> {
  return (await cookies()).get(SSO_FLOW_COOKIE)?.value || undefined;
}

/** Forgets the attempt: it is used up whatever the outcome. */
export async function clearSsoFlowCookie(): Promise<void> {
  (await cookies()).set(SSO_FLOW_COOKIE, "", { httpOnly: true, sameSite: "lax", path: PATH, maxAge: 0 });
}
