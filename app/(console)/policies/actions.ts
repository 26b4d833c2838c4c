"use server";

import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { createPolicy } from "@/lib/policies/create-policy";
import { deletePolicy } from "@/lib/policies/delete-policy";
import { previewPolicyDeletion, previewPolicyImpact, type PolicyImpact } from "@/lib/policies/preview-policy-impact";
import { updatePolicy } from "@/lib/policies/update-policy";
import { policyInputSchema } from "@/lib/schemas/policy";

function policyFields(formData: FormData) {
  return policyInputSchema.parse({
    appId: formData.get("appId") ?? "",
    groupIds: formData.getAll("groupIds").filter((v): v is string => typeof v === "string"),
    name: formData.get("name") ?? "",
    loginMethod: formData.get("loginMethod") ?? "",
    enabled: formData.get("enabled") ?? undefined,
    approvalRule: formData.get("approvalRule") ?? "",
  });
}

/** The Preview impact step of Add/Edit: validates like a save and says what would happen per app. */
export async function previewPolicyAction(policyId: string | null, formData: FormData): Promise<ActionResult<PolicyImpact>> {
  return runAction(() => previewPolicyImpact(policyId, policyFields(formData)), { values: formValues(formData) });
}

/** Add Policy form. */
export async function createPolicyAction(_prev: ActionResult<{ id: string }> | null, formData: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(
    async () => {
      const policy = await createPolicy(policyFields(formData));
      revalidatePath("/policies");
      return { id: policy.id };
    },
    { values: formValues(formData), message: "Policy saved." },
  );
}

/** Edit form; the id is bound and authorized again in lib. */
export async function updatePolicyAction(
  policyId: string,
  _prev: ActionResult<{ id: string }> | null,
  formData: FormData,
): Promise<ActionResult<{ id: string }>> {
  return runAction(
    async () => {
      const policy = await updatePolicy(policyId, policyFields(formData));
      revalidatePath("/policies");
      return { id: policy.id };
    },
    { values: formValues(formData), message: "Policy saved." },
  );
}

/** What deleting would do, for the confirmation dialog. */
export async function previewDeletePolicyAction(policyId: string): Promise<ActionResult<PolicyImpact>> {
  return runAction(() => previewPolicyDeletion(policyId));
}

/** Deletes a policy after the confirmation. */
export async function deletePolicyAction(policyId: string): Promise<ActionResult<{ name: string }>> {
  return runAction(async () => {
    const result = await deletePolicy(policyId);
    revalidatePath("/policies");
    return result;
  });
}
