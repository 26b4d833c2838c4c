import "server-only";
import { db, uniqueViolation, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";

export const USER_NAME_TAKEN = "A user with this user name already exists.";
export const EMAIL_TAKEN = "A user with this email already exists.";
export const OWN_MANAGER = "A user cannot be their own manager.";
export const MANAGER_MISSING = "The selected manager does not exist. Choose another user.";
export const MANAGER_LOOP = "This manager already reports to this user, directly or indirectly.";

// Deep enough for any real org chart; stops a corrupted chain from looping forever.
const MAX_CHAIN = 100;

/** Refuses a userName or email that another user holds (case-insensitive userName). */
export async function assertUnique(tx: Tx, values: { userNameKey: string; email: string }, exceptId?: string) {
  const clashes = await tx.user.findMany({
    where: { OR: [{ userNameKey: values.userNameKey }, { email: values.email }], ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { userNameKey: true, email: true },
    take: 2,
  });
  const fieldErrors: Record<string, string[]> = {};
  if (clashes.some((c) => c.userNameKey === values.userNameKey)) fieldErrors.userName = [USER_NAME_TAKEN];
  if (clashes.some((c) => c.email === values.email)) fieldErrors.email = [EMAIL_TAKEN];
  if (fieldErrors.userName || fieldErrors.email) {
    throw new DomainError(fieldErrors.userName ? USER_NAME_TAKEN : EMAIL_TAKEN, fieldErrors);
  }
}

/**
 * Refuses a manager that is the user, does not exist, or reports to the user (a loop).
 * `selfId` is undefined for a new user, which nobody can report to yet.
 */
export async function assertManager(tx: Tx, managerId: string | undefined, selfId?: string) {
  if (!managerId) return;
  if (managerId === selfId) throw new DomainError(OWN_MANAGER, { managerId: [OWN_MANAGER] });
  let current: string | null = managerId;
  for (let depth = 0; current && depth < MAX_CHAIN; depth++) {
    const row: { managerId: string | null } | null = await tx.user.findUnique({ where: { id: current }, select: { managerId: true } });
    if (!row) {
      if (depth === 0) throw new DomainError(MANAGER_MISSING, { managerId: [MANAGER_MISSING] });
      return;
    }
    if (selfId && row.managerId === selfId) throw new DomainError(MANAGER_LOOP, { managerId: [MANAGER_LOOP] });
    current = row.managerId;
  }
}

/**
 * Turns a unique-constraint race (two admins saving at once) into the same field errors as
 * the pre-check; rethrows anything else.
 */
export async function rethrowUniqueViolation(error: unknown, values: { userNameKey: string; email: string }, exceptId?: string): Promise<never> {
  const violation = uniqueViolation(error);
  if (!violation) throw error;
  const fields = violation.fields.join(",");
  if (fields.includes("userNameKey")) throw new DomainError(USER_NAME_TAKEN, { userName: [USER_NAME_TAKEN] });
  if (fields.includes("email")) throw new DomainError(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
  // The driver did not name the column: look again, now that the other row is committed.
  await assertUnique(db, values, exceptId);
  throw error;
}
