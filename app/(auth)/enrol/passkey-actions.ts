"use server";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/types";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action-result";
import { passkeyRegistrationOptions, registerPasskey } from "@/lib/operator-factors/passkeys-registration";
import { safeNextPath } from "@/lib/sign-in/next-path";

/** Enrolment with a passkey, step 1: options for the operator whose sign-in waits for a second factor. */
export async function enrolPasskeyOptionsAction(): Promise<ActionResult<PublicKeyCredentialCreationOptionsJSON>> {
  return runAction(() => passkeyRegistrationOptions());
}

/** Step 2: stores the passkey, which finishes the sign-in; then on to `next`. */
export async function enrolPasskeyAction(name: string, response: unknown, next?: string): Promise<ActionResult> {
  const result = await runAction(() => registerPasskey({ name, response }), { values: { name } });
  if (!result.ok) return result;
  redirect(result.data.finishedSignIn ? safeNextPath(next) : "/account");
}
