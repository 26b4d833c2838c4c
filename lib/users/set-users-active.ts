import "server-only";
import { writeAuditMany } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { enqueueForUsers } from "@/lib/provisioning/enqueue";
import { afterCommit } from "@/lib/provisioning/wake";
import { userIdsSchema } from "@/lib/schemas/user";

/**
 * Deactivates (active=false) or reactivates users, one or many. Every id must name an existing
 * user, or nothing changes. Users already in that state are left alone and not audited.
 */
export async function setUsersActive(userIds: string[], active: boolean): Promise<{ changed: number }> {
  const actor = await requirePermission("users:write");
  const parsed = userIdsSchema.safeParse(userIds);
  if (!parsed.success) throw new NotFoundError();
  const ids = [...new Set(parsed.data)];
  return afterCommit(db.$transaction(async (tx) => {
    const users = await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, userName: true, active: true } });
    if (users.length !== ids.length) throw new NotFoundError();
    const toChange = users.filter((u) => u.active !== active);
    if (toChange.length === 0) return { changed: 0 };
    await tx.user.updateMany({ where: { id: { in: toChange.map((u) => u.id) } }, data: { active } });
    await writeAuditMany(
      tx,
      actor,
      toChange.map((u) => ({
        action: active ? "user.reactivate" : "user.deactivate",
        targetType: "user",
        targetId: u.id,
        targetLabel: u.userName,
        before: { active: !active },
        after: { active },
      })),
    );
    await enqueueForUsers(tx, toChange.map((u) => u.id), actor.email);
    return { changed: toChange.length };
  }));
}
