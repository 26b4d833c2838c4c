// The Prisma client factory, without the server-only guard: lib/db.ts wraps it for the app,
// and Playwright fixtures use it directly to arrange test data.
import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { databaseUrl, isPostgresUrl, parsePostgresUrl, sqliteFilePath } from "./database-url.mjs";
import { createPgPool } from "./pg-pool.mjs";
import { immediateTransactions, retryWriteConflicts } from "./db-busy";

export { Prisma } from "./generated/sqlite/client";
export type { Admin, User, Group, GroupMember, AuditLog } from "./generated/sqlite/client";

/** The client type every lib function uses; both generated clients share this query API. */
export type Db = PrismaClient;
/** A transaction client, as passed to `db.$transaction(async (tx) => ...)`. */
export type Tx = Omit<Db, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Which database the process talks to. */
export const dbProvider: "sqlite" | "postgresql" = isPostgresUrl(databaseUrl()) ? "postgresql" : "sqlite";

// A grant to a large group writes its change and thousands of jobs in one transaction (the
// outbox), which outlasts Prisma's 5 s default; two minutes bounds a stuck one.
const transactionOptions = { timeout: 120_000, maxWait: 10_000 };

/** How long a single SQLite statement outside a transaction waits for another process's write. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** A new Prisma client for DATABASE_URL (SQLite file by default, PostgreSQL when it says so). */
export function createClient(): Db {
  const url = databaseUrl();
  if (isPostgresUrl(url)) {
    const { connectionString, schema } = parsePostgresUrl(url);
    const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    const adapter = new PrismaPg(createPgPool({ connectionString, max }, schema), { schema });
    // Same models, same query API; only the SQL dialect differs. Deadlocks are retried (lib/db-busy.ts).
    return retryWriteConflicts(new PostgresPrismaClient({ adapter, transactionOptions }) as unknown as Db);
  }
  const file = sqliteFilePath(url);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Transactions start as writers (lib/db-busy.ts); the busy timeout covers single statements outside them.
  const adapter = immediateTransactions(new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS }));
  return new PrismaClient({ adapter, transactionOptions });
}

