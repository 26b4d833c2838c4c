import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { loadApp } from "./shared";

/**
 * Deletes an app with its policies, account links and queued jobs (cascade). The accounts stay in the
 * app itself: the console only stops managing them. Events keep the app's name for the report.
 */
export async function deleteApp(appId: string): Promise<{ name: string; accountCount: number }> {
  const actor = await requirePermission("apps:connect");
  return db.$transaction(async (tx) => {
    const app = await loadApp(tx, appId);
    const accountCount = await tx.appAccount.count({ where: { appId: app.id } });
    await tx.app.delete({ where: { id: app.id } });
    await writeAudit(tx, actor, {
      action: "app.delete",
      targetType: "app",
      targetId: app.id,
      targetLabel: app.name,
      before: { name: app.name, kind: app.kind, baseUrl: app.baseUrl, health: app.health, accountCount },
    });
    return { name: app.name, accountCount };
  });
}
