import "server-only";
import { headers } from "next/headers";
import { CLIENT_ADDRESS_HEADER } from "@/lib/client-address.mjs";

export type RequestInfo = { ip: string; userAgent: string; secure: boolean };

/**
 * Who is asking: the client address the console's server decided from the socket and
 * TRUSTED_PROXY_HOPS (never a header the client chose), the browser, and whether the console is
 * served over HTTPS (PUBLIC_URL/AUTH_URL, else the request's protocol).
 */
export async function requestInfo(): Promise<RequestInfo> {
  const h = await headers();
  const configured = process.env.PUBLIC_URL?.trim() || process.env.AUTH_URL?.trim();
  const secure = configured ? configured.startsWith("https://") : h.get("x-forwarded-proto") === "https";
  return {
    ip: h.get(CLIENT_ADDRESS_HEADER) || "unknown",
    userAgent: h.get("user-agent") ?? "",
    secure,
  };
}
