"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { setSecondFactorRequirement, type SecondFactorRequirement } from "@/lib/sign-in/second-factor-policy";

/** Save "Require a second factor for". */
export async function saveSecondFactorRequirementAction(
  _prev: ActionResult<{ requirement: SecondFactorRequirement }> | null,
  formData: FormData,
): Promise<ActionResult<{ requirement: SecondFactorRequirement }>> {
  const requirement = formData.get("requirement");
  return runAction(
    async () => {
      const result = await setSecondFactorRequirement({ requirement: typeof requirement === "string" ? requirement : undefined });
      revalidatePath("/settings/sign-in");
      revalidatePath("/account");
      revalidatePath("/audit");
      return result;
    },
    { values: typeof requirement === "string" ? { requirement } : {} },
  );
}
