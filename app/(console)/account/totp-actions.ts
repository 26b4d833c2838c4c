"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { regenerateRecoveryCodes } from "@/lib/operator-factors/recovery-codes";
import { removeTotp } from "@/lib/operator-factors/remove-totp";
import { confirmTotpSetup, startTotpSetup, type TotpSetup } from "@/lib/operator-factors/totp-setup";

function code(formData: FormData): string {
  const value = formData.get("code");
  return typeof value === "string" ? value : "";
}

/** Set up authenticator app: a new pending secret, its QR code and its text. */
export async function startTotpSetupAction(): Promise<ActionResult<TotpSetup>> {
  return runAction(() => startTotpSetup());
}

/**
 * The first code confirms the app; returns the recovery codes to show once. The page is refreshed
 * by the Done button, after the codes were read, not here.
 */
export async function confirmTotpSetupAction(_prev: ActionResult<{ codes: string[] }> | null, formData: FormData): Promise<ActionResult<{ codes: string[] }>> {
  return runAction(
    async () => {
      const { codes } = await confirmTotpSetup({ code: code(formData) });
      revalidatePath("/audit");
      return { codes };
    },
    { values: { code: code(formData) } },
  );
}

/** Regenerate recovery codes (with a current code from the app). */
export async function regenerateRecoveryCodesAction(_prev: ActionResult<{ codes: string[] }> | null, formData: FormData): Promise<ActionResult<{ codes: string[] }>> {
  return runAction(async () => {
    const result = await regenerateRecoveryCodes({ code: code(formData) });
    revalidatePath("/audit");
    return result;
  });
}

/** Turn off the authenticator app (with a current code or a recovery code). */
export async function removeTotpAction(_prev: ActionResult<{ recoveryCodesRemoved: number }> | null, formData: FormData): Promise<ActionResult<{ recoveryCodesRemoved: number }>> {
  return runAction(async () => {
    const result = await removeTotp({ code: code(formData) });
    revalidatePath("/account");
    revalidatePath("/audit");
    return result;
  });
}
