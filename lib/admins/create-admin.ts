import "server-only";
import { requirePermission } from "@/lib/authz";
import { writeAudit } from "@/lib/audit";
import { db, uniqueViolation } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { assertStrongPassword, generatePassword, hashPassword } from "@/lib/passwords";
import { adminCreateSchema, EMAIL_TAKEN, type AdminCreateInputRaw } from "@/lib/schemas/admin";
import { ADMIN_ROW_SELECT, auditSnapshot, toAdminRow, type AdminRow } from "./types";

/** The password to set: the typed one, or a fresh generated one that the caller shows once. */
export function choosePassword(input: { passwordMode: "generate" | "type"; password?: string }): { password: string; generated: boolean } {
  if (input.passwordMode === "type" && input.password) return { password: input.password, generated: false };
  return { password: generatePassword(), generated: true };
}

function emailTaken(): DomainError {
  return new DomainError(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
}

/**
 * Adds a console operator. Returns the generated password when one was asked for: it is shown
 * once and stored only as its argon2id hash.
 */
export async function createAdmin(raw: AdminCreateInputRaw): Promise<{ admin: AdminRow; generatedPassword?: string }> {
  const actor = await requirePermission("admins:write");
  const input = adminCreateSchema.parse(raw);
  // Checked before hashing, which takes a noticeable moment; the unique index still decides races.
  if (await db.admin.findUnique({ where: { email: input.email }, select: { id: true } })) throw emailTaken();
  const { password, generated } = choosePassword(input);
  if (!generated) assertStrongPassword(password, { email: input.email, name: input.name });
  const passwordHash = await hashPassword(password);
  try {
    const admin = await db.$transaction(async (tx) => {
      const created = await tx.admin.create({
        data: { name: input.name, email: input.email, role: input.role, slackUserId: input.slackUserId ?? null, passwordHash },
        select: ADMIN_ROW_SELECT,
      });
      await writeAudit(tx, actor, {
        action: "admin.create",
        targetType: "admin",
        targetId: created.id,
        targetLabel: created.email,
        after: auditSnapshot(created),
      });
      return created;
    });
    return { admin: toAdminRow(admin), generatedPassword: generated ? password : undefined };
  } catch (error) {
    if (uniqueViolation(error)) throw emailTaken();
    throw error;
  }
}
