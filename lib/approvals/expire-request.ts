import "server-only";
import type { Tx } from "@/lib/db";
import { settleJobs } from "./settle";

/**
 * Marks one pending request expired and cancels its jobs, inside the caller's transaction. The
 * conditional update on status "pending" makes it a no-op (false) when a decision got there first.
 */
export async function expireRequest(tx: Tx, request: { id: string; summary: string }, now: Date): Promise<boolean> {
  const { count } = await tx.approvalRequest.updateMany({
    where: { id: request.id, status: "pending" },
    data: { status: "expired", decidedAt: now, decidedBy: null, updatePending: true },
  });
  if (count === 0) return false;
  const cancelled = await settleJobs(tx, request.id, "expired", "system", now);
  // No operator expired it: the row names the system, as the worker's own rows do.
  await tx.auditLog.create({
    data: {
      actorId: null,
      actorEmail: "system",
      action: "approval.expire",
      targetType: "approval_request",
      targetId: request.id,
      targetLabel: request.summary,
      before: JSON.stringify({ status: "pending" }),
      after: JSON.stringify({ status: "expired", cancelledJobs: cancelled }),
    },
  });
  return true;
}
