import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db, type Tx } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { wakeReconciler } from "./wake";

/** A run that is queued or running for the app, if any: a second Sync now joins it instead. */
export async function activeRun(tx: Tx, appId: string) {
  return tx.reconciliationRun.findFirst({ where: { appId, status: { in: ["queued", "running"] } }, orderBy: { createdAt: "asc" }, select: { id: true, status: true } });
}

/** Sync now: queues a full reconciliation of the app (or returns the one already under way). Audited. */
export async function requestSync(appId: string): Promise<{ runId: string; alreadyRunning: boolean }> {
  const actor = await requirePermission("provisioning:retry");
  const id = idField.parse(appId);
  const result = await db.$transaction(async (tx) => {
    const app = await tx.app.findUnique({ where: { id }, select: { id: true, name: true, credentialsEnc: true } });
    if (!app) throw new NotFoundError("That app no longer exists. Reload the page.");
    if (!app.credentialsEnc) throw new DomainError("The app has no credentials yet. Enter a token on the Settings tab and Verify Credentials, then Sync now.");
    const running = await activeRun(tx, id);
    if (running) return { runId: running.id, alreadyRunning: true };
    const run = await tx.reconciliationRun.create({ data: { appId: id, triggeredBy: actor.email }, select: { id: true } });
    await writeAudit(tx, actor, { action: "app.sync_now", targetType: "app", targetId: id, targetLabel: app.name, after: { runId: run.id } });
    return { runId: run.id, alreadyRunning: false };
  });
  wakeReconciler();
  return result;
}
