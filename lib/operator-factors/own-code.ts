import "server-only";
import type { Actor } from "@/lib/authz";
import { DomainError } from "@/lib/errors";
import { signInMessage } from "@/lib/sign-in/password-sign-in";
import { clearThrottle, takeSlot } from "@/lib/sign-in/throttle";
import { acceptRecoveryCode, acceptTotpCode } from "./verify-factor";

export const WRONG_CODE = "That code is not right, or it was already used. Enter the current code from your authenticator app.";

/**
 * Checks a code a signed-in operator typed to change their own factors (regenerate recovery codes,
 * turn the app off). Each try takes a slot under the account's throttle key, like a sign-in attempt,
 * so a borrowed session cannot guess codes quickly; a right code clears the count. A TOTP code is
 * taken once (replays fail); a recovery code, when allowed, is used up.
 */
export async function checkOwnCode(actor: Actor, code: string, options: { recoveryCode: boolean }): Promise<boolean> {
  const key = { kind: "account" as const, id: actor.email };
  const slot = await takeSlot([key]);
  if (!slot.ok) {
    const message = signInMessage("throttled", slot.retryAfterSeconds);
    throw new DomainError(message, { code: [message] });
  }
  const isTotp = /^\d{6}$/.test(code.replace(/\s+/g, ""));
  const accepted = isTotp ? await acceptTotpCode(actor.id, code) : options.recoveryCode && (await acceptRecoveryCode(actor.id, code));
  if (accepted) await clearThrottle([key]);
  return accepted;
}
