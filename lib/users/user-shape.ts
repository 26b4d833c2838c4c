import "server-only";
import type { User } from "@/lib/db";
import { displayNameOf, userSearchText, type UserInput } from "@/lib/schemas/user";

/** One row of the users list. */
export type UserRow = {
  id: string;
  userName: string;
  displayName: string;
  email: string;
  department: string | null;
  active: boolean;
  createdAt: string;
};

/** A user as the detail and edit pages show it. */
export type UserDetail = UserRow & {
  firstName: string;
  lastName: string;
  title: string | null;
  phone: string | null;
  employeeNumber: string | null;
  externalId: string | null;
  customAttributes: Record<string, string>;
  manager: { id: string; userName: string; displayName: string } | null;
  groups: { id: string; name: string }[];
  updatedAt: string;
};

/** A user offered in a picker (the manager select). */
export type UserChoice = { id: string; label: string };

/** "Display Name (userName)", how pickers name a user. */
export function choiceLabel(u: { userName: string; displayName: string }): string {
  return `${u.displayName} (${u.userName})`;
}

/** The stored JSON of custom attributes as an object; anything malformed reads as empty. */
export function parseCustomAttributes(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"));
  } catch {
    return {};
  }
}

/** The row fields the list needs. */
export function toUserRow(u: Pick<User, "id" | "userName" | "displayName" | "email" | "department" | "active" | "createdAt">): UserRow {
  return {
    id: u.id,
    userName: u.userName,
    displayName: u.displayName,
    email: u.email,
    department: u.department,
    active: u.active,
    createdAt: u.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a user: every directory attribute (users hold no secrets). */
export function auditSnapshot(u: User): Record<string, unknown> {
  return {
    userName: u.userName,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    displayName: u.displayName,
    title: u.title,
    department: u.department,
    phone: u.phone,
    employeeNumber: u.employeeNumber,
    managerId: u.managerId,
    customAttributes: parseCustomAttributes(u.customAttributes),
    active: u.active,
  };
}

/** Only the attributes that differ, as before/after pairs for an update's audit row. */
export function auditDiff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key];
      a[key] = after[key];
    }
  }
  return { before: b, after: a };
}

/** The stored columns of a user from validated input, with its lookup keys and search text in sync. */
export function userRowData(input: UserInput, managerId: string | null = input.managerId ?? null) {
  const displayName = displayNameOf(input);
  return {
    userName: input.userName,
    userNameKey: input.userName.toLowerCase(),
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    displayName,
    title: input.title ?? null,
    department: input.department ?? null,
    phone: input.phone ?? null,
    employeeNumber: input.employeeNumber ?? null,
    managerId,
    customAttributes: JSON.stringify(input.customAttributes),
    searchText: userSearchText({ ...input, displayName }),
  };
}
