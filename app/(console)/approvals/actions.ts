"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/action-result";
import { decideApproval, type DecideResult } from "@/lib/approvals/decide";
import { requirePermission } from "@/lib/authz";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";

const decisionSchema = z.enum(["approve", "deny"]);

// What the person who clicked reads; refusals become errors so the toast says what to do next.
function describe(result: DecideResult): string {
  switch (result.kind) {
    case "decided":
      if (result.status === "approved") return "Approved. The change is on its way to the app.";
      if (result.status === "denied") return "Denied. The change will not be made.";
      return "Your approval is recorded. This request needs one more approver.";
    case "already":
      if (result.status === "pending") return "You already approved this request; it waits for a second approver.";
      return `This request was already ${result.status}${result.decidedBy ? ` by ${result.decidedBy}` : ""}. Nothing changed.`;
    case "expired":
      throw new NotFoundError("This request expired before anyone decided, so its change was cancelled. Ask for the change again if it is still needed.");
    case "not_found":
      throw new NotFoundError("That approval request no longer exists. Reload the page.");
    case "not_authorized":
      throw new ForbiddenError("You are not allowed to approve or deny requests. Ask an admin for the approver role.");
  }
}

/** Approve or Deny from the console (the fallback when Slack is not configured or is down). */
export async function decideApprovalAction(requestId: string, decision: "approve" | "deny"): Promise<ActionResult<{ message: string }>> {
  return runAction(async () => {
    const actor = await requirePermission("approvals:decide");
    const result = await decideApproval({
      requestId: idField.parse(requestId),
      decision: decisionSchema.parse(decision),
      approver: { adminId: actor.id, email: actor.email, slackUserId: null },
      via: "console",
    });
    revalidatePath("/approvals");
    revalidatePath(`/approvals/${requestId}`);
    return { message: describe(result) };
  });
}
