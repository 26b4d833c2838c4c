import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { can } from "@/lib/permissions";
import { idField } from "@/lib/schemas/common";
import { explainEvent } from "./explain-event";
import type { ReportRow } from "./report-sql";

/** One attribute change as sent to the app. */
export type SentChange = { path: string; from: string; to: string };

/** Everything the row detail shows; plain values only. */
export type ReportEventDetail = Omit<ReportRow, "attempt"> & {
  appId: string | null;
  userId: string | null;
  changes: SentChange[];
  attempts: { id: string; at: string; attempt: number; outcome: string; durationMs: number | null; httpStatus: number | null; message: string }[];
  approval: { id: string; status: string; summary: string; requestedBy: string; decidedBy: string | null; decidedAt: string | null; decisions: { by: string; decision: string; via: string; at: string }[] } | null;
  explanation: { cause: string; next: string; href: string | null } | null;
  /** The failed job the viewer may retry (admins only; null otherwise). */
  retryJobId: string | null;
};

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function parseChanges(detail: string | null): SentChange[] {
  if (!detail) return [];
  try {
    const parsed = JSON.parse(detail) as { changes?: { path?: unknown; from?: unknown; to?: unknown }[] };
    return (parsed.changes ?? []).map((c) => ({ path: String(c.path ?? ""), from: show(c.from), to: show(c.to) }));
  } catch {
    return [];
  }
}

/** One event with its job's attempts, its approval and an explanation (reports:read). */
export async function getReportEvent(eventId: string): Promise<ReportEventDetail> {
  const actor = await requirePermission("reports:read");
  const id = idField.safeParse(eventId);
  if (!id.success) throw new NotFoundError();
  const event = await db.provisioningEvent.findUnique({ where: { id: id.data } });
  if (!event) throw new NotFoundError();
  const [attempts, approval, job] = await Promise.all([
    event.jobId
      ? db.provisioningEvent.findMany({ where: { jobId: event.jobId }, orderBy: [{ at: "asc" }, { id: "asc" }], take: 100 })
      : Promise.resolve([event]),
    event.approvalId
      ? db.approvalRequest.findUnique({ where: { id: event.approvalId }, include: { decisions: { orderBy: { at: "asc" } } } })
      : Promise.resolve(null),
    event.jobId ? db.provisioningJob.findUnique({ where: { id: event.jobId }, select: { id: true, status: true } }) : Promise.resolve(null),
  ]);
  return {
    id: event.id,
    at: event.at.toISOString(),
    appId: event.appId,
    appName: event.appName,
    userId: event.userId,
    userIdentifier: event.userIdentifier,
    subjectType: event.subjectType,
    action: event.action,
    outcome: event.outcome,
    httpStatus: event.httpStatus,
    scimType: event.scimType,
    message: event.message,
    durationMs: event.durationMs,
    causedBy: event.causedBy,
    changes: parseChanges(event.detail),
    attempts: attempts.map((a) => ({ id: a.id, at: a.at.toISOString(), attempt: a.attempt, outcome: a.outcome, durationMs: a.durationMs, httpStatus: a.httpStatus, message: a.message })),
    approval: approval
      ? {
          id: approval.id,
          status: approval.status,
          summary: approval.summary,
          requestedBy: approval.requestedBy,
          decidedBy: approval.decidedBy,
          decidedAt: approval.decidedAt?.toISOString() ?? null,
          decisions: approval.decisions.map((d) => ({ by: d.approverEmail, decision: d.decision, via: d.via, at: d.at.toISOString() })),
        }
      : null,
    explanation: explainEvent(event),
    retryJobId: job?.status === "failed" && event.outcome === "failed" && can(actor.role, "provisioning:retry") ? job.id : null,
  };
}
