import "server-only";
import { requirePermission } from "@/lib/authz";
import { db, Prisma } from "@/lib/db";

/**
 * Every application name the report can filter by: the connected apps plus names seen in events (deleted
 * or renamed apps). The event names come from a skip scan of the (appName, at) index: one seek per name
 * instead of reading a million rows for DISTINCT.
 */
export async function reportAppNames(): Promise<string[]> {
  await requirePermission("reports:read");
  const [apps, seen] = await Promise.all([
    db.app.findMany({ select: { name: true } }),
    db.$queryRaw<{ name: string | null }[]>(Prisma.sql`
      WITH RECURSIVE names("name") AS (
        SELECT MIN("appName") FROM "ProvisioningEvent"
        UNION ALL
        SELECT (SELECT MIN("appName") FROM "ProvisioningEvent" WHERE "appName" > names."name") FROM names WHERE names."name" IS NOT NULL
      )
      SELECT "name" FROM names WHERE "name" IS NOT NULL LIMIT 1000`),
  ]);
  const all = new Set([...apps.map((a) => a.name), ...seen.map((s) => s.name as string)]);
  return [...all].sort((a, b) => a.localeCompare(b));
}
