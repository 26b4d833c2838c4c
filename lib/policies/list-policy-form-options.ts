import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import type { PolicyFormOptions } from "./types";

/** Every app and every group (with member counts), ordered by name: the Add/Edit policy pickers. */
export async function listPolicyFormOptions(): Promise<PolicyFormOptions> {
  await requirePermission("policies:write");
  const [apps, groups] = await Promise.all([
    db.app.findMany({ select: { id: true, name: true, kind: true }, orderBy: [{ nameKey: "asc" }, { id: "asc" }] }),
    db.group.findMany({
      select: { id: true, name: true, _count: { select: { members: true } } },
      orderBy: [{ nameKey: "asc" }, { id: "asc" }],
    }),
  ]);
  return { apps, groups: groups.map((g) => ({ id: g.id, name: g.name, memberCount: g._count.members })) };
}
