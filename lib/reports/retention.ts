import "server-only";
// The retention setting ("keep provisioning events N days") and what the settings page shows about it.
// The purge itself is in retention-purge.ts.
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { RETENTION_DEFAULT_DAYS, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, retentionSchema } from "@/lib/schemas/retention";

export const RETENTION_KEY = "reports.retentionDays";
/** The last purge's result: { at, cutoff, deleted, durationMs } (ISO times). */
export const PURGE_STATUS_KEY = "reports.retentionPurge";

/** The last completed purge. */
export type PurgeStatus = { at: string; cutoff: string; deleted: number; durationMs: number };

/** What the settings page and the access report show. */
export type RetentionStatus = {
  days: number;
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
  lastPurge: PurgeStatus | null;
};

/** The stored number of days, or the default when unset or unreadable (no permission check: the purge uses it). */
export async function readRetentionDays(): Promise<{ days: number; isDefault: boolean; updatedAt: Date | null; updatedBy: string | null }> {
  const row = await db.setting.findUnique({ where: { key: RETENTION_KEY } });
  const days = row ? Number(JSON.parse(row.value)) : NaN;
  if (!row || !Number.isInteger(days) || days < RETENTION_MIN_DAYS || days > RETENTION_MAX_DAYS) {
    return { days: RETENTION_DEFAULT_DAYS, isDefault: true, updatedAt: null, updatedBy: null };
  }
  return { days, isDefault: false, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}

/** The last purge's result, or null before the first one (no permission check: internal). */
export async function readPurgeStatus(): Promise<PurgeStatus | null> {
  const row = await db.setting.findUnique({ where: { key: PURGE_STATUS_KEY } });
  if (!row) return null;
  try {
    const value = JSON.parse(row.value) as Partial<PurgeStatus>;
    return typeof value.at === "string" && typeof value.cutoff === "string"
      ? { at: value.at, cutoff: value.cutoff, deleted: Number(value.deleted ?? 0), durationMs: Number(value.durationMs ?? 0) }
      : null;
  } catch {
    return null;
  }
}

/** How long events are kept and when they were last purged. */
export async function getRetentionStatus(): Promise<RetentionStatus> {
  await requirePermission("reports:read");
  const [setting, lastPurge] = await Promise.all([readRetentionDays(), readPurgeStatus()]);
  return {
    days: setting.days,
    isDefault: setting.isDefault,
    updatedAt: setting.updatedAt?.toISOString() ?? null,
    updatedBy: setting.updatedBy,
    lastPurge,
  };
}

/** The oldest provisioning event still stored and how many there are, for the settings page. */
export async function getEventStorage(): Promise<{ oldest: string | null; count: number }> {
  await requirePermission("settings:write");
  const [oldest, count] = await Promise.all([
    db.provisioningEvent.findFirst({ orderBy: { at: "asc" }, select: { at: true } }),
    db.provisioningEvent.count(),
  ]);
  return { oldest: oldest?.at.toISOString() ?? null, count };
}

/** Sets how many days provisioning events are kept (admins; 7 to 3650; audited). */
export async function setRetentionDays(input: unknown): Promise<{ days: number }> {
  const actor = await requirePermission("settings:write");
  const { days } = retentionSchema.parse(input);
  const current = await readRetentionDays();
  if (!current.isDefault && current.days === days) return { days };
  await db.$transaction(async (tx) => {
    const value = JSON.stringify(days);
    await tx.setting.upsert({
      where: { key: RETENTION_KEY },
      create: { key: RETENTION_KEY, value, updatedBy: actor.email },
      update: { value, updatedBy: actor.email },
    });
    await writeAudit(tx, actor, {
      action: "settings.retention.update",
      targetType: "setting",
      targetId: RETENTION_KEY,
      targetLabel: "Data retention",
      before: { days: current.days },
      after: { days },
    });
  });
  return { days };
}
