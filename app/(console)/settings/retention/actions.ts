"use server";

import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { setRetentionDays } from "@/lib/reports/retention";

/** Save "keep provisioning events N days". */
export async function saveRetentionAction(formData: FormData): Promise<ActionResult<{ days: number }>> {
  const values = formValues(formData);
  return runAction(
    async () => {
      const result = await setRetentionDays({ days: values.days ?? "" });
      revalidatePath("/settings/retention");
      revalidatePath("/audit");
      return result;
    },
    { values },
  );
}
