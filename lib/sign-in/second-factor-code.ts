import "server-only";
import { acceptRecoveryCode, acceptTotpCode } from "@/lib/operator-factors/verify-factor";
import { signInMessage } from "./password-sign-in";
import { auditSecondFactorFailure, finishSignIn, secondFactorSlot, sessionInStage, type SignInStep } from "./sign-in-flow";

/**
 * The second step of a password sign-in: a TOTP code (6 digits) or a recovery code. Each try takes a
 * throttle slot like a password; a wrong or replayed code is audited.
 */
export async function signInWithCode(code: string): Promise<SignInStep> {
  const session = await sessionInStage("second-factor");
  if (!session) return { ok: false, message: signInMessage("expired") };
  const slot = await secondFactorSlot(session);
  if (!slot.ok) return { ok: false, message: signInMessage("throttled", slot.retryAfterSeconds) };
  const isTotp = /^\d{6}$/.test(code.replace(/\s+/g, ""));
  const accepted = isTotp ? await acceptTotpCode(session.admin.id, code) : await acceptRecoveryCode(session.admin.id, code);
  if (!accepted) {
    await auditSecondFactorFailure(session, isTotp ? "totp" : "recovery-code");
    return { ok: false, message: signInMessage("code") };
  }
  await finishSignIn(session, isTotp ? "password+totp" : "password+recovery-code");
  return { ok: true, stage: "active" };
}
