import "server-only";
import { writeAuditMany } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { afterCommit } from "@/lib/provisioning/wake";
import { userIdsSchema } from "@/lib/schemas/user";
import { auditSnapshot } from "./user-shape";

/**
 * Deletes users, one or many, with their group memberships; their reports lose their manager.
 * Every id must name an existing user, or nothing changes.
 */
export async function deleteUsers(userIds: string[]): Promise<{ deleted: number }> {
  const actor = await requirePermission("users:write");
  const parsed = userIdsSchema.safeParse(userIds);
  if (!parsed.success) throw new NotFoundError();
  const ids = [...new Set(parsed.data)];
  return afterCommit(db.$transaction(async (tx) => {
    const users = await tx.user.findMany({
      where: { id: { in: ids } },
      include: { memberships: { select: { group: { select: { id: true, name: true } } } } },
    });
    if (users.length !== ids.length) throw new NotFoundError();
    // Planned while the rows and account links still exist; the jobs keep the userName to find the accounts by.
    await enqueueForUsers(tx, ids, actor.email, { deleting: true });
    const reports = await tx.user.findMany({ where: { managerId: { in: ids }, id: { notIn: ids } }, select: { id: true } });
    // Explicit rather than left to ON DELETE, so both databases behave the same whatever their FK settings.
    await tx.groupMember.deleteMany({ where: { userId: { in: ids } } });
    await tx.user.updateMany({ where: { managerId: { in: ids }, id: { notIn: ids } }, data: { managerId: null } });
    await tx.user.updateMany({ where: { id: { in: ids } }, data: { managerId: null } });
    const { count } = await tx.user.deleteMany({ where: { id: { in: ids } } });
    await writeAuditMany(
      tx,
      actor,
      users.map((u) => ({
        action: "user.delete",
        targetType: "user",
        targetId: u.id,
        targetLabel: u.userName,
        before: { ...auditSnapshot(u), groups: u.memberships.map((m) => m.group) },
      })),
    );
    await enqueueForUsers(tx, reports.map((r) => r.id), actor.email);
    return { deleted: count };
  }));
}
