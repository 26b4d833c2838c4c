// Pure wording of impact previews, shared by the policy form and the delete confirmation (client-safe).
import type { ImpactSummary, UserOperation } from "@/lib/provisioning/types";

const NOUNS: Record<UserOperation, [string, string]> = {
  create: ["create", "creates"],
  update: ["update", "updates"],
  deactivate: ["deactivation", "deactivations"],
  reactivate: ["reactivation", "reactivations"],
  delete: ["deletion", "deletions"],
};

/** Operations in the order a preview lists them. */
export const IMPACT_ORDER: UserOperation[] = ["create", "reactivate", "update", "deactivate", "delete"];

/** "3 deactivations" / "1 create". */
export function countLabel(operation: UserOperation, count: number): string {
  const [one, many] = NOUNS[operation];
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** "Slack: 120 creates, 3 deactivations", or "Slack: no changes". */
export function impactLine(summary: ImpactSummary): string {
  const parts = IMPACT_ORDER.filter((op) => summary.counts[op] > 0).map((op) => countLabel(op, summary.counts[op]));
  return `${summary.appName}: ${parts.length ? parts.join(", ") : "no changes"}`;
}

/** Accounts a change takes away (deactivated or deleted), summed over the summaries. */
export function accountsLost(summaries: ImpactSummary[]): number {
  return summaries.reduce((n, s) => n + s.counts.deactivate + s.counts.delete, 0);
}
