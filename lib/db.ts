import "server-only";
import { createClient, dbProvider, type Db } from "@/lib/db-client";

export { Prisma, dbProvider, type Db, type Tx } from "@/lib/db-client";
export type { Admin, User, Group, GroupMember, AuditLog } from "@/lib/db-client";

const globalForDb = globalThis as unknown as { __consoleDb?: Db };

/** The process-wide Prisma client, picked from DATABASE_URL (SQLite file by default). */
export const db: Db = globalForDb.__consoleDb ?? (globalForDb.__consoleDb = createClient());

/** True when the error is a unique-constraint violation; `fields` names the columns when known. */
export function uniqueViolation(error: unknown): { fields: string[] } | null {
  if (typeof error !== "object" || error === null) return null;
  const e = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } };
  if (e.code !== "P2002") return null;
  const target = e.meta?.target;
  if (Array.isArray(target)) return { fields: target.map(String) };
  if (typeof target === "string") return { fields: [target] };
  const fields = e.meta?.driverAdapterError?.cause?.constraint?.fields;
  return { fields: Array.isArray(fields) ? fields.map((f) => f.replace(/"/g, "")) : [] };
}

/** A case-insensitive substring filter: SQLite's LIKE ignores ASCII case already; PostgreSQL needs to be told. */
export function containsText(value: string) {
  return dbProvider === "postgresql" ? { contains: value, mode: "insensitive" as const } : { contains: value };
}
