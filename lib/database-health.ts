import "server-only";
import { db, dbProvider } from "@/lib/db";

/** How the database is set up for several writers, as the readiness check reports it. */
export type DatabaseHealth =
  | { provider: "postgresql"; reachable: true }
  | { provider: "sqlite"; reachable: true; journalMode: string; busyTimeoutMs: number; concurrentWrites: boolean }
  | { provider: "sqlite" | "postgresql"; reachable: false };

const numberOf = (value: unknown) => Number(value ?? 0);

/**
 * Reads the database's settings that decide whether the console and a worker can write side by side:
 * on SQLite, WAL journaling (pages read while the worker writes) and the busy timeout of single statements.
 */
export async function checkDatabase(): Promise<DatabaseHealth> {
  try {
    if (dbProvider === "postgresql") {
      await db.$queryRawUnsafe("SELECT 1");
      return { provider: "postgresql", reachable: true };
    }
    const [journal] = await db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [busy] = await db.$queryRawUnsafe<{ timeout: unknown }[]>("PRAGMA busy_timeout");
    const journalMode = String(journal?.journal_mode ?? "unknown").toLowerCase();
    const busyTimeoutMs = numberOf(busy?.timeout);
    return { provider: "sqlite", reachable: true, journalMode, busyTimeoutMs, concurrentWrites: journalMode === "wal" && busyTimeoutMs > 0 };
  } catch {
    return { provider: dbProvider, reachable: false };
  }
}

/**
 * One-time settings for the embedded database, at the start of the console and of every worker process:
 * WAL lets the worker write while pages read. Checked afterwards, with the busy timeout: a file system
 * without WAL support (some network shares) keeps the old journal, and that is said at start and in
 * /api/health/ready.
 */
export async function tuneDatabase(log: (line: string) => void = console.warn): Promise<void> {
  if (dbProvider !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  const health = await checkDatabase();
  if (health.provider === "sqlite" && health.reachable && !health.concurrentWrites) {
    log(`[database] SQLite runs with journal_mode=${health.journalMode} and busy_timeout=${health.busyTimeoutMs} ms; the worker and the console cannot write side by side. Keep data/ on a local disk (WAL needs one), or use PostgreSQL.`);
  }
}
