import "server-only";
import { requirePermission } from "@/lib/authz";
import { containsText, db, type Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import { APPROVAL_RANGES, type ApprovalFilters, type ApprovalSortKey } from "@/lib/schemas/approval-filters";
import { parseDetail, type ApprovalDetail } from "./detail";

/** One approval request as the Approvals page and its detail page show it. */
export type ApprovalRequestRow = {
  id: string;
  appId: string | null;
  appName: string;
  summary: string;
  operation: string;
  subjectCount: number;
  requestedBy: string;
  createdAt: string;
  expiresAt: string;
  status: string;
  decidedBy: string | null;
  decidedAt: string | null;
  requiredApprovals: number;
  approvals: number;
  /** Who approved so far (two-approver requests show the first one while it waits). */
  approvedBy: string[];
  postState: string;
  channel: string | null;
  detail: ApprovalDetail;
};


/** The Prisma filter for the page's filters; `now` anchors the time presets. */
export function approvalWhere(filters: ApprovalFilters, q: string, now = new Date()): Prisma.ApprovalRequestWhereInput {
  const from = filters.range ? new Date(now.getTime() - APPROVAL_RANGES[filters.range] * 3_600_000) : undefined;
  const search = q.trim();
  return {
    ...(filters.status !== "all" ? { status: filters.status } : {}),
    ...(filters.appId ? { appId: filters.appId } : {}),
    ...(from ? { createdAt: { gte: from } } : {}),
    ...(search ? { OR: (["summary", "requestedBy", "appName", "decidedBy"] as const).map((field) => ({ [field]: containsText(search) })) } : {}),
  };
}

type Stored = Prisma.ApprovalRequestGetPayload<{ include: { decisions: { select: { decision: true; approverEmail: true } } } }>;

/** Shapes a stored request for a page. */
export function toRow(r: Stored): ApprovalRequestRow {
  const approvedBy = r.decisions.filter((d) => d.decision === "approve").map((d) => d.approverEmail);
  return {
    id: r.id,
    appId: r.appId,
    appName: r.appName,
    summary: r.summary,
    operation: r.operation,
    subjectCount: r.subjectCount,
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    status: r.status,
    decidedBy: r.decidedBy,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    requiredApprovals: r.requiredApprovals,
    approvals: approvedBy.length,
    approvedBy,
    postState: r.postState,
    channel: r.channel,
    detail: parseDetail(r.detail),
  };
}

const ORDER: Record<ApprovalSortKey, (dir: "asc" | "desc") => Prisma.ApprovalRequestOrderByWithRelationInput[]> = {
  createdAt: (dir) => [{ createdAt: dir }, { id: dir }],
  expiresAt: (dir) => [{ expiresAt: dir }, { id: dir }],
  appName: (dir) => [{ appName: dir }, { createdAt: "desc" }],
  status: (dir) => [{ status: dir }, { createdAt: "desc" }],
};

/** One page of approval requests (pending by default), filtered by status, app and time. */
export async function listApprovalRequests(params: ListParams<ApprovalSortKey>, filters: ApprovalFilters): Promise<Page<ApprovalRequestRow>> {
  await requirePermission("approvals:read");
  const where = approvalWhere(filters, params.q);
  const [stored, total] = await Promise.all([
    db.approvalRequest.findMany({
      where,
      include: { decisions: { select: { decision: true, approverEmail: true }, orderBy: { at: "asc" } } },
      orderBy: ORDER[params.sort](params.dir),
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
    }),
    db.approvalRequest.count({ where }),
  ]);
  return { rows: stored.map(toRow), total, page: params.page, pageSize: params.pageSize };
}

/** One approval request with its decisions (who, how, when), or null. */
export async function getApprovalRequest(requestId: string): Promise<(ApprovalRequestRow & { decisions: { approverEmail: string; decision: string; via: string; at: string }[] }) | null> {
  await requirePermission("approvals:read");
  const r = await db.approvalRequest.findUnique({ where: { id: requestId }, include: { decisions: { orderBy: { at: "asc" } } } });
  if (!r) return null;
  return { ...toRow(r), decisions: r.decisions.map((d) => ({ approverEmail: d.approverEmail, decision: d.decision, via: d.via, at: d.at.toISOString() })) };
}

/** The apps that have approval requests, for the app filter. */
export async function listApprovalApps(): Promise<{ id: string; name: string }[]> {
  await requirePermission("approvals:read");
  const rows = await db.approvalRequest.findMany({ where: { appId: { not: null } }, distinct: ["appId"], select: { appId: true, appName: true }, orderBy: { appName: "asc" } });
  return rows.flatMap((r) => (r.appId ? [{ id: r.appId, name: r.appName }] : []));
}

/** How many requests wait for a decision (the sidebar badge and the page header). */
export async function countPendingApprovals(): Promise<number> {
  await requirePermission("approvals:read");
  return db.approvalRequest.count({ where: { status: "pending" } });
}
