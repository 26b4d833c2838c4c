import "server-only";
import type { Tx } from "@/lib/db";
import type { GateCheck, GatedOperation } from "./gate-types";

const DEPROVISIONING = new Set(["deactivate", "delete"]);

// Accounts that still exist in the app: what "20 % of the app's accounts" is a share of.
const LIVE_STATES = ["pending", "active", "deactivated", "failed"];

/** The brake's threshold: a change may deprovision this many accounts; one more is held. */
export function brakeThreshold(settings: { brakePercent: number; brakeMinimum: number }, accountCount: number): number {
  return Math.max(settings.brakeMinimum, Math.floor((settings.brakePercent * accountCount) / 100));
}

const count = (n: number) => n.toLocaleString("en-US");

/** "Deactivate 340 of 1,200 accounts", "Deactivate 30 and delete 12 of 200 accounts". */
export function holdSummary(deactivations: number, deletions: number, accountCount: number): string {
  const parts: string[] = [];
  if (deactivations > 0) parts.push(`deactivate ${count(deactivations)}`);
  if (deletions > 0) parts.push(`delete ${count(deletions)}`);
  const text = `${parts.join(" and ")} of ${count(accountCount)} account${accountCount === 1 ? "" : "s"}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** How many of the operations deprovision a user account. */
export function deprovisionCount(operations: GatedOperation[]): { deactivations: number; deletions: number } {
  let deactivations = 0;
  let deletions = 0;
  for (const op of operations) {
    if (op.subjectType !== "user" || !DEPROVISIONING.has(op.operation)) continue;
    if (op.operation === "delete") deletions += 1;
    else deactivations += 1;
  }
  return { deactivations, deletions };
}

/**
 * The mass-change brake: one change that would deactivate or delete more than
 * max(brakeMinimum, brakePercent % of the app's accounts) accounts is held for an admin to release
 * or cancel. All of the change's new jobs for the app wait together, so a release keeps their order.
 * A queued job that a change turns into a deactivation (coalescing in enqueueEntries) is not new and
 * so not counted: such a job was already waiting to run and stays one per user.
 */
export const brakeGate: GateCheck = async (tx: Tx, appId: string, operations: GatedOperation[], causedBy: string) => {
  const { deactivations, deletions } = deprovisionCount(operations);
  const total = deactivations + deletions;
  if (total === 0) return null;
  const app = await tx.app.findUnique({ where: { id: appId }, select: { brakeEnabled: true, brakePercent: true, brakeMinimum: true } });
  if (!app?.brakeEnabled) return null;
  // Cheap exit before counting accounts: at or under the minimum nothing is ever held.
  if (total <= app.brakeMinimum) return null;
  const accountCount = await tx.appAccount.count({ where: { appId, state: { in: LIVE_STATES } } });
  const threshold = brakeThreshold(app, accountCount);
  if (total <= threshold) return null;
  const hold = await tx.provisioningHold.create({
    data: { appId, summary: holdSummary(deactivations, deletions, accountCount), operationCount: total, threshold, causedBy },
    select: { id: true },
  });
  return { status: "held", holdId: hold.id };
};
