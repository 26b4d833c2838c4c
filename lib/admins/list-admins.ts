import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import type { ListParams, Page } from "@/lib/list-params";
import type { AdminSortKey } from "@/lib/schemas/admin";
import { ADMIN_ROW_SELECT, toAdminRow, type AdminRow } from "./types";

type Stored = Parameters<typeof toAdminRow>[0];

const COMPARE: Record<AdminSortKey, (a: Stored, b: Stored) => number> = {
  name: (a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }),
  email: (a, b) => a.email.localeCompare(b.email, "en"),
  role: (a, b) => a.role.localeCompare(b.role, "en"),
  lastSignInAt: (a, b) => (a.lastSignInAt?.getTime() ?? 0) - (b.lastSignInAt?.getTime() ?? 0),
};

/**
 * One page of console operators, searched by name or email (case-insensitive).
 * Operators are people who run the console, tens rather than thousands, and Admin has no
 * lower-cased search column; so the page is cut here, the same way on SQLite and PostgreSQL.
 */
export async function listAdmins(params: ListParams<AdminSortKey>): Promise<Page<AdminRow>> {
  await requirePermission("admins:read");
  const all = await db.admin.findMany({ select: ADMIN_ROW_SELECT });
  const q = params.q.toLowerCase();
  const matches = q ? all.filter((a) => a.name.toLowerCase().includes(q) || a.email.includes(q)) : all;
  const sign = params.dir === "desc" ? -1 : 1;
  const compare = COMPARE[params.sort];
  matches.sort((a, b) => {
    // Operators who never signed in stay at the end whichever way the column is sorted.
    if (params.sort === "lastSignInAt" && (a.lastSignInAt === null) !== (b.lastSignInAt === null)) return a.lastSignInAt === null ? 1 : -1;
    return sign * compare(a, b) || a.email.localeCompare(b.email, "en");
  });
  const start = (params.page - 1) * params.pageSize;
  return {
    rows: matches.slice(start, start + params.pageSize).map(toAdminRow),
    total: matches.length,
    page: params.page,
    pageSize: params.pageSize,
  };
}
