import "server-only";
import type { Admin } from "@/lib/db";
import { isRole, type Role } from "@/lib/permissions";

/** One operator as the Settings > Admins list shows it (never the password hash). */
export type AdminRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  slackUserId: string | null;
  lastSignInAt: string | null;
  createdAt: string;
};

/** The columns an AdminRow is made of, for `select`. */
export const ADMIN_ROW_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  disabled: true,
  slackUserId: true,
  lastSignInAt: true,
  createdAt: true,
} as const;

/** Shapes a stored operator for the page. */
export function toAdminRow(admin: Pick<Admin, keyof typeof ADMIN_ROW_SELECT>): AdminRow {
  return {
    id: admin.id,
    name: admin.name,
    email: admin.email,
    // A role written by hand into the database that the console does not know reads as the weakest.
    role: isRole(admin.role) ? admin.role : "auditor",
    disabled: admin.disabled,
    slackUserId: admin.slackUserId,
    lastSignInAt: admin.lastSignInAt?.toISOString() ?? null,
    createdAt: admin.createdAt.toISOString(),
  };
}

/** What the audit log keeps about an operator: no password, no hash. */
export function auditSnapshot(admin: Pick<Admin, "name" | "email" | "role" | "disabled" | "slackUserId">) {
  return { name: admin.name, email: admin.email, role: admin.role, disabled: admin.disabled, slackUserId: admin.slackUserId };
}
