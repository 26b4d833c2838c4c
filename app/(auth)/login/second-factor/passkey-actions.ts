"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/types";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action-result";
import { passkeySecondFactorOptions, secondFactorWithPasskey } from "@/lib/operator-factors/passkeys-sign-in";
import { signInMessage } from "@/lib/sign-in/password-sign-in";
import { safeNextPath } from "@/lib/sign-in/next-path";

/** "Use a passkey", step 1: options listing the signing-in operator's passkeys. */
export async function passkeySecondFactorOptionsAction(): Promise<ActionResult<PublicKeyCredentialRequestOptionsJSON>> {
  const result = await runAction(() => passkeySecondFactorOptions());
  if (!result.ok) return result;
  return result.data ? { ok: true, data: result.data } : { ok: false, message: signInMessage("expired") };
}

/** Step 2: the authenticator's answer finishes the sign-in, then on to `next`. */
export async function passkeySecondFactorAction(response: unknown, next?: string): Promise<ActionResult> {
  const step = await secondFactorWithPasskey(response);
  if (!step.ok) return { ok: false, message: step.message };
  redirect(safeNextPath(next));
}
