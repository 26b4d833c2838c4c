import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db, type Tx } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { batches } from "../desired-state";
import { wakeWorker } from "../wake";

async function loadPending(tx: Tx, holdId: string) {
  const hold = await tx.provisioningHold.findUnique({ where: { id: holdId }, include: { app: { select: { name: true } } } });
  if (!hold) throw new NotFoundError("That held change no longer exists. Reload the page.");
  if (hold.status !== "pending") throw new DomainError(`This change was already ${hold.status} by ${hold.decidedBy ?? "someone else"}.`);
  return hold;
}

// Claims the decision: only one admin's click wins when two decide at once.
async function markDecided(tx: Tx, holdId: string, status: "released" | "cancelled", decidedBy: string): Promise<void> {
  const { count } = await tx.provisioningHold.updateMany({ where: { id: holdId, status: "pending" }, data: { status, decidedBy, decidedAt: new Date() } });
  if (count !== 1) throw new DomainError("Someone else decided this change just now. Reload the page.");
}

/**
 * Releases a held change: its jobs become queued, keeping their creation order (the worker claims
 * oldest first per user), and are due now. Audited.
 */
export async function releaseHold(holdId: string): Promise<{ released: number }> {
  const actor = await requirePermission("apps:write");
  const id = idField.parse(holdId);
  const result = await db.$transaction(async (tx) => {
    const hold = await loadPending(tx, id);
    await markDecided(tx, id, "released", actor.email);
    const { count } = await tx.provisioningJob.updateMany({ where: { holdId: id, status: "held" }, data: { status: "queued", nextAttemptAt: new Date() } });
    await writeAudit(tx, actor, {
      action: "provisioning.hold.release",
      targetType: "app",
      targetId: hold.appId,
      targetLabel: hold.app.name,
      before: { hold: hold.summary, status: "pending" },
      after: { status: "released", jobs: count },
    });
    return { released: count };
  });
  wakeWorker();
  return result;
}

/**
 * Cancels a held change: its jobs become cancelled and each gets a `skipped` provisioning event,
 * so the report shows what did not happen and why. Audited.
 */
export async function cancelHold(holdId: string): Promise<{ cancelled: number }> {
  const actor = await requirePermission("apps:write");
  const id = idField.parse(holdId);
  return db.$transaction(async (tx) => {
    const hold = await loadPending(tx, id);
    await markDecided(tx, id, "cancelled", actor.email);
    const jobs = await tx.provisioningJob.findMany({
      where: { holdId: id, status: "held" },
      select: { id: true, subjectType: true, subjectId: true, subjectLabel: true, operation: true, causedBy: true },
      orderBy: { createdAt: "asc" },
    });
    const message = `Cancelled by ${actor.email}: the mass-change brake held this change (${hold.summary}) and it was not sent to ${hold.app.name}.`;
    for (const part of batches(jobs)) {
      await tx.provisioningJob.updateMany({ where: { id: { in: part.map((j) => j.id) }, status: "held" }, data: { status: "cancelled", lastError: message } });
      await tx.provisioningEvent.createMany({
        data: part.map((j) => ({
          appId: hold.appId,
          appName: hold.app.name,
          subjectType: j.subjectType,
          userId: j.subjectType === "user" ? j.subjectId : null,
          userIdentifier: j.subjectLabel,
          action: j.operation,
          outcome: "skipped",
          message,
          jobId: j.id,
          causedBy: j.causedBy,
        })),
      });
    }
    await writeAudit(tx, actor, {
      action: "provisioning.hold.cancel",
      targetType: "app",
      targetId: hold.appId,
      targetLabel: hold.app.name,
      before: { hold: hold.summary, status: "pending" },
      after: { status: "cancelled", jobs: jobs.length },
    });
    return { cancelled: jobs.length };
  });
}
