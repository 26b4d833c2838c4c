import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, type Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import { AUDIT_RANGES, type AuditFilters, type AuditSortKey } from "@/lib/schemas/audit";
import { diffSnapshots } from "./diff";
import type { AuditRow } from "./types";

/** The Prisma filter for the audit log's filters; `now` anchors the presets. */
export function auditWhere(filters: AuditFilters, now = new Date()): Prisma.AuditLogWhereInput {
  const from = filters.range ? new Date(now.getTime() - AUDIT_RANGES[filters.range] * 3_600_000) : filters.from;
  const to = filters.range ? undefined : filters.to;
  return {
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(from || to ? { at: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {}),
  };
}

// Targets with a page of their own; others (operators, apps) show their label only.
const TARGET_PAGES = {
  user: { path: "/users", exists: (ids: string[]) => db.user.findMany({ where: { id: { in: ids } }, select: { id: true } }) },
  group: { path: "/groups", exists: (ids: string[]) => db.group.findMany({ where: { id: { in: ids } }, select: { id: true } }) },
  approval_request: { path: "/approvals", exists: (ids: string[]) => db.approvalRequest.findMany({ where: { id: { in: ids } }, select: { id: true } }) },
} as const;

async function existingTargets(rows: { targetType: string; targetId: string | null }[]): Promise<Map<string, string>> {
  const hrefs = new Map<string, string>();
  for (const [type, target] of Object.entries(TARGET_PAGES)) {
    const ids = [...new Set(rows.filter((r) => r.targetType === type && r.targetId).map((r) => r.targetId as string))];
    if (ids.length === 0) continue;
    for (const { id } of await target.exists(ids)) hrefs.set(`${type}:${id}`, `${target.path}/${id}`);
  }
  return hrefs;
}

/** One page of audit rows, newest first by default, filtered by actor, action and time. */
export async function listAuditLog(params: ListParams<AuditSortKey>, filters: AuditFilters): Promise<Page<AuditRow>> {
  await requirePermission("audit:read");
  const where = auditWhere(filters);
  const [stored, total] = await Promise.all([
    db.auditLog.findMany({
      where,
      // id breaks ties between rows written in the same millisecond, so paging is stable.
      orderBy: [{ at: params.dir }, { id: params.dir }],
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
    }),
    db.auditLog.count({ where }),
  ]);
  const hrefs = await existingTargets(stored);
  const rows = stored.map(
    (row): AuditRow => ({
      id: row.id,
      at: row.at.toISOString(),
      actorId: row.actorId,
      actorEmail: row.actorEmail,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      targetLabel: row.targetLabel,
      targetHref: row.targetId ? (hrefs.get(`${row.targetType}:${row.targetId}`) ?? null) : null,
      changes: diffSnapshots(row.before, row.after),
    }),
  );
  return { rows, total, page: params.page, pageSize: params.pageSize };
}
