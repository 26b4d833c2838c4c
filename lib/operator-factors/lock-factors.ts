import "server-only";
import { dbProvider, Prisma, type Tx } from "@/lib/db";

/**
 * Serialises changes to one operator's second factors: removals count what is left after them, so two
 * removals at once (the app and the last passkey) must not both see the other factor. SQLite's
 * transactions already run one at a time; PostgreSQL locks the operator's row.
 */
export async function lockOperatorFactors(tx: Tx, adminId: string): Promise<void> {
  if (dbProvider === "postgresql") await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Admin" WHERE "id" = ${adminId} FOR UPDATE`);
}
