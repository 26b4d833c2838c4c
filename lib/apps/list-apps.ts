import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, type Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import type { AppSortKey } from "@/lib/schemas/app";
import { toAppDetail } from "./shared";
import type { AppSummary } from "./types";

function orderBy(sort: AppSortKey, dir: "asc" | "desc"): Prisma.AppOrderByWithRelationInput[] {
  switch (sort) {
    case "kind":
      return [{ kind: dir }, { nameKey: "asc" }, { id: "asc" }];
    case "health":
      return [{ health: dir }, { nameKey: "asc" }, { id: "asc" }];
    case "createdAt":
      return [{ createdAt: dir }, { id: dir }];
    default:
      return [{ nameKey: dir }, { id: dir }];
  }
}

/** One page of apps with their account counts; `q` matches the name case-insensitively. */
export async function listApps(params: ListParams<AppSortKey>): Promise<Page<AppSummary>> {
  await requirePermission("apps:read");
  const q = params.q.trim().toLowerCase();
  const where: Prisma.AppWhereInput = q ? { nameKey: { contains: q } } : {};
  const [total, rows] = await Promise.all([
    db.app.count({ where }),
    db.app.findMany({
      where,
      orderBy: orderBy(params.sort, params.dir),
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
      include: { _count: { select: { accounts: true } } },
    }),
  ]);
  return {
    rows: rows.map(({ _count, ...app }) => {
      const d = toAppDetail(app, _count.accounts);
      return { id: d.id, name: d.name, kind: d.kind, health: d.health, accountCount: d.accountCount, verifiedAt: d.verifiedAt, createdAt: d.createdAt };
    }),
    total,
    page: params.page,
    pageSize: params.pageSize,
  };
}
