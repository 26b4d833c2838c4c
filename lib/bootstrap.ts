import "server-only";
import { checkDatabase } from "@/lib/database-health";
import { db, dbProvider, uniqueViolation } from "@/lib/db";
import { generatePassword, hashPassword } from "@/lib/passwords";

/**
 * Creates the first admin when there is none: from ADMIN_EMAIL / ADMIN_PASSWORD, or
 * admin@localhost with a generated password printed once. Never touches existing admins.
 */
export async function ensureFirstAdmin(env = process.env): Promise<{ created: boolean; email?: string; generatedPassword?: string }> {
  if ((await db.admin.count()) > 0) return { created: false };
  const email = (env.ADMIN_EMAIL?.trim() || "admin@localhost").toLowerCase();
  const generatedPassword = env.ADMIN_PASSWORD ? undefined : generatePassword();
  const password = env.ADMIN_PASSWORD ?? generatedPassword!;
  try {
    await db.admin.create({
      data: { email, name: env.ADMIN_NAME?.trim() || "Administrator", role: "admin", passwordHash: await hashPassword(password) },
    });
  } catch (error) {
    // Another instance created it at the same moment.
    if (uniqueViolation(error)) return { created: false };
    throw error;
  }
  return { created: true, email, generatedPassword };
}

/**
 * One-time settings for the embedded database: WAL lets the worker write while pages read. Checked
 * afterwards, with the busy timeout: a file system without WAL support (some network shares) keeps the
 * old journal, and the console says so at start and in /api/health/ready.
 */
export async function tuneDatabase(log: (line: string) => void = console.warn): Promise<void> {
  if (dbProvider !== "sqlite") return;
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  const health = await checkDatabase();
  if (health.provider === "sqlite" && health.reachable && !health.concurrentWrites) {
    log(`[database] SQLite runs with journal_mode=${health.journalMode} and busy_timeout=${health.busyTimeoutMs} ms; the worker and the console cannot write side by side. Keep data/ on a local disk (WAL needs one), or use PostgreSQL.`);
  }
}
