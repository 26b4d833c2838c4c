import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueueForGroup } from "@/lib/provisioning/enqueue-groups";
import { wakeWorker } from "@/lib/provisioning/wake";
import { groupInputSchema, groupNameKey, type GroupInputRaw } from "@/lib/schemas/group";
import { loadGroup, rethrowNameConflict } from "./shared";
import type { GroupSummary } from "./types";

/** Renames and/or re-describes a group; writes `group.update` with before/after when something changed. */
export async function updateGroup(groupId: string, input: GroupInputRaw): Promise<GroupSummary> {
  const actor = await requirePermission("groups:write");
  const data = groupInputSchema.parse(input);
  try {
    const result = await db.$transaction(async (tx) => {
      const before = await loadGroup(tx, groupId);
      const memberCount = await tx.groupMember.count({ where: { groupId: before.id } });
      if (before.name === data.name && before.description === data.description) {
        return { id: before.id, name: before.name, description: before.description, memberCount, createdAt: before.createdAt, updatedAt: before.updatedAt };
      }
      const after = await tx.group.update({
        where: { id: before.id },
        data: { name: data.name, nameKey: groupNameKey(data.name), description: data.description },
      });
      await writeAudit(tx, actor, {
        action: "group.update",
        targetType: "group",
        targetId: after.id,
        targetLabel: after.name,
        before: { name: before.name, description: before.description },
        after: { name: after.name, description: after.description },
      });
      // Apps that push this group rename it there (a description-only edit plans nothing).
      await enqueueForGroup(tx, after.id, actor.email);
      return { id: after.id, name: after.name, description: after.description, memberCount, createdAt: after.createdAt, updatedAt: after.updatedAt };
    });
    wakeWorker();
    return result;
  } catch (error) {
    rethrowNameConflict(error);
  }
}
