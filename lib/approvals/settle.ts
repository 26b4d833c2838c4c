import "server-only";
import type { Tx } from "@/lib/db";
import { eventUserSearch } from "@/lib/provisioning/event-search";

/** Final states of a request, and what happens to its waiting jobs. */
export type SettledStatus = "approved" | "denied" | "expired" | "cancelled";

const EVENT_MESSAGES: Record<SettledStatus, (who: string) => string> = {
  approved: (who) => `Approved by ${who}; the change is queued for the app.`,
  denied: (who) => `Denied by ${who}; the change was not made.`,
  expired: () => "The approval request expired before anyone decided; the change was not made.",
  cancelled: (who) => `The approval request was cancelled by ${who}; the change was not made.`,
};

/**
 * Releases (approved) or cancels (denied, expired, cancelled) the jobs waiting on one request, inside
 * the caller's transaction. Released jobs keep their createdAt, so each user's changes keep their order.
 */
export async function settleJobs(tx: Tx, requestId: string, status: SettledStatus, decidedBy: string, now: Date): Promise<number> {
  const jobs = await tx.provisioningJob.findMany({
    where: { approvalId: requestId, status: "pending_approval" },
    select: { id: true, appId: true, subjectType: true, subjectId: true, subjectLabel: true, operation: true, causedBy: true, app: { select: { name: true } } },
  });
  if (jobs.length === 0) return 0;
  const waiting = { approvalId: requestId, status: "pending_approval" };
  if (status === "approved") {
    await tx.provisioningJob.updateMany({ where: waiting, data: { status: "queued", nextAttemptAt: now } });
  } else {
    await tx.provisioningJob.updateMany({ where: waiting, data: { status: "cancelled", lastError: EVENT_MESSAGES[status](decidedBy) } });
  }
  // The report shows each decision per user: "approved" (the change is on its way) or "denied" (it never
  // reached the app, also after an expiry or a cancel).
  await tx.provisioningEvent.createMany({
    data: jobs.map((j) => ({
      at: now,
      appId: j.appId,
      appName: j.app.name,
      subjectType: j.subjectType,
      userId: j.subjectType === "user" ? j.subjectId : null,
      userIdentifier: j.subjectLabel,
      action: j.operation,
      outcome: status === "approved" ? "approved" : "denied",
      message: EVENT_MESSAGES[status](decidedBy),
      jobId: j.id,
      approvalId: requestId,
      causedBy: j.causedBy,
      userSearch: eventUserSearch(j.subjectLabel),
    })),
  });
  return jobs.length;
}
