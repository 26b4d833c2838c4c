import "server-only";
import { randomBytes } from "node:crypto";
import { writeAudit } from "@/lib/audit";
import { requireOwnSession } from "@/lib/authz";
import { db, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { totpCodeSchema } from "@/lib/schemas/operator-factors";
import { checkOwnCode, WRONG_CODE } from "./own-code";
import { hashRecoveryCode } from "./verify-factor";

export const RECOVERY_CODE_COUNT = 10;
// Lower-case letters and digits without 0, 1, i, l and o, so nothing reads as another character.
const ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
// Bytes from 248 up are skipped, so each of the 31 symbols is equally likely.
const UNBIASED_BELOW = 256 - (256 % ALPHABET.length);

/** One recovery code, "xxxxx-xxxxx": 10 random symbols of 31 (about 49.5 bits). */
export function newRecoveryCode(): string {
  let symbols = "";
  while (symbols.length < 10) {
    for (const byte of randomBytes(16)) {
      if (byte < UNBIASED_BELOW && symbols.length < 10) symbols += ALPHABET[byte % ALPHABET.length];
    }
  }
  return `${symbols.slice(0, 5)}-${symbols.slice(5)}`;
}

/**
 * Replaces the operator's recovery codes with 10 new ones inside the caller's transaction; only
 * their hashes are stored. Returns the codes, to show once.
 */
export async function replaceRecoveryCodes(tx: Tx, adminId: string): Promise<{ codes: string[]; replaced: number }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const replaced = (await tx.recoveryCode.deleteMany({ where: { adminId } })).count;
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ adminId, codeHash: hashRecoveryCode(code) })) });
  return { codes, replaced };
}

/** How many of the signed-in operator's recovery codes are still unused. */
export async function countOwnRecoveryCodes(): Promise<number> {
  const { actor } = await requireOwnSession();
  return db.recoveryCode.count({ where: { adminId: actor.id, usedAt: null } });
}

/**
 * New recovery codes for the signed-in operator, proven with a current code from their
 * authenticator app (taken once, like at sign-in); the old codes stop working. Audited.
 */
export async function regenerateRecoveryCodes(input: unknown): Promise<{ codes: string[] }> {
  const { actor } = await requireOwnSession();
  const { code } = totpCodeSchema.parse(input);
  const admin = await db.admin.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  if (!admin?.totpEnabledAt) throw new DomainError("Set up an authenticator app first: recovery codes come with it.");
  if (!(await checkOwnCode(actor, code, { recoveryCode: false }))) throw new DomainError(WRONG_CODE, { code: [WRONG_CODE] });
  return db.$transaction(async (tx) => {
    const { codes, replaced } = await replaceRecoveryCodes(tx, actor.id);
    await writeAudit(tx, actor, {
      action: "operator.recovery-codes.regenerated",
      targetType: "admin",
      targetId: actor.id,
      targetLabel: actor.email,
      after: { codes: codes.length, replaced },
    });
    return { codes };
  });
}
