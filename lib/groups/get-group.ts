import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { idField } from "@/lib/schemas/common";
import type { GroupSummary } from "./types";

/** One group with its member count, or null when the id is malformed or unknown (the page shows 404). */
export async function getGroup(groupId: string): Promise<GroupSummary | null> {
  await requirePermission("groups:read");
  const id = idField.safeParse(groupId);
  if (!id.success) return null;
  const group = await db.group.findUnique({
    where: { id: id.data },
    select: { id: true, name: true, description: true, createdAt: true, updatedAt: true, _count: { select: { members: true } } },
  });
  if (!group) return null;
  const { _count, ...rest } = group;
  return { ...rest, memberCount: _count.members };
}
