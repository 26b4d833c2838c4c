"use server";

import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/types";
import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import type { PasskeyRow } from "@/lib/operator-factors/passkeys-credentials";
import { removePasskey, renamePasskey } from "@/lib/operator-factors/passkeys-manage";
import { passkeyRegistrationOptions, registerPasskey } from "@/lib/operator-factors/passkeys-registration";

/** Add passkey, step 1: options for the browser. */
export async function passkeyOptionsAction(): Promise<ActionResult<PublicKeyCredentialCreationOptionsJSON>> {
  return runAction(() => passkeyRegistrationOptions());
}

/** Add passkey, step 2: the authenticator's answer and the name the operator gave it. */
export async function addPasskeyAction(name: string, response: unknown): Promise<ActionResult<PasskeyRow>> {
  return runAction(
    async () => {
      const { passkey } = await registerPasskey({ name, response });
      revalidatePath("/account");
      return passkey;
    },
    { values: { name } },
  );
}

/** Rename dialog; the id is bound and checked against the operator again in lib. */
export async function renamePasskeyAction(passkeyId: string, _prev: ActionResult<PasskeyRow> | null, formData: FormData): Promise<ActionResult<PasskeyRow>> {
  return runAction(
    async () => {
      const passkey = await renamePasskey(passkeyId, { name: formData.get("name") });
      revalidatePath("/account");
      return passkey;
    },
    { values: formValues(formData) },
  );
}

/** Remove confirmation. */
export async function removePasskeyAction(passkeyId: string): Promise<ActionResult<PasskeyRow>> {
  return runAction(async () => {
    const passkey = await removePasskey(passkeyId);
    revalidatePath("/account");
    return passkey;
  });
}
