import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, type Prisma } from "@/lib/db";
import { choiceLabel, type UserChoice } from "./user-shape";

/** Up to `limit` users matching `q` (userName, email, names), for pickers such as the manager select. */
export async function searchUserChoices(q: string, options: { excludeId?: string; limit?: number } = {}): Promise<UserChoice[]> {
  await requirePermission("users:read");
  const text = q.trim().toLowerCase().slice(0, 200);
  const where: Prisma.UserWhereInput = {};
  if (text) where.searchText = { contains: text };
  if (options.excludeId) where.NOT = { id: options.excludeId };
  const users = await db.user.findMany({
    where,
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    take: Math.min(Math.max(options.limit ?? 20, 1), 50),
    select: { id: true, userName: true, displayName: true },
  });
  return users.map((u) => ({ id: u.id, label: choiceLabel(u) }));
}
