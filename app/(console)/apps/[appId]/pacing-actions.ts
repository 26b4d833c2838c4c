"use server";

import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { updateAppPacing } from "@/lib/apps/update-app-pacing";

/** Pacing form (Provisioning tab): writes per minute, burst, requests at once; blank = the kind's default. */
export async function updateAppPacingAction(appId: string, _prev: ActionResult<{ changed: boolean }> | null, formData: FormData): Promise<ActionResult<{ changed: boolean }>> {
  return runAction(
    async () => {
      const result = await updateAppPacing(appId, { perMinute: formData.get("perMinute"), burst: formData.get("burst"), maxConcurrency: formData.get("maxConcurrency") });
      revalidatePath(`/apps/${appId}`);
      return result;
    },
    { values: formValues(formData), message: "Pacing saved; the worker applies it from its next claim." },
  );
}
