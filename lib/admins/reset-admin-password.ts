import "server-only";
import { requirePermission } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { hashPassword } from "@/lib/passwords";
import { adminPasswordResetSchema, type AdminPasswordResetInputRaw } from "@/lib/schemas/admin";
import { idField } from "@/lib/schemas/common";
import { choosePassword } from "./create-admin";

/**
 * Sets a new password for an operator and ends their open sessions. Returns the generated
 * password when one was asked for, to show once.
 */
export async function resetAdminPassword(adminId: string, raw: AdminPasswordResetInputRaw): Promise<{ generatedPassword?: string }> {
  const actor = await requirePermission("admins:write");
  const id = idField.parse(adminId);
  const input = adminPasswordResetSchema.parse(raw);
  const { password, generated } = choosePassword(input);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const current = await tx.admin.findUnique({ where: { id }, select: { email: true } });
    if (!current) throw new NotFoundError("That operator no longer exists. Reload the page.");
    await tx.admin.update({ where: { id }, data: { passwordHash, sessionVersion: { increment: 1 } } });
    // The audit row says that it happened and how, never the password or its hash.
    await writeAudit(tx, actor, {
      action: "admin.password.reset",
      targetType: "admin",
      targetId: id,
      targetLabel: current.email,
      after: { passwordSource: generated ? "generated" : "typed", sessionsEnded: true },
    });
  });
  return { generatedPassword: generated ? password : undefined };
}
