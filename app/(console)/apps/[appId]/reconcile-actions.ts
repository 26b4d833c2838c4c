"use server";

import { revalidatePath } from "next/cache";
import { formValues, runAction, type ActionResult } from "@/lib/action-result";
import { cancelHold, releaseHold } from "@/lib/provisioning/holds/decide-hold";
import { requestSync } from "@/lib/reconcile/request-sync";
import { resolveConflict } from "@/lib/reconcile/resolve-conflict";
import { updateSyncSettings } from "@/lib/reconcile/sync-settings";
import type { ConflictResolution } from "@/lib/schemas/reconcile";

function text(formData: FormData, key: string): string {
  const value = formData.get(key);
  return typeof value === "string" ? value : "";
}

/** Brake and reconciliation settings form (Provisioning tab). */
export async function updateSyncSettingsAction(appId: string, _prev: ActionResult<{ changed: boolean }> | null, formData: FormData): Promise<ActionResult<{ changed: boolean }>> {
  return runAction(
    async () => {
      const result = await updateSyncSettings(appId, {
        brakeEnabled: formData.get("brakeEnabled") === "on",
        brakePercent: text(formData, "brakePercent"),
        brakeMinimum: text(formData, "brakeMinimum"),
        reconcileIntervalHours: text(formData, "reconcileIntervalHours"),
        adoptAttributes: formData.getAll("adoptAttributes").filter((v): v is string => typeof v === "string"),
      });
      revalidatePath(`/apps/${appId}`);
      return result;
    },
    { values: formValues(formData), message: "Brake and reconciliation settings saved." },
  );
}

/** Release a change held by the mass-change brake. */
export async function releaseHoldAction(appId: string, holdId: string): Promise<ActionResult<{ released: number }>> {
  return runAction(async () => {
    const result = await releaseHold(holdId);
    revalidatePath(`/apps/${appId}`);
    return result;
  });
}

/** Cancel a change held by the mass-change brake. */
export async function cancelHoldAction(appId: string, holdId: string): Promise<ActionResult<{ cancelled: number }>> {
  return runAction(async () => {
    const result = await cancelHold(holdId);
    revalidatePath(`/apps/${appId}`);
    return result;
  });
}

/** Sync now: queue a full reconciliation of the app. */
export async function syncNowAction(appId: string): Promise<ActionResult<{ runId: string; alreadyRunning: boolean }>> {
  return runAction(async () => {
    const result = await requestSync(appId);
    revalidatePath(`/apps/${appId}`);
    return result;
  });
}

/** Link, Create or Skip one sync conflict. */
export async function resolveConflictAction(appId: string, conflictId: string, resolution: ConflictResolution, candidateId?: string): Promise<ActionResult<{ status: string }>> {
  return runAction(async () => {
    const result = await resolveConflict(conflictId, { resolution, candidateId });
    revalidatePath(`/apps/${appId}`);
    return result;
  });
}
