import "server-only";
import { writeAudit } from "@/lib/audit";
import { requireOwnSession } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { passkeyRenameSchema } from "@/lib/schemas/passkeys";
import { readSecondFactorRequirement, secondFactorRequired } from "@/lib/sign-in/second-factor-policy";
import { lockOperatorFactors } from "./lock-factors";
import { toPasskeyRow, type PasskeyRow } from "./passkeys-credentials";

const PASSKEY_NOT_FOUND = "That passkey is not one of yours, or it was already removed. Reload the page.";

/** The signed-in operator's own passkeys, oldest first. */
export async function listOwnPasskeys(): Promise<PasskeyRow[]> {
  const { actor } = await requireOwnSession();
  const rows = await db.passkey.findMany({ where: { adminId: actor.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  return rows.map(toPasskeyRow);
}

/** Renames one of the operator's own passkeys (audited); another operator's is "not found". */
export async function renamePasskey(passkeyId: string, input: unknown): Promise<PasskeyRow> {
  const { actor } = await requireOwnSession();
  const { name } = passkeyRenameSchema.parse(input);
  return db.$transaction(async (tx) => {
    const before = await tx.passkey.findFirst({ where: { id: passkeyId, adminId: actor.id } });
    if (!before) throw new NotFoundError(PASSKEY_NOT_FOUND);
    const row = await tx.passkey.update({ where: { id: before.id }, data: { name } });
    await writeAudit(tx, actor, {
      action: "operator.passkey.renamed",
      targetType: "passkey",
      targetId: row.id,
      targetLabel: `${row.name} (${actor.email})`,
      before: { name: before.name },
      after: { name: row.name },
    });
    return toPasskeyRow(row);
  });
}

/**
 * Removes one of the operator's own passkeys (audited). Refused when it is their last second factor
 * and the second-factor requirement covers them. The operator's row is locked first (PostgreSQL) and
 * the remaining factors counted after the delete, so two removals at once cannot both pass.
 */
export async function removePasskey(passkeyId: string): Promise<PasskeyRow> {
  const { actor } = await requireOwnSession();
  const required = secondFactorRequired(actor.role, await readSecondFactorRequirement());
  return db.$transaction(async (tx) => {
    await lockOperatorFactors(tx, actor.id);
    const row = await tx.passkey.findFirst({ where: { id: passkeyId, adminId: actor.id } });
    if (!row) throw new NotFoundError(PASSKEY_NOT_FOUND);
    await tx.passkey.delete({ where: { id: row.id } });
    if (required) {
      const [admin, passkeysLeft] = await Promise.all([
        tx.admin.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } }),
        tx.passkey.count({ where: { adminId: actor.id } }),
      ]);
      if (!admin?.totpEnabledAt && passkeysLeft === 0) {
        throw new DomainError(
          `“${row.name}” is your only second factor, and your role must use one. Add another passkey or set up an authenticator app first, then remove it.`,
        );
      }
    }
    await writeAudit(tx, actor, {
      action: "operator.passkey.removed",
      targetType: "passkey",
      targetId: row.id,
      targetLabel: `${row.name} (${actor.email})`,
      before: { name: row.name, kind: toPasskeyRow(row).kind },
    });
    return toPasskeyRow(row);
  });
}
