import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { loadApp } from "@/lib/apps/shared";
import { DomainError } from "@/lib/errors";
import { slackConnectUrl } from "@/lib/slack/oauth";
import { oauthRedirectUri, parseOAuth2Config, parseSlackOAuthConfig } from "./config";
import { OAUTH_FAILURES } from "./errors";
import { newPkce, oauth2AuthorizeUrl } from "./generic-client";
import { createOAuthState } from "./state-store";

/** Connect / Reconnect: stores a one-time state for this admin and returns the provider's authorize URL. */
export async function startConnection(appId: string): Promise<{ url: string }> {
  const actor = await requirePermission("apps:connect");
  const app = await loadApp(db, appId);
  const redirectUri = oauthRedirectUri();
  if (!app.oauthClientSecretEnc) throw new DomainError(OAUTH_FAILURES.not_configured);
  if (app.credentialKind === "slack_oauth") {
    const config = parseSlackOAuthConfig(app.oauthConfig);
    if (!config) throw new DomainError(OAUTH_FAILURES.not_configured);
    const state = await createOAuthState({ appId: app.id, adminId: actor.id, flow: "slack", redirectUri });
    return { url: slackConnectUrl({ clientId: config.clientId, redirectUri, state }) };
  }
  if (app.credentialKind === "oauth2") {
    const config = parseOAuth2Config(app.oauthConfig);
    if (!config) throw new DomainError(OAUTH_FAILURES.not_configured);
    const pkce = await newPkce();
    const state = await createOAuthState({ appId: app.id, adminId: actor.id, flow: "oauth2", redirectUri, codeVerifier: pkce.verifier });
    return { url: oauth2AuthorizeUrl(config, { redirectUri, state, codeChallenge: pkce.challenge }) };
  }
  throw new DomainError("This app uses a bearer token. Choose an OAuth credential kind in its connection settings first.");
}
