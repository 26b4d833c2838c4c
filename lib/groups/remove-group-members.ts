import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { afterCommit } from "@/lib/provisioning/wake";
import { chunk, existingMemberIds, loadGroup, requireUsers } from "./shared";

/**
 * Removes users from a group; ids that are not members are skipped. Refuses (nothing changed)
 * when the group or any user does not exist. One transaction, one `group.members.remove` audit row.
 */
export async function removeGroupMembers(groupId: string, userIds: string[]): Promise<{ removed: number }> {
  const actor = await requirePermission("groups:write");
  return afterCommit(db.$transaction(
    async (tx) => {
      const group = await loadGroup(tx, groupId);
      const ids = await requireUsers(tx, userIds);
      const existing = await existingMemberIds(tx, group.id, ids);
      const toRemove = ids.filter((id) => existing.has(id));
      if (toRemove.length === 0) return { removed: 0 };
      let removed = 0;
      for (const part of chunk(toRemove)) {
        removed += (await tx.groupMember.deleteMany({ where: { groupId: group.id, userId: { in: part } } })).count;
      }
      await writeAudit(tx, actor, {
        action: "group.members.remove",
        targetType: "group",
        targetId: group.id,
        targetLabel: group.name,
        after: { userIds: toRemove, count: removed },
      });
      await enqueueForUsers(tx, toRemove, actor.email);
      return { removed };
    },
    { timeout: 60_000, maxWait: 10_000 },
  ));
}
