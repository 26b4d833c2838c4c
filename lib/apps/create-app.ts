import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { encryptSecret, secretHint } from "@/lib/crypto";
import { db } from "@/lib/db";
import { appCreateSchema, appNameKey, type AppCreateRaw } from "@/lib/schemas/app";
import { assertNameFree, checkConnection, newAppColumns, rethrowNameConflict, toAppDetail } from "./shared";
import type { AppDetail } from "./types";

/**
 * Add app: validates, runs Verify Credentials, and saves the app with what the check found. A bad URL,
 * an unreachable host or refused credentials save the app as "error" with the plain message (never as
 * "connected"), so the admin can fix the settings on its page instead of typing everything again.
 */
export async function createApp(input: AppCreateRaw): Promise<AppDetail> {
  const actor = await requirePermission("apps:connect");
  const data = appCreateSchema.parse(input);
  const nameKey = appNameKey(data.name);
  await assertNameFree(db, nameKey);
  const check = await checkConnection(data.baseUrl, data.token);
  try {
    return await db.$transaction(async (tx) => {
      const app = await tx.app.create({
        data: {
          ...newAppColumns(data),
          credentialKind: "bearer",
          credentialsEnc: encryptSecret({ token: data.token }),
          credentialsHint: secretHint(data.token),
          deprovisionMode: "deactivate",
          capabilities: check.capabilities ? JSON.stringify(check.capabilities) : null,
          health: check.health,
          healthMessage: check.healthMessage,
          verifiedAt: check.verifiedAt,
        },
      });
      await writeAudit(tx, actor, {
        action: "app.create",
        targetType: "app",
        targetId: app.id,
        targetLabel: app.name,
        after: { name: app.name, kind: app.kind, baseUrl: app.baseUrl, credentials: "changed", health: app.health, healthMessage: app.healthMessage },
      });
      return toAppDetail(app, 0);
    });
  } catch (error) {
    rethrowNameConflict(error);
  }
}
