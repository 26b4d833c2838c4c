import "server-only";
import { requirePermission } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { assertStrongPassword, hashPassword } from "@/lib/passwords";
import { adminPasswordResetSchema, type AdminPasswordResetInputRaw } from "@/lib/schemas/admin";
import { idField } from "@/lib/schemas/common";
import { clearThrottle } from "@/lib/sign-in/throttle";
import { choosePassword } from "./create-admin";

/**
 * Sets a new password for an operator, ends their open sessions and forgets the failed sign-ins
 * counted against their account. A typed password must be strong (assertStrongPassword). Returns the
 * generated password when one was asked for, to show once.
 */
export async function resetAdminPassword(adminId: string, raw: AdminPasswordResetInputRaw): Promise<{ generatedPassword?: string }> {
  const actor = await requirePermission("admins:write");
  const id = idField.parse(adminId);
  const input = adminPasswordResetSchema.parse(raw);
  const operator = await db.admin.findUnique({ where: { id }, select: { email: true, name: true } });
  if (!operator) throw gone();
  const { password, generated } = choosePassword(input);
  if (!generated) assertStrongPassword(password, operator);
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const current = await tx.admin.findUnique({ where: { id }, select: { email: true } });
    if (!current) throw gone();
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
  // Whoever was locked out by failed attempts can sign in with the new password straight away.
  await clearThrottle([{ kind: "account", id: operator.email }]);
  return { generatedPassword: generated ? password : undefined };
}

function gone(): NotFoundError {
  return new NotFoundError("That operator no longer exists. Reload the page.");
}
