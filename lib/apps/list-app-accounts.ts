import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, type Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import type { AppAccountSortKey } from "@/lib/schemas/app";
import { idField } from "@/lib/schemas/common";
import type { AppAccountRow } from "./types";

function orderBy(sort: AppAccountSortKey, dir: "asc" | "desc"): Prisma.AppAccountOrderByWithRelationInput[] {
  switch (sort) {
    case "state":
      return [{ state: dir }, { user: { userNameKey: "asc" } }, { id: "asc" }];
    case "lastSyncAt":
      return [{ lastSyncAt: dir }, { id: dir }];
    default:
      return [{ user: { userNameKey: dir } }, { id: dir }];
  }
}

/** One page of an app's account links; `q` matches the user's name, userName or email. */
export async function listAppAccounts(appId: string, params: ListParams<AppAccountSortKey>): Promise<Page<AppAccountRow>> {
  await requirePermission("apps:read");
  const id = idField.safeParse(appId);
  const empty = { rows: [], total: 0, page: params.page, pageSize: params.pageSize };
  if (!id.success) return empty;
  const q = params.q.trim().toLowerCase();
  const where: Prisma.AppAccountWhereInput = { appId: id.data, ...(q ? { user: { searchText: { contains: q } } } : {}) };
  const [total, rows] = await Promise.all([
    db.appAccount.count({ where }),
    db.appAccount.findMany({
      where,
      orderBy: orderBy(params.sort, params.dir),
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
      include: { user: { select: { userName: true, displayName: true } } },
    }),
  ]);
  return {
    rows: rows.map((a) => ({
      id: a.id,
      userId: a.userId,
      userName: a.user.userName,
      displayName: a.user.displayName,
      remoteId: a.remoteId,
      state: a.state,
      lastSyncAt: a.lastSyncAt?.toISOString() ?? null,
      lastError: a.lastError,
    })),
    total,
    page: params.page,
    pageSize: params.pageSize,
  };
}
