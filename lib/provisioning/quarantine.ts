import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, type Tx } from "@/lib/db";

// Quarantine holds the queue of an app that fails persistently, so thousands of jobs do not burn their
// retries (and the app's patience) against a wall. Two triggers:
//   1. credentials rejected: a 401 quarantines the app at once (every request would fail). A 403 may
//      belong to one user (Slack refuses changes to its primary owner with permission_denied), so 403s
//      quarantine once FORBIDDEN_SUBJECTS_TO_QUARANTINE different users or groups got one with no
//      success in between; the jobs those 403s failed are then held with the rest;
//   2. the app keeps failing: at least FAILURES_TO_QUARANTINE attempts failed for app-wide reasons (5xx,
//      timeouts, unreachable) and nothing succeeded for FAILING_FOR_MS. A short outage (30 s, a deploy)
//      does not quarantine: retries with backoff ride it out, and the outage test proves they converge.
// Failures that belong to one user (400, 404, 409) and rate limits (429, paced) never count.

/** App-wide failures needed, with no success in between, before the app counts as failing persistently. */
export const FAILURES_TO_QUARANTINE = 10;
/** How long the app must have been failing (no success since the first failure of the streak). */
export const FAILING_FOR_MS = 5 * 60_000;

/** Users or groups refused with 403, with no success in between, before the token counts as lacking rights. */
export const FORBIDDEN_SUBJECTS_TO_QUARANTINE = 3;

/** The part of an attempt's result the check reads. */
export type AttemptOutcome = {
  jobId: string;
  status: string;
  outcome: string;
  httpStatus?: number | null;
};

const credentialsRejected = (httpStatus: number | null | undefined) => httpStatus === 401;

/** An attempt that failed because of the app as a whole, not because of the user it was about. */
function appWideFailure(outcome: string, httpStatus: number | null | undefined): boolean {
  if (httpStatus === 429) return false;
  if (outcome === "retrying") return true;
  return outcome === "failed" && (httpStatus ?? 0) >= 500;
}

// The jobs refused with 403 since the app's last success, when they span enough users or groups to say the
// token itself lacks rights; otherwise none (a 403 about one person stays that person's failed job).
async function forbiddenStreak(appId: string): Promise<string[]> {
  const lastSuccess = await db.provisioningEvent.findFirst({ where: { appId, outcome: "success" }, orderBy: { at: "desc" }, select: { at: true } });
  const refused = await db.provisioningEvent.findMany({
    where: { appId, httpStatus: 403, at: { gt: lastSuccess?.at ?? new Date(0) } },
    select: { jobId: true, subjectType: true, userIdentifier: true },
  });
  const subjects = new Set(refused.map((e) => `${e.subjectType}:${e.userIdentifier}`));
  if (subjects.size < FORBIDDEN_SUBJECTS_TO_QUARANTINE) return [];
  return [...new Set(refused.flatMap((e) => (e.jobId ? [e.jobId] : [])))];
}

/** Whether the app has been failing for long enough, read from its recent provisioning events. */
async function failingPersistently(appId: string, now: Date): Promise<boolean> {
  const lastSuccess = await db.provisioningEvent.findFirst({ where: { appId, outcome: "success" }, orderBy: { at: "desc" }, select: { at: true } });
  const since = { appId, at: { gt: lastSuccess?.at ?? new Date(0) } };
  const failing = {
    ...since,
    OR: [
      { outcome: "retrying", OR: [{ httpStatus: null }, { httpStatus: { not: 429 } }] },
      { outcome: "failed", httpStatus: { gte: 500 } },
    ],
  };
  const first = await db.provisioningEvent.findFirst({ where: failing, orderBy: { at: "asc" }, select: { at: true } });
  if (!first || now.getTime() - first.at.getTime() < FAILING_FOR_MS) return false;
  return (await db.provisioningEvent.count({ where: failing })) >= FAILURES_TO_QUARANTINE;
}

function quarantineMessage(reason: "credentials" | "failing", httpStatus: number | null | undefined): string {
  if (reason === "credentials" && httpStatus === 403) {
    return `Quarantined: the app refused the changes of ${FORBIDDEN_SUBJECTS_TO_QUARANTINE} or more different users or groups (HTTP 403) with nothing succeeding in between, so the token's account likely lacks admin rights or a scope. Its queue is held; new changes still queue. Use a token with those rights, then Verify Credentials to resume, or Resume.`;
  }
  if (reason === "credentials") {
    return `Quarantined: the app rejected the credentials (HTTP ${httpStatus}). Its queue is held; new changes still queue. Replace the token, then Verify Credentials to resume, or Resume once the app accepts it again.`;
  }
  return `Quarantined: at least ${FAILURES_TO_QUARANTINE} requests failed (server errors, timeouts or no answer) and nothing succeeded for ${FAILING_FOR_MS / 60_000} minutes. Its queue is held; new changes still queue. Check that the app is up, then Verify Credentials or Resume.`;
}

/**
 * Called by the worker after each recorded attempt: quarantines the app when the attempt shows it is
 * failing persistently, and puts the job back in the queue (it failed because of the app, not its
 * user, so it runs again after Resume). Never throws: a failed check must not stop the worker.
 */
export async function checkQuarantine(appId: string, attempt: AttemptOutcome, now = new Date()): Promise<void> {
  try {
    const forbidden = attempt.httpStatus === 403;
    let credentials = credentialsRejected(attempt.httpStatus);
    if (!credentials && !forbidden && !appWideFailure(attempt.outcome, attempt.httpStatus)) return;
    const app = await db.app.findUnique({ where: { id: appId }, select: { health: true } });
    if (!app) return;
    const quarantined = app.health === "quarantined";
    const refusedJobs = forbidden && !quarantined ? await forbiddenStreak(appId) : [];
    if (forbidden && !quarantined && refusedJobs.length === 0) return;
    credentials ||= refusedJobs.length > 0;
    if (!quarantined && !credentials && !(await failingPersistently(appId, now))) return;
    await db.$transaction(async (tx) => {
      const held = [...new Set([...(attempt.status === "failed" ? [attempt.jobId] : []), ...refusedJobs])];
      if (held.length > 0) {
        // Held, not lost: the jobs wait in the queue with fresh attempts until the app resumes.
        await tx.provisioningJob.updateMany({ where: { id: { in: held }, status: "failed" }, data: { status: "queued", attempts: 0, nextAttemptAt: now } });
      }
      if (quarantined) return;
      const healthMessage = quarantineMessage(credentials ? "credentials" : "failing", attempt.httpStatus);
      // The health guard makes two workers quarantining at once write one audit row.
      const { count } = await tx.app.updateMany({ where: { id: appId, health: { not: "quarantined" } }, data: { health: "quarantined", quarantinedAt: now, healthMessage } });
      if (count === 0) return;
      const current = await tx.app.findUniqueOrThrow({ where: { id: appId }, select: { name: true } });
      // The system is no admin row: actorId stays empty and the email names it.
      await tx.auditLog.create({
        data: {
          actorId: null,
          actorEmail: "system",
          action: "app.quarantine",
          targetType: "app",
          targetId: appId,
          targetLabel: current.name,
          before: JSON.stringify({ health: app.health }),
          after: JSON.stringify({ health: "quarantined", healthMessage }),
        },
      });
    });
  } catch (error) {
    console.error(`[provisioning worker] Quarantine check failed: ${error instanceof Error ? error.message || error.name : String(error)}`);
  }
}

/** The health fields Verify Credentials writes: a quarantined app stays held unless the check succeeded. */
export function verifiedHealth(currentHealth: string, checkedHealth: string): { health: string; quarantinedAt?: null } {
  if (currentHealth !== "quarantined") return { health: checkedHealth };
  return checkedHealth === "connected" ? { health: "connected", quarantinedAt: null } : { health: "quarantined" };
}

/**
 * After a successful check lifted a quarantine, the held jobs become due now (as Resume does), so none waits
 * out a back-off it started while the app was failing. Call in the transaction that writes verifiedHealth.
 */
export async function releaseLiftedQueue(tx: Tx, appId: string, currentHealth: string, checkedHealth: string): Promise<void> {
  if (currentHealth !== "quarantined" || checkedHealth !== "connected") return;
  await tx.provisioningJob.updateMany({ where: { appId, status: "queued" }, data: { nextAttemptAt: new Date() } });
}

/** What the quarantine banner shows. */
export type QuarantineStatus = { quarantinedAt: Date; message: string; waiting: number } | null;

/** The app's quarantine: since when, why, and how many jobs wait in its held queue; null when not quarantined. */
export async function quarantineStatus(appId: string): Promise<QuarantineStatus> {
  await requirePermission("apps:read");
  const app = await db.app.findUnique({ where: { id: appId }, select: { health: true, quarantinedAt: true, healthMessage: true, updatedAt: true } });
  if (!app || app.health !== "quarantined") return null;
  const waiting = await db.provisioningJob.count({ where: { appId, status: { in: ["queued", "running"] } } });
  return { quarantinedAt: app.quarantinedAt ?? app.updatedAt, message: app.healthMessage ?? "Quarantined: the app was failing persistently.", waiting };
}
