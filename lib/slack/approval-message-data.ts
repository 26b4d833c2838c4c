import "server-only";
import { db } from "@/lib/db";
import type { ApprovalMessageInput } from "./approval-blocks";

/** The columns of a request the Slack message and the poster need. */
export const REQUEST_SELECT = {
  id: true,
  appName: true,
  ruleId: true,
  summary: true,
  operation: true,
  subjectCount: true,
  detail: true,
  requestedBy: true,
  requiredApprovals: true,
  status: true,
  decidedBy: true,
  decidedAt: true,
  expiresAt: true,
  channel: true,
  messageTs: true,
  postState: true,
  postAttempts: true,
  updatePending: true,
  createdAt: true,
  updatedAt: true,
  decisions: { select: { approverEmail: true, slackUserId: true, decision: true, at: true }, orderBy: { at: "asc" } },
} as const;

/** Loads requests with their decisions, shaped for approvalMessage(). */
export async function loadRequests(where: NonNullable<Parameters<typeof db.approvalRequest.findMany>[0]>["where"], take: number) {
  return db.approvalRequest.findMany({ where, select: REQUEST_SELECT, orderBy: { createdAt: "asc" }, take });
}

export type LoadedRequest = Awaited<ReturnType<typeof loadRequests>>[number];

/** The message input of a loaded request. */
export function messageInput(r: LoadedRequest): ApprovalMessageInput {
  return { ...r, decisions: r.decisions };
}

/** Backoff for posting and updating: 5 s doubling to 15 min, with jitter so processes spread out. */
export function backoffMs(attempt: number): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 15 * 60_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
