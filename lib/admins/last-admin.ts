import "server-only";
import { dbProvider, type Tx } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { LAST_ADMIN } from "@/lib/schemas/admin";

/**
 * Locks the active admins' rows until the transaction ends, so two admins demoting or
 * disabling each other at the same moment cannot both pass the last-admin check.
 * SQLite needs no lock: it runs one write transaction at a time.
 */
export async function lockActiveAdmins(tx: Tx): Promise<void> {
  if (dbProvider !== "postgresql") return;
  await tx.$queryRaw`SELECT id FROM "Admin" WHERE role = 'admin' AND disabled = false ORDER BY id FOR UPDATE`;
}

/** True when an active admin other than `excludingId` remains (reads inside the caller's transaction). */
export async function anotherActiveAdminExists(tx: Tx, excludingId: string): Promise<boolean> {
  const others = await tx.admin.count({ where: { role: "admin", disabled: false, NOT: { id: excludingId } } });
  return others > 0;
}

/**
 * Refuses a change that would leave no active admin: call it after lockActiveAdmins, in the
 * same transaction as the change, before demoting or disabling the admin `excludingId`.
 */
export async function assertAnotherActiveAdmin(tx: Tx, excludingId: string): Promise<void> {
  if (!(await anotherActiveAdminExists(tx, excludingId))) throw new DomainError(LAST_ADMIN);
}
