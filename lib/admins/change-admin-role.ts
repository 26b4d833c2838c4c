import "server-only";
import { requirePermission } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { adminRoleSchema } from "@/lib/schemas/admin";
import { assertAnotherActiveAdmin, lockActiveAdmins } from "./last-admin";
import { ADMIN_ROW_SELECT, toAdminRow, type AdminRow } from "./types";

/**
 * Gives an operator another role and ends their open sessions. Refused when it would demote
 * the last active admin.
 */
export async function changeAdminRole(adminId: string, raw: { role: unknown }): Promise<AdminRow> {
  const actor = await requirePermission("admins:write");
  const id = idField.parse(adminId);
  const { role } = adminRoleSchema.parse(raw);
  const updated = await db.$transaction(async (tx) => {
    await lockActiveAdmins(tx);
    const current = await tx.admin.findUnique({ where: { id }, select: ADMIN_ROW_SELECT });
    if (!current) throw new NotFoundError("That operator no longer exists. Reload the page.");
    if (current.role === role) return current;
    if (current.role === "admin" && !current.disabled) await assertAnotherActiveAdmin(tx, id);
    const next = await tx.admin.update({
      where: { id },
      // A new role means new permissions: sessions signed in under the old one end.
      data: { role, sessionVersion: { increment: 1 } },
      select: ADMIN_ROW_SELECT,
    });
    await writeAudit(tx, actor, {
      action: "admin.role.change",
      targetType: "admin",
      targetId: id,
      targetLabel: current.email,
      before: { role: current.role },
      after: { role: next.role },
    });
    return next;
  });
  return toAdminRow(updated);
}
