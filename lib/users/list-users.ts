import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, type Prisma } from "@/lib/db";
import type { Page } from "@/lib/list-params";
import { idField } from "@/lib/schemas/common";
import { USER_SORT_KEYS, USER_STATUS_FILTERS, type UserSortKey } from "@/lib/schemas/user";
import { toUserRow, type UserRow } from "./user-shape";

export type UserStatusFilter = (typeof USER_STATUS_FILTERS)[number];

export type ListUsersParams = {
  q?: string;
  sort?: UserSortKey;
  dir?: "asc" | "desc";
  page?: number;
  pageSize?: number;
  status?: string;
  groupId?: string;
};

type Order = Prisma.UserOrderByWithRelationInput;

// Each sort maps onto an indexed column (userName sorts by its unique lower-case key). Columns
// that can repeat get the id as a tie-breaker, so paging is stable; unique ones need none, which
// lets the database walk the index.
function orderBy(sort: UserSortKey, dir: "asc" | "desc"): Order[] {
  switch (sort) {
    case "userName":
      return [{ userNameKey: dir }];
    case "email":
      return [{ email: dir }];
    case "displayName":
      return [{ displayName: dir }, { id: dir }];
    case "lastName":
      return [{ lastName: dir }, { firstName: dir }, { id: dir }];
    case "department":
      return [{ department: dir }, { id: dir }];
    case "createdAt":
      return [{ createdAt: dir }, { id: dir }];
  }
}

/** True when the value is a known status filter. */
export function isUserStatusFilter(value: unknown): value is UserStatusFilter {
  return typeof value === "string" && (USER_STATUS_FILTERS as readonly string[]).includes(value);
}

/**
 * One page of the users list: search (userName, email, names), status and group filters, sort.
 * Runs a count and a page query only, so it stays fast with 100,000 users.
 */
export async function listUsers(params: ListUsersParams = {}): Promise<Page<UserRow>> {
  await requirePermission("users:read");
  const sort = params.sort && (USER_SORT_KEYS as readonly string[]).includes(params.sort) ? params.sort : "userName";
  const dir = params.dir === "desc" ? "desc" : "asc";
  const pageSize = Math.min(Math.max(Math.trunc(params.pageSize ?? 25), 1), 100);
  const q = (params.q ?? "").trim().toLowerCase();
  const status = isUserStatusFilter(params.status) ? params.status : "all";
  const group = params.groupId ? idField.safeParse(params.groupId) : undefined;

  const where: Prisma.UserWhereInput = {};
  if (q) where.searchText = { contains: q };
  if (status !== "all") where.active = status === "active";
  if (group) where.memberships = group.success ? { some: { groupId: group.data } } : { some: { groupId: "" } };

  const total = await db.user.count({ where });
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  // A page past the end (rows deleted since the link was made) shows the last page instead.
  const page = Math.min(Math.max(Math.trunc(params.page ?? 1), 1), lastPage);
  const rows = await db.user.findMany({
    where,
    orderBy: orderBy(sort, dir),
    skip: (page - 1) * pageSize,
    take: pageSize,
    select: { id: true, userName: true, displayName: true, email: true, department: true, active: true, createdAt: true },
  });
  return { rows: rows.map(toUserRow), total, page, pageSize };
}
