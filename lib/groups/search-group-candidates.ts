import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import { loadGroup } from "./shared";
import type { GroupCandidate } from "./types";

export const CANDIDATE_LIMIT = 20;

/**
 * Users not yet in the group whose name, user name or email contains `q` (case-insensitive),
 * at most `CANDIDATE_LIMIT`; `more` says the search should be narrowed.
 */
export async function searchGroupCandidates(groupId: string, q: string): Promise<{ rows: GroupCandidate[]; more: boolean }> {
  await requirePermission("groups:read");
  const group = await loadGroup(db, groupId);
  const needle = q.trim().toLowerCase().slice(0, 200);
  const rows = await db.user.findMany({
    where: {
      memberships: { none: { groupId: group.id } },
      ...(needle ? { searchText: { contains: needle } } : {}),
    },
    orderBy: [{ userNameKey: "asc" }],
    take: CANDIDATE_LIMIT + 1,
    select: { id: true, userName: true, displayName: true, email: true, active: true },
  });
  return { rows: rows.slice(0, CANDIDATE_LIMIT), more: rows.length > CANDIDATE_LIMIT };
}
