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
