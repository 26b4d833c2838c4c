import "server-only";
import { assertNameFree, newAppColumns, rethrowNameConflict } from "@/lib/apps/shared";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { appCreateSchema, appNameKey } from "@/lib/schemas/app";
import { DomainError } from "@/lib/errors";

export const NOT_CONNECTED_YET = "Not connected yet: enter the OAuth client under Credentials and click Connect.";

/**
 * Add app with an OAuth credential: saved without a token, waiting ("reconnect needed", so nothing is
 * sent) until the admin enters the client and connects on the app page.
 */
export async function createOAuthApp(input: { kind: string; name: string; baseUrl: string; credentialKind: string }): Promise<{ id: string }> {
  const actor = await requirePermission("apps:connect");
  const data = appCreateSchema.omit({ token: true }).parse(input);
  const credentialKind = input.credentialKind === "slack_oauth" ? "slack_oauth" : "oauth2";
  if (credentialKind === "slack_oauth" && data.kind !== "slack") throw new DomainError("Connect with Slack is only for Slack apps.", { credentialKind: ["Choose OAuth 2.0 for a SCIM app."] });
  const nameKey = appNameKey(data.name);
  await assertNameFree(db, nameKey);
  try {
    return await db.$transaction(async (tx) => {
      const app = await tx.app.create({
        data: {
          ...newAppColumns(data),
          credentialKind,
          health: "reconnect_needed",
          healthMessage: NOT_CONNECTED_YET,
        },
      });
      await writeAudit(tx, actor, { action: "app.create", targetType: "app", targetId: app.id, targetLabel: app.name, after: { name: app.name, kind: app.kind, baseUrl: app.baseUrl, credentialKind } });
      return { id: app.id };
    });
  } catch (error) {
    rethrowNameConflict(error);
  }
}
