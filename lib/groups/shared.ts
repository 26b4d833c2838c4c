import "server-only";
import type { Tx } from "@/lib/db";
import { uniqueViolation } from "@/lib/db";
import { DomainError, NotFoundError } from "@/lib/errors";
import { idField } from "@/lib/schemas/common";

/** Rows per createMany / `in (...)` lookup: keeps every statement well under SQLite's and PostgreSQL's bind limits. */
export const CHUNK_SIZE = 500;

export const GROUP_NOT_FOUND = "That group no longer exists. Reload the page.";
export const USERS_NOT_FOUND = "Some of the selected users no longer exist. Reload the page and try again.";
export const GROUP_NAME_TAKEN = "A group with this name already exists.";

/** Splits a list into chunks of at most `size` items. */
export function chunk<T>(items: readonly T[], size = CHUNK_SIZE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The group, or NotFoundError for a malformed, tampered or deleted id. */
export async function loadGroup(tx: Tx, groupId: string) {
  const parsed = idField.safeParse(groupId);
  const group = parsed.success ? await tx.group.findUnique({ where: { id: parsed.data } }) : null;
  if (!group) throw new NotFoundError(GROUP_NOT_FOUND);
  return group;
}

/** Distinct user ids; throws NotFoundError if any is malformed or does not exist. */
export async function requireUsers(tx: Tx, userIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(userIds)];
  if (ids.some((id) => !idField.safeParse(id).success)) throw new NotFoundError(USERS_NOT_FOUND);
  let found = 0;
  for (const part of chunk(ids)) found += await tx.user.count({ where: { id: { in: part } } });
  if (found !== ids.length) throw new NotFoundError(USERS_NOT_FOUND);
  return ids;
}

/** The subset of `userIds` that are members of the group already. */
export async function existingMemberIds(tx: Tx, groupId: string, userIds: readonly string[]): Promise<Set<string>> {
  const members = new Set<string>();
  for (const part of chunk(userIds)) {
    const rows = await tx.groupMember.findMany({ where: { groupId, userId: { in: part } }, select: { userId: true } });
    for (const row of rows) members.add(row.userId);
  }
  return members;
}

/** Turns a unique violation on nameKey into the form's field error; rethrows anything else. */
export function rethrowNameConflict(error: unknown): never {
  if (uniqueViolation(error)) throw new DomainError(GROUP_NAME_TAKEN, { name: [GROUP_NAME_TAKEN] });
  throw error;
}

/** True for a unique violation: two concurrent membership changes raced; the caller retries once. */
export function isRace(error: unknown): boolean {
  return uniqueViolation(error) !== null;
}
