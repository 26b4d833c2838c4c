"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/action-result";
import { createApprovalRule, deleteApprovalRule, updateApprovalRule } from "@/lib/approvals/rules";
import { idField } from "@/lib/schemas/common";

// The form as lib takes it; the operations checkboxes arrive as several values of one name.
function ruleInput(formData: FormData) {
  const text = (key: string) => {
    const v = formData.get(key);
    return typeof v === "string" ? v : undefined;
  };
  return {
    policyId: text("policyId"),
    operations: formData.getAll("operations").filter((v): v is string => typeof v === "string"),
    bulkThreshold: text("bulkThreshold"),
    channel: text("channel"),
    timeoutHours: text("timeoutHours"),
    twoApproversForDelete: text("twoApproversForDelete"),
    enabled: text("enabled"),
  };
}

// Kept so the form shows what was typed after an error (operations joined, the form splits them again).
function values(formData: FormData): Record<string, string> {
  const input = ruleInput(formData);
  const out: Record<string, string> = { operations: input.operations.join(",") };
  for (const [key, value] of Object.entries(input)) if (typeof value === "string") out[key] = value;
  return out;
}

/** Adds (ruleId null) or saves an approval rule of the app. */
export async function saveApprovalRuleAction(appId: string, ruleId: string | null, _prev: unknown, formData: FormData): Promise<ActionResult<{ id: string }>> {
  return runAction(
    async () => {
      const app = idField.parse(appId);
      const result = ruleId ? await updateApprovalRule(idField.parse(ruleId), ruleInput(formData)) : await createApprovalRule(app, ruleInput(formData));
      revalidatePath(`/apps/${app}`);
      return result;
    },
    { values: values(formData), message: ruleId ? "Approval rule saved." : "Approval rule added." },
  );
}

/** Deletes an approval rule; requests it already opened stay open. */
export async function deleteApprovalRuleAction(ruleId: string): Promise<ActionResult<{ appId: string }>> {
  return runAction(async () => {
    const result = await deleteApprovalRule(idField.parse(ruleId));
    revalidatePath(`/apps/${result.appId}`);
    return result;
  });
}
