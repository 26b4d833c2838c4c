import "server-only";
import { db } from "@/lib/db";
import type { ScopedApp } from "@/lib/provisioning/desired-state";
import { parseMembers, sameMembers } from "@/lib/provisioning/plan-group";
import type { ScimClient } from "@/lib/scim/client";
import { ScimError } from "@/lib/scim/errors";

/**
 * Reads each pushed group back from the app and records what the app holds (name, members, or that
 * it is gone), so the group planner queues a push that puts back what was changed by hand.
 * Returns how many groups had drifted.
 */
export async function reconcileGroups(client: ScimClient, app: ScopedApp): Promise<number> {
  if (!app.settings.features.pushGroups) return 0;
  const pushed = await db.appGroup.findMany({ where: { appId: app.row.id, remoteId: { not: null } } });
  let drifted = 0;
  for (const group of pushed) {
    if (!group.remoteId) continue;
    try {
      const remote = await client.getGroup(group.remoteId);
      const members = (remote.members ?? []).flatMap((m) => (m?.value ? [String(m.value)] : []));
      if (remote.displayName === group.displayName && sameMembers(members, parseMembers(group.lastMembers))) continue;
      await db.appGroup.update({ where: { id: group.id }, data: { displayName: remote.displayName, lastMembers: JSON.stringify(members) } });
      drifted += 1;
    } catch (error) {
      if (!(error instanceof ScimError) || error.reason !== "not-found") throw error;
      await db.appGroup.update({ where: { id: group.id }, data: { remoteId: null, lastError: "Sync now did not find the group in the app; it is pushed again." } });
      drifted += 1;
    }
  }
  return drifted;
}
