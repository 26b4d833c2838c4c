import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { idField } from "@/lib/schemas/common";
import { effectiveLimits } from "./limits";

/** An app's queue at a glance: what waits, what runs, what failed, and about how long the wait is. */
export type QueueSummary = { appName: string; queued: number; running: number; failed: number; held: number; perMinute: number; etaSeconds: number; pausedUntil: string | null };

/** Seconds to send `queued` jobs at `perMinute` (one write each), at least one second when anything waits. */
export function etaSeconds(queued: number, perMinute: number): number {
  if (queued <= 0) return 0;
  return Math.max(1, Math.ceil((queued * 60) / perMinute));
}

/** Counts the app's jobs by status (one grouped query) and estimates the wait from its effective rate. */
export async function getQueueSummary(appId: string): Promise<QueueSummary | null> {
  await requirePermission("apps:read");
  const id = idField.safeParse(appId);
  if (!id.success) return null;
  const app = await db.app.findUnique({
    where: { id: id.data },
    select: { name: true, kind: true, rateLimitPerMinute: true, rateLimitBurst: true, maxConcurrency: true, pacingBucket: { select: { pausedUntil: true } } },
  });
  if (!app) return null;
  const counts = await db.provisioningJob.groupBy({ by: ["status"], where: { appId: id.data, status: { in: ["queued", "running", "failed", "held"] } }, _count: { _all: true } });
  const of = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
  const { perMinute } = effectiveLimits(app);
  const paused = app.pacingBucket?.pausedUntil && app.pacingBucket.pausedUntil > new Date() ? app.pacingBucket.pausedUntil : null;
  const queued = of("queued");
  return { appName: app.name, queued, running: of("running"), failed: of("failed"), held: of("held"), perMinute, etaSeconds: etaSeconds(queued + of("running"), perMinute), pausedUntil: paused?.toISOString() ?? null };
}
