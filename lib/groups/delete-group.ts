import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { enqueueGroupDeletion } from "@/lib/provisioning/enqueue-groups";
import { afterCommit } from "@/lib/provisioning/wake";
import { loadGroup } from "./shared";

/**
 * Deletes a group and its memberships (the users stay in the directory); writes `group.delete`
 * with the group as it was and how many members it had.
 */
export async function deleteGroup(groupId: string): Promise<{ name: string; memberCount: number }> {
  const actor = await requirePermission("groups:write");
  return afterCommit(db.$transaction(async (tx) => {
    const group = await loadGroup(tx, groupId);
    const memberIds = (await tx.groupMember.findMany({ where: { groupId: group.id }, select: { userId: true } })).map((m) => m.userId);
    const memberCount = memberIds.length;
    // Before the rows go: the group's AppGroup links (remote names) are deleted with it.
    await enqueueGroupDeletion(tx, group.id, actor.email);
    // Explicit rather than trusting the cascade: it does not depend on the SQLite foreign_keys pragma.
    await tx.groupMember.deleteMany({ where: { groupId: group.id } });
    // Explicit for the same reason: the group's policies must stop granting before the plan is made.
    await tx.policyGroup.deleteMany({ where: { groupId: group.id } });
    await tx.group.delete({ where: { id: group.id } });
    await enqueueForUsers(tx, memberIds, actor.email);
    await writeAudit(tx, actor, {
      action: "group.delete",
      targetType: "group",
      targetId: group.id,
      targetLabel: group.name,
      before: { name: group.name, description: group.description, memberCount },
    });
    return { name: group.name, memberCount };
  }));
}
