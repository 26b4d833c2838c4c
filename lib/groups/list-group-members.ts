import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, type Prisma } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import type { GroupMemberSortKey } from "@/lib/schemas/group";
import { loadGroup } from "./shared";
import type { GroupMemberRow } from "./types";

function orderBy(sort: GroupMemberSortKey, dir: "asc" | "desc"): Prisma.GroupMemberOrderByWithRelationInput[] {
  switch (sort) {
    case "displayName":
      return [{ user: { displayName: dir } }, { userId: "asc" }];
    case "addedAt":
      return [{ addedAt: dir }, { userId: "asc" }];
    default:
      return [{ user: { userNameKey: dir } }];
  }
}

/** One page of a group's members; `q` matches user name, email and names case-insensitively. */
export async function listGroupMembers(groupId: string, params: ListParams<GroupMemberSortKey>): Promise<Page<GroupMemberRow>> {
  await requirePermission("groups:read");
  const group = await loadGroup(db, groupId);
  const q = params.q.trim().toLowerCase();
  const where: Prisma.GroupMemberWhereInput = { groupId: group.id, ...(q ? { user: { searchText: { contains: q } } } : {}) };
  const [total, rows] = await Promise.all([
    db.groupMember.count({ where }),
    db.groupMember.findMany({
      where,
      orderBy: orderBy(params.sort, params.dir),
      skip: (params.page - 1) * params.pageSize,
      take: params.pageSize,
      select: { addedAt: true, user: { select: { id: true, userName: true, displayName: true, email: true, active: true } } },
    }),
  ]);
  return {
    rows: rows.map(({ addedAt, user }) => ({
      userId: user.id,
      userName: user.userName,
      displayName: user.displayName,
      email: user.email,
      active: user.active,
      addedAt,
    })),
    total,
    page: params.page,
    pageSize: params.pageSize,
  };
}
