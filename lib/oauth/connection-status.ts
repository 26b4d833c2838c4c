import "server-only";
import { loadApp } from "@/lib/apps/shared";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import type { CredentialKind } from "@/lib/schemas/app";
import { oauthRedirectUri, parseConnectionInfo, parseOAuth2Config, parseSlackOAuthConfig, type ConnectionInfo } from "./config";

/** What the app page shows about an app's credential and OAuth connection: never a secret. */
export type ConnectionStatus = {
  appId: string;
  appKind: "slack" | "scim";
  credentialKind: CredentialKind;
  health: string;
  healthMessage: string | null;
  redirectUri: string;
  clientId: string | null;
  clientSecretSet: boolean;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  revocationEndpoint: string | null;
  scopes: string;
  clientAuth: "basic" | "post";
  connected: boolean;
  info: ConnectionInfo | null;
  connectedBy: string | null;
  connectedAt: string | null;
  tokenExpiresAt: string | null;
  tokenRefreshedAt: string | null;
};

/** The app's connection as its page shows it. */
export async function getConnectionStatus(appId: string): Promise<ConnectionStatus> {
  await requirePermission("apps:read");
  const app = await loadApp(db, appId);
  const credentialKind: CredentialKind = app.credentialKind === "slack_oauth" || app.credentialKind === "oauth2" ? app.credentialKind : "bearer";
  const generic = parseOAuth2Config(app.oauthConfig);
  const slack = parseSlackOAuthConfig(app.oauthConfig);
  return {
    appId: app.id,
    appKind: app.kind === "slack" ? "slack" : "scim",
    credentialKind,
    health: app.health,
    healthMessage: app.healthMessage,
    redirectUri: oauthRedirectUri(),
    clientId: (credentialKind === "oauth2" ? generic?.clientId : slack?.clientId) ?? null,
    clientSecretSet: app.oauthClientSecretEnc !== null,
    authorizationEndpoint: generic?.authorizationEndpoint ?? null,
    tokenEndpoint: generic?.tokenEndpoint ?? null,
    revocationEndpoint: generic?.revocationEndpoint ?? null,
    scopes: generic?.scopes ?? "",
    clientAuth: generic?.clientAuth ?? "basic",
    // A refused refresh keeps the spent tokens for the record; the connection is over all the same.
    connected: credentialKind !== "bearer" && app.credentialsEnc !== null && app.health !== "reconnect_needed",
    info: parseConnectionInfo(app.connectionInfo),
    connectedBy: app.connectedBy,
    connectedAt: app.connectedAt?.toISOString() ?? null,
    tokenExpiresAt: app.tokenExpiresAt?.toISOString() ?? null,
    tokenRefreshedAt: app.tokenRefreshedAt?.toISOString() ?? null,
  };
}
