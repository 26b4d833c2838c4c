import "server-only";
import { requirePermission } from "@/lib/authz";
import { containsText, db, type Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import { idField } from "@/lib/schemas/common";
import type { HeldJobRow, HeldJobSortKey, HoldSummary } from "./types";

type HoldRow = Prisma.ProvisioningHoldGetPayload<{ include: { app: { select: { name: true } } } }>;

async function toSummary(hold: HoldRow): Promise<HoldSummary> {
  const jobCount = await db.provisioningJob.count({ where: { holdId: hold.id, status: "held" } });
  return {
    id: hold.id,
    appId: hold.appId,
    appName: hold.app.name,
    summary: hold.summary,
    operationCount: hold.operationCount,
    threshold: hold.threshold,
    jobCount,
    causedBy: hold.causedBy,
    status: hold.status,
    decidedBy: hold.decidedBy,
    decidedAt: hold.decidedAt?.toISOString() ?? null,
    createdAt: hold.createdAt.toISOString(),
  };
}

/** The app's changes waiting on the mass-change brake, oldest first. */
export async function listPendingHolds(appId: string): Promise<HoldSummary[]> {
  await requirePermission("apps:read");
  const id = idField.safeParse(appId);
  if (!id.success) return [];
  const holds = await db.provisioningHold.findMany({
    where: { appId: id.data, status: "pending" },
    orderBy: { createdAt: "asc" },
    include: { app: { select: { name: true } } },
  });
  return Promise.all(holds.map(toSummary));
}

/** One hold of the app, or null when it does not exist. */
export async function getHold(appId: string, holdId: string): Promise<HoldSummary | null> {
  await requirePermission("apps:read");
  const ids = [idField.safeParse(appId), idField.safeParse(holdId)];
  if (!ids[0].success || !ids[1].success) return null;
  const hold = await db.provisioningHold.findFirst({ where: { id: ids[1].data, appId: ids[0].data }, include: { app: { select: { name: true } } } });
  return hold ? toSummary(hold) : null;
}

function orderBy(sort: HeldJobSortKey, dir: "asc" | "desc"): Prisma.ProvisioningJobOrderByWithRelationInput[] {
  if (sort === "operation") return [{ operation: dir }, { subjectLabel: "asc" }, { id: "asc" }];
  return [{ subjectLabel: dir }, { id: dir }];
}

/** One page of the users a hold affects (its jobs, whatever their status now); `q` matches the userName. */
export async function listHoldJobs(holdId: string, params: ListParams<HeldJobSortKey>): Promise<Page<HeldJobRow>> {
  await requirePermission("apps:read");
  const id = idField.safeParse(holdId);
  if (!id.success) return { rows: [], total: 0, page: params.page, pageSize: params.pageSize };
  const q = params.q.trim();
  const where: Prisma.ProvisioningJobWhereInput = { holdId: id.data, ...(q ? { subjectLabel: containsText(q) } : {}) };
  const [total, jobs] = await Promise.all([
    db.provisioningJob.count({ where }),
    db.provisioningJob.findMany({
      where,
      orderBy: orderBy(params.sort, params.dir),
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
      select: { id: true, subjectId: true, subjectLabel: true, operation: true, status: true },
    }),
  ]);
  const users = await db.user.findMany({ where: { id: { in: jobs.map((j) => j.subjectId) } }, select: { id: true, displayName: true } });
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return {
    rows: jobs.map((j) => ({ ...j, displayName: names.get(j.subjectId) ?? null })),
    total,
    page: params.page,
    pageSize: params.pageSize,
  };
}
