import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, type Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import type { GroupSortKey } from "@/lib/schemas/group";
import type { GroupSummary } from "./types";

function orderBy(sort: GroupSortKey, dir: "asc" | "desc"): Prisma.GroupOrderByWithRelationInput[] {
  switch (sort) {
    case "createdAt":
      return [{ createdAt: dir }, { id: dir }];
    case "memberCount":
      // A relation-count order: one grouped subquery over GroupMember, fine at directory scale.
      return [{ members: { _count: dir } }, { nameKey: "asc" }, { id: "asc" }];
    default:
      return [{ nameKey: dir }, { id: dir }];
  }
}

/** One page of groups with member counts; `q` matches the name case-insensitively. */
export async function listGroups(params: ListParams<GroupSortKey>): Promise<Page<GroupSummary>> {
  await requirePermission("groups:read");
  const q = params.q.trim().toLowerCase();
  const where: Prisma.GroupWhereInput = q ? { nameKey: { contains: q } } : {};
  const [total, rows] = await Promise.all([
    db.group.count({ where }),
    db.group.findMany({
      where,
      orderBy: orderBy(params.sort, params.dir),
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
      select: { id: true, name: true, description: true, createdAt: true, updatedAt: true, _count: { select: { members: true } } },
    }),
  ]);
  return {
    rows: rows.map(({ _count, ...g }) => ({ ...g, memberCount: _count.members })),
    total,
    page: params.page,
    pageSize: params.pageSize,
  };
}
