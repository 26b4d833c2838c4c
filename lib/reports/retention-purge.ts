import "server-only";
// The daily purge of provisioning events older than the retention setting. Several processes (console
// instances, `npm run worker`) run the loop; a lease row in the Setting table lets one of them purge per
// day, and the delete is idempotent anyway, so two overlapping purges only waste work. Rows go in small
// batches, each its own short statement, so writers of new events never wait long.
// Each account's last state change before the cutoff is kept: "who had access at T" (access-at.ts) needs
// it to know that an account created years ago is still active.
import { randomUUID } from "node:crypto";
import { requirePermission, runAs, type Actor } from "@/lib/authz";
import { db, Prisma, uniqueViolation } from "@/lib/db";
import { pause } from "@/lib/pause";
import { ACTIVATING, ENDING } from "./access-at-sql";
import { rawDate, sqlInstant } from "@/lib/db-sql";
import { PURGE_STATUS_KEY, readPurgeStatus, readRetentionDays, type PurgeStatus } from "./retention";

export const PURGE_LEASE_KEY = "reports.retentionPurgeLease";
const DAY_MS = 24 * 60 * 60 * 1000;
const LEASE_MS = 10 * 60 * 1000;
const CHECK_EVERY_MS = 60 * 60 * 1000;

const PURGE_ACTOR: Actor = { id: "system", email: "system", name: "Retention purge", role: "admin" };

const stateActions = Prisma.join([...ACTIVATING, ...ENDING].map((a) => Prisma.sql`${a}`));

/** Takes the purge lease for `owner` if it is free or expired; true when taken. */
export async function acquirePurgeLease(owner: string, now: Date = new Date()): Promise<boolean> {
  const value = JSON.stringify({ owner, until: new Date(now.getTime() + LEASE_MS).toISOString() });
  try {
    await db.setting.create({ data: { key: PURGE_LEASE_KEY, value, updatedBy: owner } });
    return true;
  } catch (error) {
    if (!uniqueViolation(error)) throw error;
  }
  const row = await db.setting.findUnique({ where: { key: PURGE_LEASE_KEY } });
  if (!row) return false;
  const held = JSON.parse(row.value) as { owner?: string; until?: string };
  if (held.owner !== owner && held.until && new Date(held.until).getTime() > now.getTime()) return false;
  // Compare-and-set on the value read: of two processes taking an expired lease, one wins.
  const taken = await db.setting.updateMany({ where: { key: PURGE_LEASE_KEY, value: row.value }, data: { value, updatedBy: owner } });
  return taken.count === 1;
}

/** Gives the lease back (only if `owner` still holds it). */
export async function releasePurgeLease(owner: string): Promise<void> {
  const row = await db.setting.findUnique({ where: { key: PURGE_LEASE_KEY } });
  if (row && (JSON.parse(row.value) as { owner?: string }).owner === owner) {
    await db.setting.deleteMany({ where: { key: PURGE_LEASE_KEY, value: row.value } });
  }
}

/** Deletes events older than `cutoff` in batches, keeping each account's last state change; returns how many. */
export async function purgeEventsBefore(
  cutoff: Date,
  options: { batchSize?: number; signal?: AbortSignal; onBatch?: (deleted: number, ms: number) => void } = {},
): Promise<number> {
  // Prisma caps bound parameters on SQLite below 1,000, and the ids are bound in the DELETE.
  const batchSize = Math.min(options.batchSize ?? 500, 500);
  const before = sqlInstant(cutoff);
  let deleted = 0;
  // Kept rows stay kept for the whole run, so each batch starts where the last one stopped instead of
  // walking past every kept row again.
  let from: Prisma.Sql = Prisma.empty;
  while (!options.signal?.aborted) {
    const started = performance.now();
    // Chosen by a read, deleted by id: the write lock is held only for the short DELETE.
    const rows = await db.$queryRaw<{ id: string; at: unknown }[]>(Prisma.sql`
      SELECT e."id", e."at" FROM "ProvisioningEvent" e
      WHERE e."at" < ${before} ${from} AND NOT (
        e."subjectType" = 'user' AND e."outcome" = 'success' AND e."userId" IS NOT NULL AND e."appId" IS NOT NULL
        AND e."action" IN (${stateActions})
        AND NOT EXISTS (SELECT 1 FROM "ProvisioningEvent" f
          WHERE f."userId" = e."userId" AND f."appId" = e."appId" AND f."subjectType" = 'user' AND f."outcome" = 'success'
            AND f."action" IN (${stateActions}) AND f."at" < ${before}
            AND (f."at" > e."at" OR (f."at" = e."at" AND f."id" > e."id"))))
      ORDER BY e."at" ASC LIMIT ${batchSize}`);
    if (rows.length === 0) break;
    const result = await db.provisioningEvent.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
    deleted += result.count;
    options.onBatch?.(result.count, performance.now() - started);
    if (rows.length < batchSize) break;
    from = Prisma.sql`AND e."at" >= ${sqlInstant(rawDate(rows[rows.length - 1].at))}`;
    // Let queued writers (the worker recording attempts) in between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return deleted;
}

/** Runs the purge if a day has passed since the last one and no other process is running it. */
export async function runRetentionPurgeIfDue(options: { now?: Date; owner?: string; batchSize?: number; signal?: AbortSignal } = {}): Promise<PurgeStatus | null> {
  await requirePermission("settings:write");
  const now = options.now ?? new Date();
  const last = await readPurgeStatus();
  if (last && now.getTime() - new Date(last.at).getTime() < DAY_MS) return null;
  const owner = options.owner ?? `${process.pid}-${randomUUID()}`;
  if (!(await acquirePurgeLease(owner, now))) return null;
  try {
    // Another process may have finished a purge between our check and taking the lease.
    const again = await readPurgeStatus();
    if (again && now.getTime() - new Date(again.at).getTime() < DAY_MS) return null;
    const { days } = await readRetentionDays();
    const cutoff = new Date(now.getTime() - days * DAY_MS);
    const started = Date.now();
    const deleted = await purgeEventsBefore(cutoff, { batchSize: options.batchSize, signal: options.signal });
    const status: PurgeStatus = { at: now.toISOString(), cutoff: cutoff.toISOString(), deleted, durationMs: Date.now() - started };
    const value = JSON.stringify(status);
    await db.setting.upsert({ where: { key: PURGE_STATUS_KEY }, create: { key: PURGE_STATUS_KEY, value, updatedBy: owner }, update: { value, updatedBy: owner } });
    return status;
  } finally {
    await releasePurgeLease(owner);
  }
}

/** Checks hourly, until `signal` aborts, whether the daily purge is due; RETENTION_PURGE=off disables it. */
export async function startRetentionLoop(signal?: AbortSignal): Promise<void> {
  if (process.env.RETENTION_PURGE === "off") return;
  while (!signal?.aborted) {
    try {
      const status = await runAs(PURGE_ACTOR, () => runRetentionPurgeIfDue({ signal }));
      if (status) console.log(`[retention] deleted ${status.deleted} provisioning events older than ${status.cutoff}.`);
    } catch (error) {
      console.error(`[retention] purge failed: ${error instanceof Error ? error.message : String(error)}; trying again in an hour.`);
    }
    await pause(CHECK_EVERY_MS, { signal });
  }
}
