import "server-only";
import { db, dbProvider } from "@/lib/db";

/** How long a claimed job belongs to its worker; a crashed worker's jobs become claimable after it. */
export const LEASE_MS = 60_000;

/** A claimed job, as the worker executes it. */
export type ClaimedJob = {
  id: string;
  appId: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  operation: string;
  status: string;
  attempts: number;
  leaseOwner: string | null;
  causedBy: string;
};

const JOB_SELECT = {
  id: true,
  appId: true,
  subjectType: true,
  subjectId: true,
  subjectLabel: true,
  operation: true,
  status: true,
  attempts: true,
  leaseOwner: true,
  causedBy: true,
} as const;

/** Options: `appIds` limits claiming to some apps (tests sharing one database). */
export type ClaimOptions = { appIds?: string[]; now?: Date };

/**
 * Claims up to `limit` due jobs with a lease: queued jobs whose time has come and running jobs whose
 * lease expired. Never a job whose app and subject has another job running under a live lease or an
 * older one still waiting, so each user's changes reach each app in order.
 */
export async function claimJobs(workerId: string, limit: number, options: ClaimOptions = {}): Promise<ClaimedJob[]> {
  if (limit < 1) return [];
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const ids = dbProvider === "postgresql" ? await claimPostgres(workerId, limit, now, leaseUntil, options.appIds) : await claimSqlite(workerId, limit, now, leaseUntil, options.appIds);
  if (ids.length === 0) return [];
  return db.provisioningJob.findMany({ where: { id: { in: ids }, leaseOwner: workerId }, select: JOB_SELECT });
}

// Row locks with SKIP LOCKED let many workers claim side by side without waiting on each other.
async function claimPostgres(workerId: string, limit: number, now: Date, leaseUntil: Date, appIds?: string[]): Promise<string[]> {
  const params: unknown[] = [now.toISOString(), limit];
  let appFilter = "";
  if (appIds) {
    if (appIds.length === 0) return [];
    appFilter = `AND j."appId" IN (${appIds.map((id) => `$${params.push(id)}`).join(", ")})`;
  }
  const sql = `
    SELECT j.id FROM "ProvisioningJob" j
    WHERE ((j.status = 'queued' AND j."nextAttemptAt" <= $1::timestamp) OR (j.status = 'running' AND j."leaseUntil" < $1::timestamp))
      ${appFilter}
      AND NOT EXISTS (
        SELECT 1 FROM "ProvisioningJob" o
        WHERE o."appId" = j."appId" AND o."subjectType" = j."subjectType" AND o."subjectId" = j."subjectId" AND o.id <> j.id
          AND ((o.status = 'running' AND o."leaseUntil" >= $1::timestamp)
            OR (o.status IN ('queued', 'running') AND (o."createdAt", o.id) < (j."createdAt", j.id)))
      )
    ORDER BY j."nextAttemptAt", j."createdAt"
    LIMIT $2
    FOR UPDATE OF j SKIP LOCKED`;
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(sql, ...params);
    const ids = rows.map((r) => r.id);
    if (ids.length > 0) {
      await tx.provisioningJob.updateMany({ where: { id: { in: ids } }, data: { status: "running", leaseOwner: workerId, leaseUntil, attempts: { increment: 1 } } });
    }
    return ids;
  });
}

// SQLite serialises writers; the status and updatedAt guard makes a second process's claim of the same row a no-op.
async function claimSqlite(workerId: string, limit: number, now: Date, leaseUntil: Date, appIds?: string[]): Promise<string[]> {
  return db.$transaction(async (tx) => {
    const candidates = await tx.provisioningJob.findMany({
      where: {
        ...(appIds ? { appId: { in: appIds } } : {}),
        OR: [
          { status: "queued", nextAttemptAt: { lte: now } },
          { status: "running", leaseUntil: { lt: now } },
        ],
      },
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      take: limit * 4,
      select: { id: true, appId: true, subjectType: true, subjectId: true, status: true, createdAt: true, updatedAt: true },
    });
    if (candidates.length === 0) return [];
    const others = await tx.provisioningJob.findMany({
      where: {
        status: { in: ["queued", "running"] },
        OR: [...new Set(candidates.map((c) => c.appId))].map((appId) => ({
          appId,
          subjectId: { in: candidates.filter((c) => c.appId === appId).map((c) => c.subjectId) },
        })),
      },
      select: { id: true, appId: true, subjectType: true, subjectId: true, status: true, createdAt: true, leaseUntil: true },
    });
    const older = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
      a.createdAt.getTime() < b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.id < b.id);
    const claimed: string[] = [];
    const subjects = new Set<string>();
    for (const job of candidates) {
      if (claimed.length >= limit) break;
      const key = `${job.appId}:${job.subjectType}:${job.subjectId}`;
      if (subjects.has(key)) continue;
      const blocked = others.some(
        (o) =>
          o.id !== job.id &&
          o.appId === job.appId &&
          o.subjectType === job.subjectType &&
          o.subjectId === job.subjectId &&
          ((o.status === "running" && o.leaseUntil !== null && o.leaseUntil >= now) || older(o, job)),
      );
      if (blocked) continue;
      const { count } = await tx.provisioningJob.updateMany({
        where: { id: job.id, status: job.status, updatedAt: job.updatedAt },
        data: { status: "running", leaseOwner: workerId, leaseUntil, attempts: { increment: 1 } },
      });
      if (count === 1) {
        claimed.push(job.id);
        subjects.add(key);
      }
    }
    return claimed;
  });
}
