import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";

// A select stays usable up to about this many options; the group filter is a select.
const MAX_GROUP_CHOICES = 1000;

/** Groups by name, for the users list's group filter and the bulk "Add to group" dialog. */
export async function listGroupChoices(): Promise<{ id: string; name: string }[]> {
  await requirePermission("users:read");
  return db.group.findMany({ orderBy: { nameKey: "asc" }, take: MAX_GROUP_CHOICES, select: { id: true, name: true } });
}
