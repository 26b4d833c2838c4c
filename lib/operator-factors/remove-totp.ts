import "server-only";
import { writeAudit } from "@/lib/audit";
import { requireOwnSession } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { ownCodeSchema } from "@/lib/schemas/operator-factors";
import { readSecondFactorRequirement, secondFactorRequired } from "@/lib/sign-in/second-factor-policy";
import { lockOperatorFactors } from "./lock-factors";
import { checkOwnCode } from "./own-code";

export const TOTP_NOT_ON = "Your authenticator app is not set up.";
export const LAST_REQUIRED_FACTOR =
  "Your role must use a second factor, and the authenticator app is your only one. Add a passkey first, then turn the app off.";
export const WRONG_OWN_CODE = "That code is not right, or it was already used. Enter the current code from your authenticator app, or an unused recovery code.";

/** The Your account page's view of the operator's authenticator app and recovery codes. */
export type OwnTotpStatus = {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  passkeys: number;
  /** The second-factor requirement covers this operator. */
  required: boolean;
};

/** The signed-in operator's authenticator app, recovery codes left, and whether a factor is required of them. */
export async function ownTotpStatus(): Promise<OwnTotpStatus> {
  const { actor } = await requireOwnSession();
  const [admin, recoveryCodesLeft, passkeys, requirement] = await Promise.all([
    db.admin.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } }),
    db.recoveryCode.count({ where: { adminId: actor.id, usedAt: null } }),
    db.passkey.count({ where: { adminId: actor.id } }),
    readSecondFactorRequirement(),
  ]);
  return {
    enabled: Boolean(admin?.totpEnabledAt),
    enabledAt: admin?.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft,
    passkeys,
    required: secondFactorRequired(actor.role, requirement),
  };
}

/**
 * Turns the signed-in operator's authenticator app off, proven with a current code or a recovery
 * code; their recovery codes go with it. Refused while the requirement covers them and the app is
 * their last factor (passkeys count). Audited.
 */
export async function removeTotp(input: unknown): Promise<{ recoveryCodesRemoved: number }> {
  const { actor } = await requireOwnSession();
  const { code } = ownCodeSchema.parse(input);
  const admin = await db.admin.findUnique({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  if (!admin?.totpEnabledAt) throw new DomainError(TOTP_NOT_ON);
  const required = secondFactorRequired(actor.role, await readSecondFactorRequirement());
  // Checked before the code, so a refused removal does not use up a recovery code.
  if (required && (await db.passkey.count({ where: { adminId: actor.id } })) === 0) throw new DomainError(LAST_REQUIRED_FACTOR);
  if (!(await checkOwnCode(actor, code, { recoveryCode: true }))) throw new DomainError(WRONG_OWN_CODE, { code: [WRONG_OWN_CODE] });
  return db.$transaction(async (tx) => {
    // Again inside the transaction, with the operator's factors locked: a passkey removed meanwhile
    // must not leave the operator with nothing.
    await lockOperatorFactors(tx, actor.id);
    if (required && (await tx.passkey.count({ where: { adminId: actor.id } })) === 0) throw new DomainError(LAST_REQUIRED_FACTOR);
    await tx.admin.update({ where: { id: actor.id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    const recoveryCodesRemoved = (await tx.recoveryCode.deleteMany({ where: { adminId: actor.id } })).count;
    await writeAudit(tx, actor, {
      action: "operator.totp.removed",
      targetType: "admin",
      targetId: actor.id,
      targetLabel: actor.email,
      after: { recoveryCodesRemoved },
    });
    return { recoveryCodesRemoved };
  });
}
