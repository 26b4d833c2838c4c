import "server-only";
import { loadApp } from "@/lib/apps/shared";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { revokeSlackToken } from "@/lib/slack/oauth";
import { parseConnectionInfo, parseOAuth2Config, readClientSecret, readStoredTokens } from "./config";
import { oauth2Revoke } from "./generic-client";

export const DISCONNECTED_MESSAGE = "Disconnected: provisioning waits until the app is connected again.";

/**
 * Disconnect: revokes the token at the provider (auth.revoke for Slack, the revocation endpoint for
 * OAuth 2.0), then forgets it. The app keeps its settings and its queue waits ("reconnect needed");
 * the audit log keeps who had connected it and when.
 */
export async function disconnectApp(appId: string): Promise<{ revoked: boolean }> {
  const actor = await requirePermission("apps:connect");
  const app = await loadApp(db, appId);
  if (app.credentialKind === "bearer") throw new DomainError("This app uses a bearer token; replace or remove it in Settings instead.");
  const tokens = readStoredTokens(app.credentialsEnc);
  if (!tokens) throw new DomainError("The app is not connected.");
  let revoked = false;
  if (app.credentialKind === "slack_oauth") {
    revoked = await revokeSlackToken(tokens.token);
  } else {
    const config = parseOAuth2Config(app.oauthConfig);
    const secret = readClientSecret(app.oauthClientSecretEnc);
    if (config && secret) {
      // Revoking the refresh token ends the whole grant at most providers; the access token too, to be sure.
      const viaRefresh = tokens.refreshToken ? await oauth2Revoke(config, secret, tokens.refreshToken, "refresh_token") : false;
      const viaAccess = await oauth2Revoke(config, secret, tokens.token, "access_token");
      revoked = viaRefresh || viaAccess;
    }
  }
  await db.$transaction(async (tx) => {
    const current = await loadApp(tx, app.id);
    await tx.app.update({
      where: { id: current.id },
      data: {
        credentialsEnc: null,
        credentialsHint: null,
        connectionInfo: null,
        connectedBy: null,
        connectedAt: null,
        tokenExpiresAt: null,
        tokenRefreshedAt: null,
        health: "reconnect_needed",
        healthMessage: DISCONNECTED_MESSAGE,
      },
    });
    await writeAudit(tx, actor, {
      action: "app.oauth.disconnect",
      targetType: "app",
      targetId: current.id,
      targetLabel: current.name,
      before: { ...parseConnectionInfo(current.connectionInfo), connectedBy: current.connectedBy, connectedAt: current.connectedAt?.toISOString() ?? null, health: current.health },
      after: { revokedAtProvider: revoked, health: "reconnect_needed" },
    });
  });
  return { revoked };
}
