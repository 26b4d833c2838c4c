"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { factorSummaryOf, resetOperatorFactors, type FactorReset, type FactorSummary } from "@/lib/operator-factors/reset-operator-factors";

/** What Reset second factor would remove, for its confirmation; the id is authorized again in lib. */
export async function factorSummaryAction(adminId: string): Promise<ActionResult<FactorSummary>> {
  return runAction(() => factorSummaryOf(adminId));
}

/** Settings > Admins > Reset second factor. */
export async function resetFactorsAction(adminId: string): Promise<ActionResult<FactorReset>> {
  return runAction(async () => {
    const result = await resetOperatorFactors(adminId);
    revalidatePath("/settings");
    revalidatePath("/audit");
    return result;
  });
}
