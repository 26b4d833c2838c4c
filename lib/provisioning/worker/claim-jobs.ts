import "server-only";
import { db, dbProvider, Prisma, type Tx } from "@/lib/db";
import { rawDate, sqlInstant } from "@/lib/db-sql";
import { fullBucket, msUntilTokens, take, type BucketState } from "../pacing/bucket";
import { effectiveLimits, type PacingLimits } from "../pacing/limits";

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

/** Apps whose queue the worker holds: their jobs stay queued, in order, until the app resumes. */
export const HELD_HEALTH = ["quarantined", "reconnect_needed"] as const;

/** Options: `appIds` limits claiming to some apps (tests sharing one database). */
export type ClaimOptions = { appIds?: string[]; now?: Date };

/** Claimed jobs, and when pacing lets more of the apps held back by it be claimed (ms; null = no such app). */
export type ClaimBatch = { jobs: ClaimedJob[]; retryInMs: number | null };

type PacedApp = { id: string; kind: string; rateLimitPerMinute: number | null; rateLimitBurst: number | null; maxConcurrency: number | null };

/**
 * Claims up to `limit` due jobs with a lease: queued jobs whose time has come and running jobs whose
 * lease expired. Never a job whose app and subject has another job running under a live lease or an
 * older one still waiting, so each user's changes reach each app in order.
 */
export async function claimJobs(workerId: string, limit: number, options: ClaimOptions = {}): Promise<ClaimedJob[]> {
  return (await claimBatch(workerId, limit, options)).jobs;
}

/**
 * claimJobs with pacing made visible: per app, at most its max concurrency runs at once (live leases of
 * every worker) and each claimed job takes one token from the app's bucket (PacingBucket, locked for the
 * claim so several worker processes share one budget; see docs/decisions/005-pacing.md).
 *
 * Raw SQL throughout (the same text on both providers): Prisma's query path cost more CPU than the
 * database here. A claim is one statement for the apps, then per app one transaction of three: the locked
 * bucket with the app's live leases, the claim itself (an UPDATE that returns the claimed rows), the
 * bucket written back.
 */
export async function claimBatch(workerId: string, limit: number, options: ClaimOptions = {}): Promise<ClaimBatch> {
  if (limit < 1 || options.appIds?.length === 0) return { jobs: [], retryInMs: null };
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const apps = await dueApps(now, options.appIds);
  if (apps.length === 0) return { jobs: [], retryInMs: null };
  await ensureBuckets(apps.filter((a) => !a.hasBucket), now);
  // Start at a random app so a long queue in one app does not always go first.
  const start = Math.floor(Math.random() * apps.length);
  const ordered = [...apps.slice(start), ...apps.slice(0, start)];
  const jobs: ClaimedJob[] = [];
  let retryInMs: number | null = null;
  const waitAtMost = (ms: number) => {
    retryInMs = Math.min(retryInMs ?? ms, ms);
  };
  // One short transaction per app: its bucket row stays locked only while that app's jobs are claimed, so
  // other workers skip it for a moment instead of being shut out of every app for a whole round.
  for (const app of ordered) {
    const remaining = limit - jobs.length;
    if (remaining <= 0) break;
    const limits = effectiveLimits(app);
    const result = await db.$transaction(async (tx) => {
      const bucket = await lockBucket(tx, app.id, limits, now);
      if (!bucket) return { claimed: [] as ClaimedJob[], wait: BUSY_BUCKET_RETRY_MS };
      // Live leases are counted under the bucket's lock, so two workers cannot both fill the same slots.
      const slots = Math.min(remaining, limits.maxConcurrency - bucket.running);
      if (slots <= 0) return { claimed: [] as ClaimedJob[], wait: null };
      const probe = take(bucket, limits, slots, now);
      if (probe.granted === 0) {
        const ms = bucket.pausedUntil && bucket.pausedUntil > now ? bucket.pausedUntil.getTime() - now.getTime() : msUntilTokens(probe.next.tokens, 1, limits);
        return { claimed: [] as ClaimedJob[], wait: ms };
      }
      const claimed = await claimDue(tx, app.id, workerId, probe.granted, now, leaseUntil);
      const { next } = take(bucket, limits, claimed.length, now);
      await tx.$executeRaw(Prisma.sql`UPDATE "PacingBucket" SET tokens = ${next.tokens}, "refilledAt" = ${sqlInstant(next.refilledAt)}, "pausedUntil" = ${next.pausedUntil ? sqlInstant(next.pausedUntil) : null} WHERE "appId" = ${app.id}`);
      const wait = claimed.length === probe.granted && probe.granted < slots ? msUntilTokens(next.tokens, 1, limits) : null;
      return { claimed, wait };
    });
    jobs.push(...result.claimed);
    if (result.wait !== null) waitAtMost(result.wait);
  }
  return { jobs, retryInMs };
}

type DueApp = PacedApp & { hasBucket: boolean };

/** Apps not held (quarantine, reconnect) with a due job, and whether their pacing row exists yet. */
async function dueApps(now: Date, appIds: string[] | undefined): Promise<DueApp[]> {
  const at = sqlInstant(now);
  const only = appIds ? Prisma.sql`AND a.id IN (${Prisma.join(appIds)})` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string; kind: string; rateLimitPerMinute: unknown; rateLimitBurst: unknown; maxConcurrency: unknown; bucket: string | null }[]>(Prisma.sql`
    SELECT a.id, a.kind, a."rateLimitPerMinute", a."rateLimitBurst", a."maxConcurrency", b."appId" AS bucket
    FROM "App" a LEFT JOIN "PacingBucket" b ON b."appId" = a.id
    WHERE a.health NOT IN (${Prisma.join([...HELD_HEALTH])}) ${only}
      AND (EXISTS (SELECT 1 FROM "ProvisioningJob" j WHERE j."appId" = a.id AND j.status = 'queued' AND j."nextAttemptAt" <= ${at})
        OR EXISTS (SELECT 1 FROM "ProvisioningJob" j WHERE j."appId" = a.id AND j.status = 'running' AND j."leaseUntil" < ${at}))`);
  const int = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({ id: r.id, kind: r.kind, rateLimitPerMinute: int(r.rateLimitPerMinute), rateLimitBurst: int(r.rateLimitBurst), maxConcurrency: int(r.maxConcurrency), hasBucket: r.bucket !== null }));
}

/** How soon to look again at an app whose bucket is missing (its app was deleted meanwhile). */
const BUSY_BUCKET_RETRY_MS = 25;

// Buckets are created outside the claim transactions, in one statement with the app ids sorted: inserting
// them inside (as several workers start at once) made two transactions wait on each other's new rows.
async function ensureBuckets(missing: PacedApp[], now: Date): Promise<void> {
  if (missing.length === 0) return;
  const rows = [...missing]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((app) => {
      const fresh = fullBucket(effectiveLimits(app), now);
      return Prisma.sql`(${app.id}, ${fresh.tokens}, ${sqlInstant(fresh.refilledAt)})`;
    });
  // A bucket another worker created meanwhile is left alone (both providers know ON CONFLICT DO NOTHING).
  await db.$executeRaw(Prisma.sql`INSERT INTO "PacingBucket" ("appId", tokens, "refilledAt") VALUES ${Prisma.join(rows)} ON CONFLICT ("appId") DO NOTHING`);
}

type LockedBucket = BucketState & { running: number };
type RawBucket = { tokens: unknown; refilledAt: unknown; pausedUntil: unknown };

const bucketOf = (row: RawBucket, running: unknown): LockedBucket => ({
  tokens: Number(row.tokens),
  refilledAt: rawDate(row.refilledAt),
  pausedUntil: row.pausedUntil === null ? null : rawDate(row.pausedUntil),
  running: Number(running),
});

// The app's bucket row, locked for this transaction, with the app's jobs running under a live lease. On
// PostgreSQL a second worker waits for it: each claim transaction holds one bucket for a few milliseconds,
// which costs less than skipping the app and polling again (with SKIP LOCKED, four workers spent their
// time re-reading the queue). SQLite runs one writer at a time anyway.
async function lockBucket(tx: Tx, appId: string, limits: PacingLimits, now: Date): Promise<LockedBucket | null> {
  const running = Prisma.sql`SELECT CAST(COUNT(*) AS INTEGER) FROM "ProvisioningJob" r WHERE r."appId" = ${appId} AND r.status = 'running' AND r."leaseUntil" >= ${sqlInstant(now)}`;
  if (dbProvider === "postgresql") {
    const [row] = await tx.$queryRaw<RawBucket[]>(Prisma.sql`SELECT tokens, "refilledAt", "pausedUntil" FROM "PacingBucket" WHERE "appId" = ${appId} FOR UPDATE`);
    if (!row) return null;
    // Counted in a statement of its own, after the lock: its snapshot includes the leases of the worker
    // whose claim this one waited for (a subquery of the locking statement would not see them).
    const [count] = await tx.$queryRaw<{ running: unknown }[]>(Prisma.sql`SELECT (${running}) AS running`);
    return bucketOf(row, count?.running ?? 0);
  }
  const [row] = await tx.$queryRaw<(RawBucket & { running: unknown })[]>(Prisma.sql`SELECT tokens, "refilledAt", "pausedUntil", (${running}) AS running FROM "PacingBucket" WHERE "appId" = ${appId}`);
  if (row) return bucketOf(row, row.running);
  // The app was created after dueApps ran: start it full.
  const fresh = fullBucket(limits, now);
  await tx.pacingBucket.create({ data: { appId, ...fresh } });
  const [count] = await tx.$queryRaw<{ running: unknown }[]>(Prisma.sql`SELECT (${running}) AS running`);
  return { ...fresh, running: Number(count?.running ?? 0) };
}

const RETURNING = Prisma.sql`RETURNING id, "appId", "subjectType", "subjectId", "subjectLabel", operation, status, attempts, "leaseOwner", "causedBy"`;

/**
 * Claims up to `limit` of the app's due jobs in one statement and returns them. A job is skipped while
 * its app and subject has another job running under a live lease, or an older one still queued, running
 * or waiting for approval (no overtaking it); that also keeps two jobs of one subject out of one claim.
 */
async function claimDue(tx: Tx, appId: string, workerId: string, limit: number, now: Date, leaseUntil: Date): Promise<ClaimedJob[]> {
  const at = sqlInstant(now);
  const blocked = Prisma.sql`EXISTS (
    SELECT 1 FROM "ProvisioningJob" o
    WHERE o."appId" = c."appId" AND o."subjectType" = c."subjectType" AND o."subjectId" = c."subjectId" AND o.id <> c.id
      AND ((o.status = 'running' AND o."leaseUntil" >= ${at})
        OR (o.status IN ('queued', 'running', 'pending_approval') AND (o."createdAt" < c."createdAt" OR (o."createdAt" = c."createdAt" AND o.id < c.id)))))`;
  const set = Prisma.sql`SET status = 'running', "leaseOwner" = ${workerId}, "leaseUntil" = ${sqlInstant(leaseUntil)}, attempts = attempts + 1, "updatedAt" = ${at}`;
  let rows: RawJob[];
  if (dbProvider === "postgresql") {
    // Row locks with SKIP LOCKED let many workers claim side by side without waiting on each other.
    rows = await tx.$queryRaw<RawJob[]>(Prisma.sql`
      UPDATE "ProvisioningJob" ${set}
      WHERE id IN (
        SELECT c.id FROM "ProvisioningJob" c
        WHERE c."appId" = ${appId}
          AND ((c.status = 'queued' AND c."nextAttemptAt" <= ${at}) OR (c.status = 'running' AND c."leaseUntil" < ${at}))
          AND NOT ${blocked}
        ORDER BY c."nextAttemptAt", c."createdAt", c.id
        LIMIT ${limit}
        FOR UPDATE OF c SKIP LOCKED)
      ${RETURNING}`);
  } else {
    // SQLite serialises writers, so choosing and updating in one statement is atomic. The two kinds of due
    // job are read as two index ranges (appId, status, nextAttemptAt) and merged: one range with OR made
    // SQLite sort the app's whole queue on every claim. Ties are broken by rowid (insertion order, as
    // createdAt), which the index holds: with createdAt SQLite sorted every job of a large grant (they
    // share one nextAttemptAt) on each claim. Candidates are over-read four times the limit so blocked
    // subjects do not starve the claim.
    const columns = Prisma.sql`id, "appId", "subjectType", "subjectId", "createdAt", "nextAttemptAt", rowid AS seq`;
    const order = Prisma.sql`ORDER BY "nextAttemptAt", seq`;
    rows = await tx.$queryRaw<RawJob[]>(Prisma.sql`
      UPDATE "ProvisioningJob" ${set}
      WHERE id IN (
        SELECT c.id FROM (
          SELECT * FROM (SELECT ${columns} FROM "ProvisioningJob" WHERE "appId" = ${appId} AND status = 'queued' AND "nextAttemptAt" <= ${at} ${order} LIMIT ${limit * 4})
          UNION ALL
          SELECT * FROM (SELECT ${columns} FROM "ProvisioningJob" WHERE "appId" = ${appId} AND status = 'running' AND "leaseUntil" < ${at} ${order} LIMIT ${limit * 4})
        ) c
        WHERE NOT ${blocked}
        ${order}
        LIMIT ${limit})
      ${RETURNING}`);
  }
  return rows.map((r) => ({ ...r, attempts: Number(r.attempts) }));
}

type RawJob = Omit<ClaimedJob, "attempts"> & { attempts: unknown };
