import "server-only";
import { decryptSecret } from "@/lib/crypto";

/** Generic OAuth 2.0 client settings as stored in App.oauthConfig (no secret). */
export type OAuth2Config = {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
  clientId: string;
  scopes: string;
  clientAuth: "basic" | "post";
};

/** Slack's OAuth client settings as stored in App.oauthConfig (no secret). */
export type SlackOAuthConfig = { clientId: string };

/** What a connection stored in App.connectionInfo: shown on the app page, never a secret. */
export type ConnectionInfo = {
  scopes: string[];
  teamId?: string | null;
  teamName?: string | null;
  enterpriseId?: string | null;
  enterpriseName?: string | null;
  authedUserId?: string | null;
};

/** The tokens of an OAuth connection as stored (encrypted) in App.credentialsEnc; `token` is the SCIM bearer. */
export type StoredTokens = {
  token: string;
  refreshToken?: string;
  /** Marks an OAuth connection: loadAppClient then asks token-source for the current token. */
  oauth?: true;
  /** Set while one worker refreshes: others wait instead of spending the same refresh token. */
  refreshingUntil?: number;
};

function parseObject(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The generic OAuth 2.0 settings, or null when they are incomplete. */
export function parseOAuth2Config(text: string | null): OAuth2Config | null {
  const raw = parseObject(text);
  const authorizationEndpoint = str(raw?.authorizationEndpoint);
  const tokenEndpoint = str(raw?.tokenEndpoint);
  const clientId = str(raw?.clientId);
  if (!authorizationEndpoint || !tokenEndpoint || !clientId) return null;
  return {
    authorizationEndpoint,
    tokenEndpoint,
    revocationEndpoint: str(raw?.revocationEndpoint),
    clientId,
    scopes: str(raw?.scopes) ?? "",
    clientAuth: raw?.clientAuth === "post" ? "post" : "basic",
  };
}

/** Slack's client settings, or null when no client ID is stored. */
export function parseSlackOAuthConfig(text: string | null): SlackOAuthConfig | null {
  const clientId = str(parseObject(text)?.clientId);
  return clientId ? { clientId } : null;
}

/** The stored connection facts; an empty scope list when nothing is connected. */
export function parseConnectionInfo(text: string | null): ConnectionInfo | null {
  const raw = parseObject(text);
  if (!raw) return null;
  return {
    scopes: Array.isArray(raw.scopes) ? raw.scopes.filter((s): s is string => typeof s === "string") : [],
    teamId: str(raw.teamId) ?? null,
    teamName: str(raw.teamName) ?? null,
    enterpriseId: str(raw.enterpriseId) ?? null,
    enterpriseName: str(raw.enterpriseName) ?? null,
    authedUserId: str(raw.authedUserId) ?? null,
  };
}

/** The decrypted client secret, or null when none is stored or it cannot be read. */
export function readClientSecret(enc: string | null): string | null {
  if (!enc) return null;
  try {
    const value = decryptSecret<{ secret?: unknown }>(enc);
    return typeof value.secret === "string" && value.secret !== "" ? value.secret : null;
  } catch {
    return null;
  }
}

/** The decrypted tokens, or null when none are stored or they cannot be read. */
export function readStoredTokens(enc: string | null): StoredTokens | null {
  if (!enc) return null;
  try {
    const value = decryptSecret<Record<string, unknown>>(enc);
    const token = str(value.token);
    if (!token) return null;
    return { token, refreshToken: str(value.refreshToken), oauth: value.oauth === true ? true : undefined, refreshingUntil: typeof value.refreshingUntil === "number" ? value.refreshingUntil : undefined };
  } catch {
    return null;
  }
}

/** The public address of the console, which OAuth providers redirect back to: PUBLIC_URL, else AUTH_URL. */
export function publicBaseUrl(): string {
  const url = process.env.PUBLIC_URL?.trim() || process.env.AUTH_URL?.trim() || `http://localhost:${process.env.PORT ?? 3000}`;
  return url.replace(/\/+$/, "");
}

/** The one Redirect URL to register with every provider (Slack's app settings, the OAuth client). */
export function oauthRedirectUri(): string {
  return `${publicBaseUrl()}/api/oauth/callback`;
}
