"use server";

import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/action-result";
import { finishTotpEnrolment } from "@/lib/operator-factors/totp-enrolment";
import { confirmTotpSetup, startTotpSetup, type TotpSetup } from "@/lib/operator-factors/totp-setup";
import { safeNextPath } from "@/lib/sign-in/next-path";

/** Enrolment, step 1: a new pending secret, its QR code and its text. */
export async function startEnrolmentTotpAction(): Promise<ActionResult<TotpSetup>> {
  return runAction(() => startTotpSetup());
}

/**
 * Step 2: the first code confirms the app and returns the recovery codes. The sign-in finishes
 * only on Continue: finishing here would set the new session cookie, and Next would re-render the
 * enrolment page, which sends a signed-in browser away before the codes were read.
 */
export async function confirmEnrolmentTotpAction(_prev: ActionResult<{ codes: string[] }> | null, formData: FormData): Promise<ActionResult<{ codes: string[] }>> {
  const code = String(formData.get("code") ?? "");
  return runAction(
    async () => {
      const { codes } = await confirmTotpSetup({ code });
      return { codes };
    },
    { values: { code } },
  );
}

/** Continue: completes the sign-in this session confirmed an app for, then on to `next`. */
export async function finishEnrolmentAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const result = await runAction(() => finishTotpEnrolment());
  if (!result.ok) return result;
  redirect(safeNextPath(formData.get("next")));
}
