// A rule in words, for the app's Approval rules tab (server list and client dialogs alike). Pure.
import { APPROVAL_OPERATION_LABELS, type ApprovalOperation } from "@/lib/schemas/approval";

/** What the rule holds: "Create accounts, any change of more than 50 accounts". */
export function describeRule(rule: { operations: string[]; bulkThreshold: number | null }): string {
  const ops = rule.operations.map((op) => APPROVAL_OPERATION_LABELS[op as ApprovalOperation] ?? op);
  if (rule.bulkThreshold !== null) ops.push(`any change of more than ${rule.bulkThreshold.toLocaleString("en-US")} accounts`);
  return ops.join(", ");
}
