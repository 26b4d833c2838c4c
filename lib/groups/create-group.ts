import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { groupInputSchema, groupNameKey, type GroupInputRaw } from "@/lib/schemas/group";
import { rethrowNameConflict } from "./shared";
import type { GroupSummary } from "./types";

/** Creates a group (name unique case-insensitively) and its `group.create` audit row. */
export async function createGroup(input: GroupInputRaw): Promise<GroupSummary> {
  const actor = await requirePermission("groups:write");
  const data = groupInputSchema.parse(input);
  try {
    return await db.$transaction(async (tx) => {
      const group = await tx.group.create({
        data: { name: data.name, nameKey: groupNameKey(data.name), description: data.description },
      });
      await writeAudit(tx, actor, {
        action: "group.create",
        targetType: "group",
        targetId: group.id,
        targetLabel: group.name,
        after: { name: group.name, description: group.description },
      });
      return { id: group.id, name: group.name, description: group.description, memberCount: 0, createdAt: group.createdAt, updatedAt: group.updatedAt };
    });
  } catch (error) {
    rethrowNameConflict(error);
  }
}
