import "server-only";
import { checkConnection, loadApp } from "@/lib/apps/shared";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { exchangeSlackCode } from "@/lib/slack/oauth";
import { parseConnectionInfo, parseOAuth2Config, parseSlackOAuthConfig, readClientSecret, type ConnectionInfo } from "./config";
import { OAuthFlowError, type OAuthFailureCode } from "./errors";
import { oauth2ExchangeCode, type IssuedTokens } from "./generic-client";
import { consumeOAuthState, peekOAuthStateApp, type ConsumedState } from "./state-store";

/** Where the callback lands: the app (when known) and, on failure, why. */
export type CallbackOutcome = { appId: string | null; error: OAuthFailureCode | null; health?: string };

async function exchange(state: ConsumedState, rawState: string, code: string, app: Awaited<ReturnType<typeof loadApp>>): Promise<IssuedTokens & { info: ConnectionInfo }> {
  const secret = readClientSecret(app.oauthClientSecretEnc);
  if (state.flow === "slack") {
    const config = parseSlackOAuthConfig(app.oauthConfig);
    if (!config || !secret || app.credentialKind !== "slack_oauth") throw new OAuthFlowError("not_configured");
    return exchangeSlackCode({ clientId: config.clientId, clientSecret: secret, code, redirectUri: state.redirectUri });
  }
  const config = parseOAuth2Config(app.oauthConfig);
  if (!config || !secret || app.credentialKind !== "oauth2" || !state.codeVerifier) throw new OAuthFlowError("not_configured");
  const tokens = await oauth2ExchangeCode(config, secret, { redirectUri: state.redirectUri, code, state: rawState, codeVerifier: state.codeVerifier });
  return { ...tokens, info: { scopes: tokens.scopes } };
}

/**
 * The OAuth callback: uses the state once (it must be this admin's), exchanges the code, verifies the
 * token against the app's SCIM API and saves tokens, connection facts and the audit row in one
 * transaction. Any failure saves nothing and says why.
 */
export async function finishConnection(params: URLSearchParams): Promise<CallbackOutcome> {
  const actor = await requirePermission("apps:connect");
  const rawState = params.get("state");
  const landing = await peekOAuthStateApp(rawState, actor.id);
  let consumed: ConsumedState;
  try {
    consumed = await consumeOAuthState(rawState, actor.id);
  } catch (error) {
    if (error instanceof OAuthFlowError) return { appId: landing, error: error.code };
    throw error;
  }
  // The provider's own error wins over everything after the state check (the state is spent either way).
  const providerError = params.get("error");
  if (providerError) return { appId: consumed.appId, error: providerError === "access_denied" ? "access_denied" : "provider_error" };
  const code = params.get("code");
  if (!code) return { appId: consumed.appId, error: "invalid_code" };
  try {
    const app = await loadApp(db, consumed.appId);
    const issued = await exchange(consumed, rawState ?? "", code, app);
    const check = await checkConnection(app.baseUrl, issued.accessToken);
    const saved = await db.$transaction(async (tx) => {
      const current = await loadApp(tx, app.id);
      const reconnect = current.connectedAt !== null;
      const now = new Date();
      const after = await tx.app.update({
        where: { id: current.id },
        data: {
          credentialsEnc: encryptSecret({ token: issued.accessToken, refreshToken: issued.refreshToken, oauth: true }),
          credentialsHint: null,
          connectionInfo: JSON.stringify(issued.info),
          connectedBy: actor.email,
          connectedAt: now,
          tokenExpiresAt: issued.expiresIn !== undefined ? new Date(now.getTime() + issued.expiresIn * 1000) : null,
          tokenRefreshedAt: null,
          capabilities: check.capabilities ? JSON.stringify(check.capabilities) : null,
          health: check.health,
          healthMessage: check.healthMessage,
          verifiedAt: check.verifiedAt,
        },
      });
      const before = parseConnectionInfo(current.connectionInfo);
      await writeAudit(tx, actor, {
        action: reconnect ? "app.oauth.reconnect" : "app.oauth.connect",
        targetType: "app",
        targetId: after.id,
        targetLabel: after.name,
        before: reconnect ? { ...before, connectedBy: current.connectedBy, health: current.health } : undefined,
        after: { ...issued.info, tokenExpiresAt: after.tokenExpiresAt?.toISOString() ?? null, rotation: Boolean(issued.refreshToken), health: after.health, healthMessage: after.healthMessage },
      });
      return after;
    });
    return { appId: saved.id, error: null, health: saved.health };
  } catch (error) {
    if (error instanceof OAuthFlowError) return { appId: consumed.appId, error: error.code };
    throw error;
  }
}
