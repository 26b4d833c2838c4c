// Seed factories for tests: unique values every call, so tests share one database safely.
import { randomBytes } from "node:crypto";
import { runAs, type Actor } from "@/lib/authz";
import { db } from "@/lib/db";
import type { Role } from "@/lib/permissions";

/** A short unique suffix. */
export function unique(prefix = "t"): string {
  return `${prefix}${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

/** Creates an operator with a role and returns it as an Actor. Password hash is a placeholder. */
export async function makeAdmin(role: Role, overrides: { disabled?: boolean } = {}): Promise<Actor> {
  const email = `${unique(role)}@example.test`;
  const admin = await db.admin.create({
    data: { email, name: `${role} ${email}`, role, passwordHash: "not-a-real-hash", disabled: overrides.disabled ?? false },
  });
  return { id: admin.id, email: admin.email, name: admin.name, role };
}

/** Runs `fn` as a fresh operator of `role`. */
export async function asRole<T>(role: Role, fn: (actor: Actor) => Promise<T>): Promise<T> {
  const actor = await makeAdmin(role);
  return runAs(actor, () => fn(actor));
}

/** Inserts a directory user directly (no audit, no checks): for arranging test state. */
export async function insertUser(overrides: Partial<{ userName: string; email: string; firstName: string; lastName: string; active: boolean; department: string }> = {}) {
  const userName = overrides.userName ?? unique("user");
  const email = overrides.email ?? `${userName}@example.test`;
  const firstName = overrides.firstName ?? "Test";
  const lastName = overrides.lastName ?? "User";
  return db.user.create({
    data: {
      userName,
      userNameKey: userName.toLowerCase(),
      email: email.toLowerCase(),
      firstName,
      lastName,
      displayName: `${firstName} ${lastName}`,
      department: overrides.department,
      active: overrides.active ?? true,
      searchText: [userName, email, firstName, lastName].join(" ").toLowerCase(),
    },
  });
}

/** Inserts `count` directory users with one statement per 500; returns their ids in insertion order. */
export async function insertUsers(count: number, prefix0 = "bulk"): Promise<{ id: string; userName: string; email: string }[]> {
  const prefix = unique(prefix0);
  const rows = Array.from({ length: count }, (_, i) => {
    const userName = `${prefix}-${i}`;
    const email = `${userName}@example.test`;
    return { userName, userNameKey: userName, email, firstName: "Load", lastName: `User ${i}`, displayName: `Load User ${i}`, active: true, searchText: `${userName} ${email}` };
  });
  for (let i = 0; i < rows.length; i += 500) await db.user.createMany({ data: rows.slice(i, i + 500) });
  return db.user.findMany({ where: { userName: { startsWith: `${prefix}-` } }, select: { id: true, userName: true, email: true }, orderBy: { createdAt: "asc" } });
}
