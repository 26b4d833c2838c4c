import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { encryptSecret, secretHint } from "@/lib/crypto";
import { db } from "@/lib/db";
import { appNameKey, appSettingsSchema, type AppSettingsRaw } from "@/lib/schemas/app";
import { assertNameFree, checkConnection, loadApp, NO_CREDENTIALS, readToken, rethrowNameConflict, saveCheck, toAppDetail } from "./shared";
import type { AppDetail, VerifyOutcome } from "./types";

/**
 * Saves name and base URL, and a new token when one is given (empty keeps the stored one). A new URL
 * or token is verified right away, so an app is never left "connected" to an address nobody checked.
 */
export async function updateAppSettings(appId: string, input: AppSettingsRaw): Promise<{ app: AppDetail; verify: VerifyOutcome | null }> {
  const actor = await requirePermission("apps:write");
  const data = appSettingsSchema.parse(input);
  // Credentials are the stronger permission: changing them is connecting the app anew.
  if (data.token !== undefined) await requirePermission("apps:connect");
  const before = await loadApp(db, appId);
  const nameKey = appNameKey(data.name);
  await assertNameFree(db, nameKey, before.id);

  const urlChanged = data.baseUrl !== before.baseUrl;
  const tokenChanged = data.token !== undefined;
  let check: Awaited<ReturnType<typeof checkConnection>> | null = null;
  if (urlChanged || tokenChanged) {
    const token = data.token ?? readToken(before.credentialsEnc);
    check = token
      ? await checkConnection(data.baseUrl, token)
      : { health: "error", healthMessage: NO_CREDENTIALS, report: [], capabilities: null, verifiedAt: new Date() };
  }

  try {
    return await db.$transaction(async (tx) => {
      const current = await loadApp(tx, before.id);
      const columns = {
        name: data.name,
        nameKey,
        baseUrl: data.baseUrl,
        ...(data.token !== undefined ? { credentialsEnc: encryptSecret({ token: data.token }), credentialsHint: secretHint(data.token) } : {}),
      };
      const after = check ? await saveCheck(tx, current, check, columns) : await tx.app.update({ where: { id: current.id }, data: columns });
      if (current.name !== after.name || urlChanged) {
        await writeAudit(tx, actor, {
          action: "app.update",
          targetType: "app",
          targetId: after.id,
          targetLabel: after.name,
          before: { name: current.name, baseUrl: current.baseUrl },
          after: { name: after.name, baseUrl: after.baseUrl },
        });
      }
      if (tokenChanged) {
        await writeAudit(tx, actor, {
          action: "app.credentials.change",
          targetType: "app",
          targetId: after.id,
          targetLabel: after.name,
          after: { credentials: "changed" },
        });
      }
      if (check) {
        await writeAudit(tx, actor, {
          action: "app.verify",
          targetType: "app",
          targetId: after.id,
          targetLabel: after.name,
          before: { health: current.health, healthMessage: current.healthMessage },
          after: { health: after.health, healthMessage: after.healthMessage },
        });
      }
      const accountCount = await tx.appAccount.count({ where: { appId: after.id } });
      return { app: toAppDetail(after, accountCount), verify: check ? { ...check, verifiedAt: check.verifiedAt.toISOString() } : null };
    });
  } catch (error) {
    rethrowNameConflict(error);
  }
}
