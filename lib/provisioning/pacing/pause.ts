import "server-only";
import { db } from "@/lib/db";

// Pauses known to this process, so requests of jobs already in flight wait too (the claim reads the
// stored pause, which other processes see).
const globalForPause = globalThis as unknown as { __appPauses?: Map<string, number> };
const pauses = (globalForPause.__appPauses ??= new Map<string, number>());

/** When the app's pause ends in this process (epoch ms), or 0 when it is not paused. */
export function pausedUntil(appId: string, now = Date.now()): number {
  const until = pauses.get(appId) ?? 0;
  if (until <= now) {
    pauses.delete(appId);
    return 0;
  }
  return until;
}

/**
 * Pauses every request to the app until `until` (a Retry-After): in this process at once, and in the
 * stored bucket so every worker's claim holds the app's queue until then. A later pause never shortens
 * an earlier, longer one.
 */
export async function pauseApp(appId: string, until: Date): Promise<void> {
  if (until.getTime() > (pauses.get(appId) ?? 0)) pauses.set(appId, until.getTime());
  const existing = await db.pacingBucket.findUnique({ where: { appId }, select: { pausedUntil: true } });
  if (existing?.pausedUntil && existing.pausedUntil >= until) return;
  if (existing) {
    await db.pacingBucket.updateMany({ where: { appId, OR: [{ pausedUntil: null }, { pausedUntil: { lt: until } }] }, data: { pausedUntil: until } });
    return;
  }
  // No bucket yet: an empty one, so the claim after the pause starts from nothing rather than a full burst.
  try {
    await db.pacingBucket.create({ data: { appId, tokens: 0, refilledAt: until, pausedUntil: until } });
  } catch {
    await db.pacingBucket.updateMany({ where: { appId, OR: [{ pausedUntil: null }, { pausedUntil: { lt: until } }] }, data: { pausedUntil: until } });
  }
}

/** Milliseconds of a Retry-After header (delay seconds or an HTTP date); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
