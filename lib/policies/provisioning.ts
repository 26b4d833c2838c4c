import "server-only";
import type { Tx } from "@/lib/db";
import { enqueueForApp } from "@/lib/provisioning/enqueue";
import { previewImpact } from "@/lib/provisioning/preview-impact";
import type { ImpactSummary } from "@/lib/provisioning/types";
import { wakeWorker } from "@/lib/provisioning/wake";

// The one place policies touch the provisioning engine (lib/provisioning), so create/update/delete
// stay readable and the hook points are easy to find.

/** A policy as it would be saved (policyId set when it replaces a stored one), for the impact preview. */
export type PolicyChange = { kind: "policy"; policyId?: string; appId: string; groupIds: string[]; enabled: boolean };

/** Enqueues, inside the caller's transaction, the jobs that bring each app in line with its policies. */
export async function enqueuePolicyEffects(tx: Tx, appIds: readonly string[], causedBy: string): Promise<number> {
  let queued = 0;
  for (const appId of new Set(appIds)) queued += (await enqueueForApp(tx, appId, causedBy)).queued;
  return queued;
}

/** Wakes the in-process worker after the transaction committed, so the jobs run now rather than at the next poll. */
export function wakeProvisioning(): void {
  wakeWorker();
}

/** What saving the change would do per app, computed by the engine with the change applied in memory. */
export async function previewPolicyChange(database: Tx, change: PolicyChange): Promise<ImpactSummary[]> {
  return previewImpact(database, change);
}
