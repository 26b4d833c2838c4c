import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgres/client";
import { databaseUrl, isPostgresUrl, parsePostgresUrl, sqliteFilePath } from "@/lib/database-url.mjs";
import { createPgPool } from "@/lib/pg-pool.mjs";

export { Prisma } from "@/lib/generated/sqlite/client";
export type { Admin, User, Group, GroupMember, AuditLog } from "@/lib/generated/sqlite/client";

/** The client type every lib function uses; both generated clients share this query API. */
export type Db = PrismaClient;
/** A transaction client, as passed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Which database the process talks to. */
export const dbProvider: "sqlite" | "postgresql" = isPostgresUrl(databaseUrl()) ? "postgresql" : "sqlite";

function createClient(): Db {
  const url = databaseUrl();
  if (isPostgresUrl(url)) {
    const { connectionString, schema } = parsePostgresUrl(url);
    const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    const adapter = new PrismaPg(createPgPool({ connectionString, max }, schema), { schema });
    // Same models, same query API; only the SQL dialect differs.
    return new PostgresPrismaClient({ adapter }) as unknown as Db;
  }
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

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
