import "server-only";
// Sessions that ended by running out (absolute lifetime, idle timeout) are deleted when next
// presented; the ones nobody presents again, throttle counters nobody used for a day, and sign-in
// ceremonies (passkey challenges, SSO attempts, TOTP set-ups) nobody finished would stay forever.
// This hourly purge removes them. Every process that runs the side loops runs it: the
// deletes are idempotent, so no lease is needed.
import { requirePermission, runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import { pause } from "@/lib/pause";
import { purgeExpiredSessions } from "@/lib/sessions/session-store";
import { purgeStaleThrottles } from "./throttle";

const PURGE_ACTOR: Actor = { id: "system", email: "system", name: "Sign-in purge", role: "admin" };
const EVERY_MS = 60 * 60 * 1000;

/** Deletes ended sessions, stale throttle counters and expired ceremonies; returns how many of each. */
export async function purgeSignInState(now = new Date()): Promise<{ sessions: number; throttles: number; challenges: number }> {
  await requirePermission("admins:write");
  const challenges = (await db.authChallenge.deleteMany({ where: { expiresAt: { lt: now } } })).count;
  return { sessions: await purgeExpiredSessions(now), throttles: await purgeStaleThrottles(now), challenges };
}

/** Runs purgeSignInState now and then hourly until `signal` aborts. */
export async function startSignInPurgeLoop(signal?: AbortSignal): Promise<void> {
  while (!signal?.aborted) {
    try {
      await runAs(PURGE_ACTOR, () => purgeSignInState());
    } catch (error) {
      console.error(`[sign-in purge] failed: ${error instanceof Error ? error.message : String(error)}; trying again in an hour.`);
    }
    await pause(EVERY_MS, { signal });
  }
}
