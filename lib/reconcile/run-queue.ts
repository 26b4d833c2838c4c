import "server-only";
import { db } from "@/lib/db";
import { HELD_HEALTH } from "@/lib/provisioning/worker/claim-jobs";
import { RUN_LEASE_MS } from "./run-reconciliation";

/**
 * Claims one run: a queued one, or a running one whose lease ran out (its process died). The claim is
 * a conditional update on the row as it was read, so of several processes exactly one wins it.
 */
export async function claimRun(workerId: string, options: { appIds?: string[]; now?: Date } = {}): Promise<string | null> {
  const now = options.now ?? new Date();
  const candidates = await db.reconciliationRun.findMany({
    where: {
      ...(options.appIds ? { appId: { in: options.appIds } } : {}),
      OR: [{ status: "queued" }, { status: "running", leaseUntil: { lt: now } }],
    },
    orderBy: { createdAt: "asc" },
    take: 5,
    select: { id: true, status: true, leaseOwner: true, leaseUntil: true },
  });
  for (const run of candidates) {
    const { count } = await db.reconciliationRun.updateMany({
      where: { id: run.id, status: run.status, leaseOwner: run.leaseOwner, leaseUntil: run.leaseUntil },
      data: { status: "running", leaseOwner: workerId, leaseUntil: new Date(now.getTime() + RUN_LEASE_MS), startedAt: now },
    });
    if (count === 1) return run.id;
  }
  return null;
}

/**
 * Scheduled reconciliation: queues a run for each app whose interval has passed since its last
 * reconciliation (or since it was added), unless one is already queued or running. An app whose queue
 * is held (quarantined, reconnect needed) or that has no credentials is left for later. Returns the new runs' app ids.
 */
export async function enqueueDueRuns(options: { now?: Date; appIds?: string[] } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const apps = await db.app.findMany({
    where: {
      ...(options.appIds ? { id: { in: options.appIds } } : {}),
      reconcileIntervalHours: { gt: 0 },
      credentialsEnc: { not: null },
      health: { notIn: [...HELD_HEALTH] },
    },
    select: { id: true, reconcileIntervalHours: true, lastReconciledAt: true, createdAt: true },
  });
  const queued: string[] = [];
  for (const app of apps) {
    const since = app.lastReconciledAt ?? app.createdAt;
    if (since.getTime() + app.reconcileIntervalHours * 3_600_000 > now.getTime()) continue;
    const created = await db.$transaction(async (tx) => {
      if (await tx.reconciliationRun.count({ where: { appId: app.id, status: { in: ["queued", "running"] } } })) return false;
      // Moving lastReconciledAt on is the claim: a second scheduler (another process) sees the app not due.
      const { count } = await tx.app.updateMany({ where: { id: app.id, lastReconciledAt: app.lastReconciledAt }, data: { lastReconciledAt: now } });
      if (count !== 1) return false;
      await tx.reconciliationRun.create({ data: { appId: app.id, triggeredBy: "schedule" } });
      return true;
    });
    if (created) queued.push(app.id);
  }
  return queued;
}
