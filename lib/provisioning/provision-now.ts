import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { loadDesiredState, loadScopedApps } from "./desired-state";
import { enqueueEntries } from "./enqueue";
import { wakeWorker } from "./wake";

/**
 * Provision now (user page, Apps tab): plans the user again in one app (or all) and queues what is
 * needed, e.g. re-creating an account marked gone. Returns how many jobs were queued (0: already in line).
 */
export async function provisionNow(userId: string, appId?: string): Promise<{ queued: number }> {
  const actor = await requirePermission("provisioning:retry");
  const user = idField.safeParse(userId);
  const app = appId === undefined ? null : idField.safeParse(appId);
  if (!user.success || (app && !app.success)) throw new NotFoundError();
  const result = await db.$transaction(async (tx) => {
    const row = await tx.user.findUnique({ where: { id: user.data }, select: { id: true, userName: true } });
    if (!row) throw new NotFoundError();
    const apps = await loadScopedApps(tx, app?.success ? [app.data] : undefined);
    if (app && apps.length === 0) throw new NotFoundError();
    const queued = await enqueueEntries(tx, await loadDesiredState(tx, [row.id], apps), actor.email);
    await writeAudit(tx, actor, {
      action: "provisioning.sync",
      targetType: "user",
      targetId: row.id,
      targetLabel: row.userName,
      after: { appId: app?.success ? app.data : "all", queued: queued.queued },
    });
    return queued;
  });
  wakeWorker();
  return result;
}
