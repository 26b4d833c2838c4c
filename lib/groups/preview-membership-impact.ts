import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { previewImpact } from "@/lib/provisioning/preview-impact";
import type { ImpactSummary } from "@/lib/provisioning/types";
import { memberIdsSchema } from "@/lib/schemas/group";
import { loadGroup, requireUsers } from "./shared";

/** Per-app effect of a membership change ("Slack: 3 creates" with the users); empty when no app account changes. */
export type MembershipImpact = { summaries: ImpactSummary[] };

/**
 * What adding `add` to and removing `remove` from the group would do in every app, without changing
 * anything. Validates like the change itself (group and users exist), so the dialog fails early.
 */
export async function previewMembershipImpact(groupId: string, change: { add?: string[]; remove?: string[] }): Promise<MembershipImpact> {
  await requirePermission("groups:write");
  const group = await loadGroup(db, groupId);
  const add = await requireUsers(db, memberIdsSchema.parse(change.add ?? []));
  const remove = await requireUsers(db, memberIdsSchema.parse(change.remove ?? []));
  if (add.length === 0 && remove.length === 0) return { summaries: [] };
  const summaries = await previewImpact(db, { kind: "membership", groupId: group.id, addUserIds: add, removeUserIds: remove });
  return { summaries };
}
