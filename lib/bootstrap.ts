import "server-only";
import { db, uniqueViolation } from "@/lib/db";
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
