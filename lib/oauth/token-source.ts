import "server-only";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { ScimError } from "@/lib/scim/errors";
import { refreshSlackToken } from "@/lib/slack/oauth";
import { parseConnectionInfo, parseOAuth2Config, parseSlackOAuthConfig, readClientSecret, readStoredTokens, type StoredTokens } from "./config";
import { OAuthFlowError } from "./errors";
import { oauth2Refresh, type IssuedTokens } from "./generic-client";

/** An access token and when it expires (ms since epoch; null = the provider did not say). */
export type AccessToken = { token: string; expiresAt: number | null };

/** Refresh this long before the access token expires, so no SCIM call goes out with a dying token. */
export const REFRESH_MARGIN_MS = 60_000;
/** How long one worker may hold the refresh before another may take over (a crashed worker). */
const REFRESH_LEASE_MS = 30_000;
/** How long a caller waits for another worker's refresh before giving up for this attempt. */
const WAIT_FOR_REFRESH_MS = 15_000;

export const RECONNECT_MESSAGE = "The app's OAuth connection was revoked or expired and could not be refreshed. Click Reconnect on the app page; provisioning waits until then.";
const NOT_CONNECTED = "The app is not connected yet: click Connect on its settings page. Provisioning waits until then.";

const SELECT = {
  id: true,
  name: true,
  health: true,
  credentialKind: true,
  credentialsEnc: true,
  oauthConfig: true,
  oauthClientSecretEnc: true,
  connectionInfo: true,
  tokenExpiresAt: true,
  tokenRefreshedAt: true,
} as const;

// Thrown into the worker: retryable, so the job goes back to the queue, where claim-jobs holds it while
// the app is "reconnect_needed" instead of failing every job of the app one after another.
function heldError(message: string): ScimError {
  return new ScimError({ reason: "server", message });
}

async function refreshWithProvider(row: { credentialKind: string; oauthConfig: string | null; oauthClientSecretEnc: string | null }, refreshToken: string): Promise<IssuedTokens> {
  const secret = readClientSecret(row.oauthClientSecretEnc);
  if (row.credentialKind === "slack_oauth") {
    const config = parseSlackOAuthConfig(row.oauthConfig);
    if (!config || !secret) throw new OAuthFlowError("not_configured");
    return refreshSlackToken({ clientId: config.clientId, clientSecret: secret, refreshToken });
  }
  const config = parseOAuth2Config(row.oauthConfig);
  if (!config || !secret) throw new OAuthFlowError("not_configured");
  return oauth2Refresh(config, secret, refreshToken);
}

/** Marks the app "reconnect needed" and records why, in one transaction; the stored tokens lose their lease. */
async function markReconnectNeeded(appId: string, leasedEnc: string, tokens: StoredTokens, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.app.updateMany({
      where: { id: appId, credentialsEnc: leasedEnc },
      data: { credentialsEnc: encryptSecret({ token: tokens.token, oauth: true }), health: "reconnect_needed", healthMessage: RECONNECT_MESSAGE },
    });
    if (updated.count === 0) return;
    const app = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: { name: true } });
    // The worker has no operator: the row names the system, like the provisioning events do.
    await tx.auditLog.create({
      data: { actorId: null, actorEmail: "system", action: "app.oauth.refresh_failed", targetType: "app", targetId: appId, targetLabel: app.name, after: JSON.stringify({ health: "reconnect_needed", reason }) },
    });
  });
}

// A token that lives less than twice the margin (some providers issue 30-second tokens) would count as
// expiring the moment it was issued and be refreshed on every call: refresh it at half its lifetime then.
function refreshMargin(refreshedAt: Date | null, expiresAt: Date): number {
  const lifetime = refreshedAt ? expiresAt.getTime() - refreshedAt.getTime() : 0;
  return lifetime > 0 ? Math.min(REFRESH_MARGIN_MS, lifetime / 2) : REFRESH_MARGIN_MS;
}

/**
 * The access token to send to an OAuth app's SCIM API: refreshed shortly before expiry, or when `rejected`
 * (the token a 401 came back for) is still the stored one. One worker refreshes at a time: it claims the
 * stored tokens with a conditional update, and the rotated pair replaces them only if its claim still
 * holds, so two workers never spend the same refresh token.
 */
export async function oauthAccessToken(appId: string, options: { rejected?: string } = {}): Promise<AccessToken> {
  const deadline = Date.now() + WAIT_FOR_REFRESH_MS;
  for (;;) {
    if (Date.now() > deadline) throw new ScimError({ reason: "timeout", timeoutMs: WAIT_FOR_REFRESH_MS, message: "Another worker is refreshing the app's OAuth token; the job will retry shortly." });
    const row = await db.app.findUnique({ where: { id: appId }, select: SELECT });
    const tokens = readStoredTokens(row?.credentialsEnc ?? null);
    if (!row || !row.credentialsEnc || !tokens) throw heldError(NOT_CONNECTED);
    if (row.health === "reconnect_needed") throw heldError(row.credentialKind === "bearer" ? NOT_CONNECTED : RECONNECT_MESSAGE);
    const now = Date.now();
    const expiring = row.tokenExpiresAt !== null && row.tokenExpiresAt.getTime() - now < refreshMargin(row.tokenRefreshedAt, row.tokenExpiresAt);
    const rejected = options.rejected !== undefined && options.rejected === tokens.token;
    const stored = { token: tokens.token, expiresAt: row.tokenExpiresAt?.getTime() ?? null };
    if (!expiring && !rejected) return stored;
    if (!tokens.refreshToken) {
      if (rejected || (row.tokenExpiresAt && row.tokenExpiresAt.getTime() <= now)) {
        await markReconnectNeeded(appId, row.credentialsEnc, tokens, "no refresh token");
        throw heldError(RECONNECT_MESSAGE);
      }
      return stored;
    }
    if (tokens.refreshingUntil && tokens.refreshingUntil > now) {
      // Someone else is refreshing: a still-valid token is fine meanwhile; otherwise wait for theirs.
      if (!rejected && row.tokenExpiresAt && row.tokenExpiresAt.getTime() > now) return stored;
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    const leasedEnc = encryptSecret({ ...tokens, refreshingUntil: now + REFRESH_LEASE_MS });
    const claimed = await db.app.updateMany({ where: { id: appId, credentialsEnc: row.credentialsEnc }, data: { credentialsEnc: leasedEnc } });
    if (claimed.count === 0) continue;

    let issued: IssuedTokens;
    try {
      issued = await refreshWithProvider(row, tokens.refreshToken);
    } catch (error) {
      const code = error instanceof OAuthFlowError ? error.code : "provider_error";
      if (code === "invalid_code" || code === "bad_client" || code === "not_configured" || code === "missing_scope") {
        await markReconnectNeeded(appId, leasedEnc, tokens, code === "invalid_code" ? "refresh token revoked or expired" : code);
        throw heldError(RECONNECT_MESSAGE);
      }
      // The provider is down: release the claim and let the job retry later with the same refresh token.
      await db.app.updateMany({ where: { id: appId, credentialsEnc: leasedEnc }, data: { credentialsEnc: encryptSecret({ token: tokens.token, refreshToken: tokens.refreshToken, oauth: true }) } });
      throw new ScimError({ reason: "network", message: "The OAuth provider could not be reached to refresh the app's token. The job will retry." });
    }
    const info = parseConnectionInfo(row.connectionInfo);
    const expiresAt = issued.expiresIn !== undefined ? new Date(Date.now() + issued.expiresIn * 1000) : null;
    const saved = await db.app.updateMany({
      where: { id: appId, credentialsEnc: leasedEnc },
      data: {
        // Providers that do not rotate keep the old refresh token valid.
        credentialsEnc: encryptSecret({ token: issued.accessToken, refreshToken: issued.refreshToken ?? tokens.refreshToken, oauth: true }),
        tokenExpiresAt: expiresAt,
        tokenRefreshedAt: new Date(),
        ...(info && issued.scopes.length > 0 ? { connectionInfo: JSON.stringify({ ...info, scopes: issued.scopes }) } : {}),
      },
    });
    // Lost the claim (our lease ran out and another worker took over): its result is what counts.
    if (saved.count === 0) continue;
    return { token: issued.accessToken, expiresAt: expiresAt?.getTime() ?? null };
  }
}

/**
 * A fetch for the SCIM client of an OAuth app: sends the current access token (re-read when it nears
 * expiry), and on a 401 refreshes once (if that token is still the stored one) and repeats the request.
 */
export function oauthFetch(appId: string, base: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  let current: AccessToken | null = null;
  const send = (token: string, input: Parameters<typeof fetch>[0], init: RequestInit | undefined) => {
    const headers = new Headers(init?.headers);
    headers.set("Authorization", `Bearer ${token}`);
    return base(input, { ...init, headers });
  };
  return async (input, init) => {
    if (!current || (current.expiresAt !== null && current.expiresAt - Date.now() < REFRESH_MARGIN_MS)) current = await oauthAccessToken(appId);
    const used = current.token;
    const response = await send(used, input, init);
    if (response.status !== 401) return response;
    current = await oauthAccessToken(appId, { rejected: used });
    if (current.token === used) return response;
    return send(current.token, input, init);
  };
}
