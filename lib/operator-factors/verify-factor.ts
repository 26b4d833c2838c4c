import "server-only";
import { createHash } from "node:crypto";
import { decryptSecret } from "@/lib/crypto";
import { db } from "@/lib/db";
import { totpStepOf } from "./totp-core";

/**
 * Checks a TOTP code against the operator's confirmed secret. A code is taken once: its time step
 * must be later than the last accepted one, and the check-and-record is one conditional update, so
 * two parallel requests with the same code cannot both pass.
 */
export async function acceptTotpCode(adminId: string, code: string, now = Date.now()): Promise<boolean> {
  const admin = await db.admin.findUnique({ where: { id: adminId }, select: { totpSecret: true, totpEnabledAt: true } });
  if (!admin?.totpSecret || !admin.totpEnabledAt) return false;
  const step = totpStepOf(decryptSecret<string>(admin.totpSecret), code, now);
  if (step === null) return false;
  const taken = await db.admin.updateMany({
    where: { id: adminId, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return taken.count === 1;
}

/** The stored form of a recovery code: SHA-256 of its normalised text (the codes carry 50 random bits). */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(normaliseRecoveryCode(code)).digest("base64url");
}

/** Recovery codes are shown as "xxxxx-xxxxx"; case, spaces and dashes do not matter when typed. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

/** Uses up one of the operator's recovery codes; false when it is wrong or already used. */
export async function acceptRecoveryCode(adminId: string, code: string): Promise<boolean> {
  if (normaliseRecoveryCode(code).length !== 10) return false;
  const used = await db.recoveryCode.updateMany({
    where: { adminId, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: new Date() },
  });
  return used.count === 1;
}
