import "server-only";
import { isIP } from "node:net";
import { headers } from "next/headers";
import { DomainError } from "@/lib/errors";
import { requestInfo } from "@/lib/sessions/request-info";

/** The name authenticators show next to a passkey for this console. */
export const RP_NAME = "Identity Console";

/** Who passkeys belong to: the RP ID they are scoped to, and the page origin the browser must report. */
export type RelyingParty = { name: string; id: string; origin: string };

/** What the request says about where the browser reached the console. */
export type RequestOrigin = { host: string | null; secure: boolean };

function isIpAddress(hostname: string): boolean {
  return isIP(hostname.replace(/^\[|\]$/g, "")) !== 0;
}

/** A configured console URL, when it names a DNS host (WebAuthn refuses IP addresses as RP IDs). */
function configuredDnsUrl(env: NodeJS.ProcessEnv): URL | null {
  const raw = env.PUBLIC_URL?.trim() || env.AUTH_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError(`PUBLIC_URL / AUTH_URL is not a URL ("${raw}"); passkeys cannot work until it is fixed.`);
  }
  return isIpAddress(url.hostname) ? null : url;
}

/** WEBAUTHN_RP_ID when it is set to a DNS host name; an IP address is ignored like one in PUBLIC_URL. */
function configuredRpId(env: NodeJS.ProcessEnv): string | null {
  const raw = env.WEBAUTHN_RP_ID?.trim().toLowerCase();
  if (!raw) return null;
  if (isIpAddress(raw)) return null;
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(raw)) {
    throw new DomainError(`WEBAUTHN_RP_ID must be a host name such as console.example.com, without scheme, port or path ("${raw}").`);
  }
  return raw;
}

/**
 * The relying party for a request. The RP ID is WEBAUTHN_RP_ID, else the host of PUBLIC_URL (or
 * AUTH_URL), else the Host the browser used; the origin is PUBLIC_URL's (AUTH_URL's), else the
 * request's. A configured value naming an IP address counts as unset, because browsers refuse IP
 * addresses as RP IDs: the request's host name is used instead (so a console configured as
 * http://127.0.0.1:3000 still offers passkeys to a browser at http://localhost:3000).
 */
export function relyingPartyFor(request: RequestOrigin, env: NodeJS.ProcessEnv = process.env): RelyingParty {
  const configured = configuredDnsUrl(env);
  let origin: URL;
  if (configured) {
    origin = new URL(configured.origin);
  } else {
    if (!request.host) throw new DomainError("The request names no host, so passkeys cannot be offered. Set PUBLIC_URL.");
    try {
      origin = new URL(`${request.secure ? "https" : "http"}://${request.host}`);
    } catch {
      throw new DomainError("The request's host is not valid, so passkeys cannot be offered. Set PUBLIC_URL.");
    }
    if (isIpAddress(origin.hostname)) {
      throw new DomainError(
        `Passkeys need the console to be opened by a host name, not an IP address (${origin.hostname}). Open it at its DNS name, or at localhost on this machine.`,
      );
    }
  }
  const hostname = origin.hostname.toLowerCase();
  const id = configuredRpId(env) ?? hostname;
  if (hostname !== id && !hostname.endsWith(`.${id}`)) {
    throw new DomainError(`The console is reached at ${hostname}, which is not within WEBAUTHN_RP_ID (${id}); passkeys cannot be used here.`);
  }
  return { name: RP_NAME, id, origin: origin.origin };
}

/** The relying party for the current request (see relyingPartyFor). */
export async function currentRelyingParty(): Promise<RelyingParty> {
  const h = await headers();
  const { secure } = await requestInfo();
  return relyingPartyFor({ host: h.get("host"), secure });
}
