import "server-only";
import { loadApp } from "@/lib/apps/shared";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { encryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { CLIENT_SECRET_REQUIRED, oauthSettingsSchema } from "@/lib/schemas/app";

export const SWITCHED_MESSAGE = "The credential kind changed: connect the app to start provisioning again.";

/**
 * Saves the credential kind and the OAuth client (secret encrypted; empty keeps the stored one).
 * Switching the kind forgets the old credential, so the worker never uses a token of the other kind,
 * and holds the app's queue until it is connected again.
 */
export async function saveOAuthSettings(appId: string, input: Record<string, unknown>): Promise<{ switched: boolean }> {
  const actor = await requirePermission("apps:connect");
  const data = oauthSettingsSchema.parse(input);
  const before = await loadApp(db, appId);
  if (data.credentialKind === "slack_oauth" && before.kind !== "slack") throw new DomainError("Connect with Slack is only for Slack apps; choose OAuth 2.0 for other apps.", { credentialKind: ["Choose OAuth 2.0 for a SCIM app."] });
  const switched = before.credentialKind !== data.credentialKind;
  const sameClient = !switched && before.oauthClientSecretEnc !== null;
  if (data.clientSecret === undefined && !sameClient) throw new DomainError(CLIENT_SECRET_REQUIRED, { clientSecret: [CLIENT_SECRET_REQUIRED] });
  const { credentialKind, clientSecret, ...config } = data;
  await db.$transaction(async (tx) => {
    const current = await loadApp(tx, before.id);
    await tx.app.update({
      where: { id: current.id },
      data: {
        credentialKind,
        oauthConfig: JSON.stringify(config),
        ...(clientSecret !== undefined ? { oauthClientSecretEnc: encryptSecret({ secret: clientSecret }) } : {}),
        ...(switched
          ? { credentialsEnc: null, credentialsHint: null, connectionInfo: null, connectedBy: null, connectedAt: null, tokenExpiresAt: null, tokenRefreshedAt: null, health: "reconnect_needed", healthMessage: SWITCHED_MESSAGE }
          : {}),
      },
    });
    await writeAudit(tx, actor, {
      action: "app.oauth.settings",
      targetType: "app",
      targetId: current.id,
      targetLabel: current.name,
      before: { credentialKind: current.credentialKind, oauthConfig: current.oauthConfig ? (JSON.parse(current.oauthConfig) as unknown) : null },
      after: { credentialKind, oauthConfig: config, clientSecret: clientSecret !== undefined ? "changed" : "kept" },
    });
  });
  return { switched };
}

/** Back to a pasted bearer token: forgets the OAuth connection (the client settings stay for later). */
export async function useBearerToken(appId: string): Promise<void> {
  const actor = await requirePermission("apps:connect");
  const before = await loadApp(db, appId);
  if (before.credentialKind === "bearer") return;
  await db.$transaction(async (tx) => {
    await tx.app.update({
      where: { id: before.id },
      data: { credentialKind: "bearer", credentialsEnc: null, credentialsHint: null, connectionInfo: null, connectedBy: null, connectedAt: null, tokenExpiresAt: null, tokenRefreshedAt: null, health: "unverified", healthMessage: null },
    });
    await writeAudit(tx, actor, { action: "app.oauth.settings", targetType: "app", targetId: before.id, targetLabel: before.name, before: { credentialKind: before.credentialKind }, after: { credentialKind: "bearer" } });
  });
}
