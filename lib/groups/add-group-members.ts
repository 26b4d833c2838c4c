import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { wakeWorker } from "@/lib/provisioning/wake";
import { chunk, existingMemberIds, isRace, loadGroup, requireUsers } from "./shared";

/**
 * Adds users to a group; ids already members are skipped. Refuses (nothing changed) when the
 * group or any user does not exist. One transaction, one `group.members.add` audit row.
 */
export async function addGroupMembers(groupId: string, userIds: string[]): Promise<{ added: number }> {
  const actor = await requirePermission("groups:write");
  const attempt = () =>
    db.$transaction(
      async (tx) => {
        const group = await loadGroup(tx, groupId);
        const ids = await requireUsers(tx, userIds);
        const existing = await existingMemberIds(tx, group.id, ids);
        const toAdd = ids.filter((id) => !existing.has(id));
        if (toAdd.length === 0) return { added: 0 };
        for (const part of chunk(toAdd)) {
          await tx.groupMember.createMany({ data: part.map((userId) => ({ groupId: group.id, userId })) });
        }
        await writeAudit(tx, actor, {
          action: "group.members.add",
          targetType: "group",
          targetId: group.id,
          targetLabel: group.name,
          after: { userIds: toAdd, count: toAdd.length },
        });
        await enqueueForUsers(tx, toAdd, actor.email);
        return { added: toAdd.length };
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  let result: { added: number };
  try {
    result = await attempt();
  } catch (error) {
    // A concurrent add inserted one of the same memberships first: run again; it is skipped now.
    if (!isRace(error)) throw error;
    result = await attempt();
  }
  wakeWorker();
  return result;
}
