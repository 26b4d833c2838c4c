import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";

/** Every group as { id, name }, ordered by name: for pickers (add user to group, policies). */
export async function listGroupOptions(): Promise<{ id: string; name: string }[]> {
  await requirePermission("groups:read");
  return db.group.findMany({ select: { id: true, name: true }, orderBy: [{ nameKey: "asc" }, { id: "asc" }] });
}
