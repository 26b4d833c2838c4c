import "server-only";
import { requirePermission } from "@/lib/authz";
import type { Tx } from "@/lib/db";
import { appUserIds, batches, loadDesiredState, loadScopedApps, type ScopeOverlay } from "./desired-state";
import { planEntry } from "./enqueue";
import { summarizeImpact } from "./planner";
import type { AppFeatures, DeprovisionMode, ImpactSummary } from "./types";

/** A change the admin is about to save, as the impact preview evaluates it. */
export type ImpactChange =
  /** A policy as it would be saved (policyId when editing; enabled false to preview deleting it). */
  | { kind: "policy"; policyId?: string | null; appId: string; groupIds: string[]; enabled: boolean }
  | { kind: "membership"; groupId: string; addUserIds: string[]; removeUserIds: string[] }
  | { kind: "appFeatures"; appId: string; features: AppFeatures; deprovisionMode: DeprovisionMode };

/**
 * What a change would do in each app ("Slack: 120 creates, 3 deactivations"), computed with the change
 * applied in memory; nothing is written. Pass `db` or a transaction.
 */
export async function previewImpact(client: Tx, change: ImpactChange): Promise<ImpactSummary[]> {
  await requirePermission("apps:read");
  const overlay: ScopeOverlay =
    change.kind === "policy"
      ? { policy: { policyId: change.policyId, appId: change.appId, groupIds: change.groupIds, enabled: change.enabled } }
      : change.kind === "membership"
        ? { membership: { groupId: change.groupId, addUserIds: change.addUserIds, removeUserIds: change.removeUserIds } }
        : { appFeatures: { appId: change.appId, features: change.features, deprovisionMode: change.deprovisionMode } };

  let userIds: string[];
  const apps = await loadScopedApps(client, change.kind === "membership" ? undefined : [change.appId], overlay);
  if (change.kind === "membership") {
    userIds = [...new Set([...change.addUserIds, ...change.removeUserIds])];
  } else {
    if (apps.length === 0) return [];
    userIds = await appUserIds(client, apps[0], overlay);
  }
  // A batch of users' desired state at a time; only the small plan of each is kept for the summary.
  const items = [];
  for (const part of batches(userIds)) {
    for (const e of await loadDesiredState(client, part, apps, overlay)) {
      items.push({ appId: e.app.row.id, appName: e.app.settings.name, userId: e.userId, userName: e.userName, plan: planEntry(e) });
    }
  }
  return summarizeImpact(items);
}
