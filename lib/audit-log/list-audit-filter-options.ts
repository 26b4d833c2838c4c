import "server-only";
import { requirePermission } from "@/lib/authz";
import { db } from "@/lib/db";
import type { AuditFilterOptions } from "./types";

/** The operators and the action names the audit log's filter selects offer. */
export async function listAuditFilterOptions(): Promise<AuditFilterOptions> {
  await requirePermission("audit:read");
  const [actors, actions] = await Promise.all([
    db.admin.findMany({ select: { id: true, email: true, name: true }, orderBy: { email: "asc" } }),
    // GROUP BY in the database (the [action, at] index serves it), not Prisma's in-memory distinct.
    db.auditLog.groupBy({ by: ["action"], orderBy: { action: "asc" } }),
  ]);
  return { actors, actions: actions.map((a) => a.action) };
}
