import "server-only";
import { requirePermission } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";
import { assertAnotherActiveAdmin, lockActiveAdmins } from "./last-admin";
import { ADMIN_ROW_SELECT, toAdminRow, type AdminRow } from "./types";

async function setDisabled(adminId: string, disabled: boolean): Promise<AdminRow> {
  const actor = await requirePermission("admins:write");
  const id = idField.parse(adminId);
  const updated = await db.$transaction(async (tx) => {
    if (disabled) await lockActiveAdmins(tx);
    const current = await tx.admin.findUnique({ where: { id }, select: ADMIN_ROW_SELECT });
    if (!current) throw new NotFoundError("That operator no longer exists. Reload the page.");
    if (current.disabled === disabled) return current;
    if (disabled && current.role === "admin") await assertAnotherActiveAdmin(tx, id);
    const next = await tx.admin.update({
      where: { id },
      // Disabling ends open sessions at once; enabling starts from a clean slate too.
      data: { disabled, sessionVersion: { increment: 1 } },
      select: ADMIN_ROW_SELECT,
    });
    await writeAudit(tx, actor, {
      action: disabled ? "admin.disable" : "admin.enable",
      targetType: "admin",
      targetId: id,
      targetLabel: current.email,
      before: { disabled: current.disabled },
      after: { disabled: next.disabled },
    });
    return next;
  });
  return toAdminRow(updated);
}

/** Disables an operator: they cannot sign in and their open sessions end. Refused for the last active admin. */
export function disableAdmin(adminId: string): Promise<AdminRow> {
  return setDisabled(adminId, true);
}

/** Enables a disabled operator again; they sign in with their existing password. */
export function enableAdmin(adminId: string): Promise<AdminRow> {
  return setDisabled(adminId, false);
}
