import "server-only";
import { requirePermission, type Actor } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import { db, type Tx } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { can, isRole } from "@/lib/permissions";
import { wakeWorker } from "@/lib/provisioning/wake";
import { expireRequest } from "./expire-request";
import { settleJobs } from "./settle";

/** The person deciding: a console admin or approver, possibly linked to a Slack user. */
export type ApproverRef = { adminId: string; email: string; slackUserId?: string | null };

/** What one decision did. `decided` with status pending: the request waits for a second approver. */
export type DecideResult =
  | { kind: "decided"; status: "approved" | "denied" | "pending"; requestId: string }
  | { kind: "already"; status: string; decidedBy: string | null; decidedAt: string | null; requestId: string }
  | { kind: "expired"; requestId: string }
  | { kind: "not_found" }
  | { kind: "not_authorized" };

export type DecideInput = { requestId: string; decision: "approve" | "deny"; approver: ApproverRef; via: "slack" | "console" };

/** Applies one approver's decision exactly once (double clicks and concurrent approvers are safe). */
export async function decideApproval(input: DecideInput): Promise<DecideResult> {
  let actor: Actor;
  try {
    actor = await requirePermission("approvals:decide");
  } catch (error) {
    if (error instanceof ForbiddenError) return { kind: "not_authorized" };
    throw error;
  }
  // The decision is recorded under the approver's own account, so it must be the signed-in (or runAs) one,
  // still enabled and still holding the right.
  if (actor.id !== input.approver.adminId) return { kind: "not_authorized" };
  const admin = await db.admin.findUnique({ where: { id: input.approver.adminId }, select: { id: true, email: true, role: true, disabled: true } });
  if (!admin || admin.disabled || !isRole(admin.role) || !can(admin.role, "approvals:decide")) return { kind: "not_authorized" };

  const now = new Date();
  const result = await db.$transaction((tx) => decideInTx(tx, actor, { ...input, approver: { ...input.approver, email: admin.email } }, now));
  if (result.kind === "decided" && result.status === "approved") wakeWorker();
  return result;
}

async function alreadyDecided(tx: Tx, requestId: string): Promise<DecideResult> {
  const request = await tx.approvalRequest.findUnique({ where: { id: requestId }, select: { status: true, decidedBy: true, decidedAt: true } });
  if (!request) return { kind: "not_found" };
  if (request.status === "expired") return { kind: "expired", requestId };
  return { kind: "already", status: request.status, decidedBy: request.decidedBy, decidedAt: request.decidedAt?.toISOString() ?? null, requestId };
}

async function decideInTx(tx: Tx, actor: Actor, input: DecideInput, now: Date): Promise<DecideResult> {
  const { requestId } = input;
  const request = await tx.approvalRequest.findUnique({ where: { id: requestId }, select: { id: true, status: true, summary: true, expiresAt: true, requiredApprovals: true } });
  if (!request) return { kind: "not_found" };
  if (request.status !== "pending") return alreadyDecided(tx, requestId);
  if (request.expiresAt <= now) {
    return (await expireRequest(tx, request, now)) ? { kind: "expired", requestId } : alreadyDecided(tx, requestId);
  }
  // The conditional write locks the row (PostgreSQL) or the database (SQLite) until commit: a concurrent
  // decision waits here, then finds the status changed and answers "already".
  const { count } = await tx.approvalRequest.updateMany({ where: { id: requestId, status: "pending" }, data: { updatedAt: now } });
  if (count === 0) return alreadyDecided(tx, requestId);

  const email = input.approver.email;
  const mine = await tx.approvalDecision.findUnique({ where: { requestId_approverEmail: { requestId, approverEmail: email } } });
  if (mine) return { kind: "already", status: "pending", decidedBy: email, decidedAt: mine.at.toISOString(), requestId };
  await tx.approvalDecision.create({
    data: { requestId, adminId: input.approver.adminId, approverEmail: email, slackUserId: input.approver.slackUserId ?? null, decision: input.decision, via: input.via, at: now },
  });

  const approvals = await tx.approvalDecision.count({ where: { requestId, decision: "approve" } });
  const status = input.decision === "deny" ? "denied" : approvals >= request.requiredApprovals ? "approved" : "pending";
  const audit = { targetType: "approval_request", targetId: requestId, targetLabel: request.summary, before: { status: "pending" } };
  if (status === "pending") {
    // One of two approvals: the request stays open; the Slack message shows who approved so far.
    await tx.approvalRequest.update({ where: { id: requestId }, data: { updatePending: true } });
    await writeAudit(tx, actor, { ...audit, action: "approval.approve", after: { status: "pending", approvals, requiredApprovals: request.requiredApprovals, via: input.via } });
    return { kind: "decided", status, requestId };
  }
  await tx.approvalRequest.update({ where: { id: requestId }, data: { status, decidedBy: email, decidedAt: now, updatePending: true } });
  const jobs = await settleJobs(tx, requestId, status, email, now);
  await writeAudit(tx, actor, {
    ...audit,
    action: status === "approved" ? "approval.approve" : "approval.deny",
    after: { status, decidedBy: email, via: input.via, approvals, requiredApprovals: request.requiredApprovals, jobs },
  });
  return { kind: "decided", status, requestId };
}
