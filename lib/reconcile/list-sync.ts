import "server-only";
import { requirePermission } from "@/lib/authz";
import { containsText, db, type Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import { idField } from "@/lib/schemas/common";
import type { ConflictSortKey } from "@/lib/schemas/reconcile";
import { EMPTY_SUMMARY, type ConflictRow, type RunRow, type RunSummary } from "./types";

function parseSummary(text: string): RunSummary {
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const out: RunSummary = { ...EMPTY_SUMMARY };
    for (const key of Object.keys(out) as (keyof RunSummary)[]) if (typeof raw[key] === "number") out[key] = raw[key];
    return out;
  } catch {
    return { ...EMPTY_SUMMARY };
  }
}

/** The app's latest reconciliation runs, newest first. */
export async function listRuns(appId: string, limit = 10): Promise<RunRow[]> {
  await requirePermission("apps:read");
  const id = idField.safeParse(appId);
  if (!id.success) return [];
  const runs = await db.reconciliationRun.findMany({ where: { appId: id.data }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit });
  return runs.map((r) => ({
    id: r.id,
    triggeredBy: r.triggeredBy,
    status: r.status,
    total: r.total,
    processed: r.processed,
    summary: parseSummary(r.summary),
    error: r.error,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}

function orderBy(sort: ConflictSortKey, dir: "asc" | "desc"): Prisma.SyncConflictOrderByWithRelationInput[] {
  if (sort === "userLabel") return [{ userLabel: dir }, { id: dir }];
  if (sort === "status") return [{ status: dir }, { createdAt: "desc" }, { id: "desc" }];
  return [{ createdAt: dir }, { id: dir }];
}

/** Parses a conflict's stored candidates; anything malformed counts as none. */
export function parseCandidates(text: string): ConflictRow["candidates"] {
  try {
    const raw = JSON.parse(text) as unknown;
    return Array.isArray(raw) ? (raw as ConflictRow["candidates"]).filter((c) => typeof c?.id === "string") : [];
  } catch {
    return [];
  }
}

/** One page of the app's sync conflicts (open ones unless `all`); `q` matches the user. */
export async function listConflicts(appId: string, params: ListParams<ConflictSortKey>, options: { all?: boolean } = {}): Promise<Page<ConflictRow>> {
  await requirePermission("apps:read");
  const id = idField.safeParse(appId);
  if (!id.success) return { rows: [], total: 0, page: params.page, pageSize: params.pageSize };
  const q = params.q.trim();
  const where: Prisma.SyncConflictWhereInput = { appId: id.data, ...(options.all ? {} : { status: "open" }), ...(q ? { userLabel: containsText(q) } : {}) };
  const [total, rows] = await Promise.all([
    db.syncConflict.count({ where }),
    db.syncConflict.findMany({ where, orderBy: orderBy(params.sort, params.dir), skip: (params.page - 1) * params.pageSize, take: params.pageSize }),
  ]);
  return {
    rows: rows.map((c) => ({
      id: c.id,
      userId: c.userId,
      userLabel: c.userLabel,
      reason: c.reason,
      candidates: parseCandidates(c.candidates),
      status: c.status,
      resolvedBy: c.resolvedBy,
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
    })),
    total,
    page: params.page,
    pageSize: params.pageSize,
  };
}
