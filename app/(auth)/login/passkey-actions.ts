"use server";

import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/types";
import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action-result";
import { passkeySignInOptions, signInWithPasskey } from "@/lib/operator-factors/passkeys-sign-in";
import { safeNextPath } from "@/lib/sign-in/next-path";

/** "Sign in with a passkey", step 1: the options for the browser (the challenge is bound to it by a cookie). */
export async function passkeySignInOptionsAction(): Promise<ActionResult<PublicKeyCredentialRequestOptionsJSON>> {
  return runAction(() => passkeySignInOptions());
}

/** Step 2: the authenticator's answer; on success the console opens at `next`. */
export async function passkeySignInAction(response: unknown, next?: string): Promise<ActionResult> {
  const step = await signInWithPasskey(response);
  if (!step.ok) return { ok: false, message: step.message };
  redirect(safeNextPath(next));
}
