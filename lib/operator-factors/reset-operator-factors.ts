import "server-only";
import { writeAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";

export const CANNOT_RESET_SELF = "You cannot reset your own second factor here. Change it on Your account, or ask another admin.";
const GONE = "That operator no longer exists. Reload the page.";

/** An operator's second factors, as the reset confirmation names them. */
export type FactorSummary = { email: string; totp: boolean; passkeys: number; recoveryCodes: number };

/** What resetting would remove from an operator (admins only), for the confirmation. */
export async function factorSummaryOf(adminId: string): Promise<FactorSummary> {
  await requirePermission("admins:write");
  const id = idField.parse(adminId);
  const admin = await db.admin.findUnique({ where: { id }, select: { email: true, totpEnabledAt: true } });
  if (!admin) throw new NotFoundError(GONE);
  const [passkeys, recoveryCodes] = await Promise.all([
    db.passkey.count({ where: { adminId: id } }),
    db.recoveryCode.count({ where: { adminId: id, usedAt: null } }),
  ]);
  return { email: admin.email, totp: Boolean(admin.totpEnabledAt), passkeys, recoveryCodes };
}

/** What a reset removed. */
export type FactorReset = { totp: boolean; passkeys: number; recoveryCodes: number; sessionsEnded: number };

/**
 * Removes another operator's authenticator app, recovery codes and passkeys and ends their sessions
 * (admins only; not yourself): for someone who lost their factor. At their next sign-in they set up
 * a new one. Audited with the counts.
 */
export async function resetOperatorFactors(adminId: string): Promise<FactorReset> {
  const actor = await requirePermission("admins:write");
  const id = idField.parse(adminId);
  if (id === actor.id) throw new DomainError(CANNOT_RESET_SELF);
  return db.$transaction(async (tx) => {
    const target = await tx.admin.findUnique({ where: { id }, select: { email: true, totpEnabledAt: true } });
    if (!target) throw new NotFoundError(GONE);
    await tx.admin.update({ where: { id }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
    const recoveryCodes = (await tx.recoveryCode.deleteMany({ where: { adminId: id } })).count;
    const passkeys = (await tx.passkey.deleteMany({ where: { adminId: id } })).count;
    await tx.authChallenge.deleteMany({ where: { adminId: id } });
    // The sessions end in the same transaction as the factors, so no session signed in with an old
    // factor outlives the reset (session-store's deleteSessionsOf takes no transaction).
    const sessionsEnded = (await tx.operatorSession.deleteMany({ where: { adminId: id } })).count;
    const result = { totp: Boolean(target.totpEnabledAt), passkeys, recoveryCodes, sessionsEnded };
    await writeAudit(tx, actor, { action: "admin.factors.reset", targetType: "admin", targetId: id, targetLabel: target.email, after: result });
    return result;
  });
}
