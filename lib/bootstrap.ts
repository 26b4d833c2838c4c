import "server-only";
import fs from "node:fs";
import path from "node:path";
import { db, uniqueViolation } from "@/lib/db";
import { adminPasswordProblem } from "@/lib/password-strength.mjs";
import { generatePassword, hashPassword } from "@/lib/passwords";

/** Where a generated first admin's password is kept, under the console's data directory. */
export const FIRST_ADMIN_PASSWORD_FILE = "first-admin-password";

export type FirstAdmin = { created: false } | { created: true; email: string; passwordFile?: string };

/**
 * Creates the first admin when there is none: from ADMIN_EMAIL / ADMIN_PASSWORD, or admin@localhost
 * with a generated password written to `<dataDir>/first-admin-password` (owner-only), never to the
 * log. Never touches existing admins. A weak or empty ADMIN_PASSWORD is refused (npm start refuses
 * it earlier, before the server starts).
 */
export async function ensureFirstAdmin(env: Record<string, string | undefined> = process.env, dataDir = path.join(process.cwd(), "data")): Promise<FirstAdmin> {
  if ((await db.admin.count()) > 0) return { created: false };
  const problem = adminPasswordProblem(env);
  if (problem) throw new Error(problem);
  const email = (env.ADMIN_EMAIL?.trim() || "admin@localhost").toLowerCase();
  const generated = env.ADMIN_PASSWORD === undefined;
  const password = env.ADMIN_PASSWORD ?? generatePassword();
  const passwordHash = await hashPassword(password);
  try {
    return await db.$transaction(async (tx) => {
      await tx.admin.create({ data: { email, name: env.ADMIN_NAME?.trim() || "Administrator", role: "admin", passwordHash } });
      // Written before the admin commits: if the file cannot be written, no admin exists whose password nobody knows.
      const passwordFile = generated ? writeFirstAdminPassword(dataDir, password) : undefined;
      return { created: true as const, email, passwordFile };
    });
  } catch (error) {
    // Another instance created it at the same moment.
    if (uniqueViolation(error)) return { created: false };
    throw error;
  }
}

/** Writes the generated password to `<dataDir>/first-admin-password` (mode 0600; the directory 0700). */
export function writeFirstAdminPassword(dataDir: string, password: string): string {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.resolve(dataDir, FIRST_ADMIN_PASSWORD_FILE);
  // A file left from an earlier database is replaced by a new one, created owner-only (never through a link).
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600, flag: "wx" });
  return file;
}
