import "server-only";
import { approvalGate } from "@/lib/approvals/approval-gate";
import type { Tx } from "@/lib/db";
import { brakeGate } from "./brake-gate";
import type { Gate, GateCheck, GatedOperation } from "./gate-types";

export type { Gate, GateCheck, GatedOperation } from "./gate-types";

// Approval comes before the brake: an approver who says yes to "Delete 300 accounts" has seen the size.
const CHECKS: GateCheck[] = [approvalGate, brakeGate];

/**
 * Decides where one app's share of one change starts. Called by enqueueEntries inside the change's
 * transaction, once per app, with the operations of the jobs it is about to create.
 */
export async function gateOperations(tx: Tx, appId: string, operations: GatedOperation[], causedBy: string): Promise<Gate> {
  if (operations.length === 0) return { status: "queued" };
  for (const check of CHECKS) {
    const gate = await check(tx, appId, operations, causedBy);
    if (gate) return gate;
  }
  return { status: "queued" };
}
