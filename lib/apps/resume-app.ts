import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { wakeWorker } from "@/lib/provisioning/wake";
import { loadApp } from "./shared";

/**
 * Resume: lifts an app's quarantine so the worker claims its held queue again. The held jobs become due
 * now (retry back-off included); their order is kept because the worker never runs a user's job before
 * an older one of the same user. Returns how many jobs were waiting.
 */
export async function resumeApp(appId: string): Promise<{ waiting: number }> {
  const actor = await requirePermission("apps:write");
  const waiting = await db.$transaction(async (tx) => {
    const app = await loadApp(tx, appId);
    if (app.health !== "quarantined") throw new DomainError(`${app.name} is not quarantined; its queue is already running. Reload the page.`);
    const now = new Date();
    await tx.app.update({ where: { id: app.id }, data: { health: "connected", healthMessage: null, quarantinedAt: null } });
    const { count } = await tx.provisioningJob.updateMany({ where: { appId: app.id, status: "queued" }, data: { nextAttemptAt: now } });
    await writeAudit(tx, actor, {
      action: "app.resume",
      targetType: "app",
      targetId: app.id,
      targetLabel: app.name,
      before: { health: app.health, healthMessage: app.healthMessage },
      after: { health: "connected", waiting: count },
    });
    return count;
  });
  wakeWorker();
  return { waiting };
}
