// Role -> permission table. The server enforces it in every lib function (lib/authz.ts);
// the UI reads the same table only to disable controls.

export const ROLES = ["admin", "approver", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  approver: "Approver",
  auditor: "Auditor",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Manages users, groups, policies, app connections and settings.",
  approver: "Approves or denies pending provisioning requests; reads the directory.",
  auditor: "Reads reports and the audit log; changes nothing.",
};

export const PERMISSIONS = {
  "users:read": { description: "See users and their group memberships", roles: ["admin", "approver", "auditor"] },
  "users:write": { description: "Create, edit, deactivate, delete and import users", roles: ["admin"] },
  "groups:read": { description: "See groups and their members", roles: ["admin", "approver", "auditor"] },
  "groups:write": { description: "Create, rename and delete groups; change membership", roles: ["admin"] },
  "apps:read": { description: "See app connections and their health", roles: ["admin", "approver", "auditor"] },
  "apps:write": { description: "Change app settings, mappings and provisioning features", roles: ["admin"] },
  "apps:connect": { description: "Connect, reconnect and disconnect apps", roles: ["admin"] },
  "policies:read": { description: "See policies", roles: ["admin", "approver", "auditor"] },
  "policies:write": { description: "Create, edit and delete policies", roles: ["admin"] },
  "provisioning:retry": { description: "Retry failed provisioning work and run Sync now", roles: ["admin"] },
  "approvals:read": { description: "See pending and decided approval requests", roles: ["admin", "approver", "auditor"] },
  "approvals:decide": { description: "Approve or deny pending provisioning requests", roles: ["admin", "approver"] },
  "reports:read": { description: "Read the provisioning report and export it", roles: ["admin", "approver", "auditor"] },
  "audit:read": { description: "Read the audit log", roles: ["admin", "auditor"] },
  "admins:read": { description: "See console operators", roles: ["admin"] },
  "admins:write": { description: "Invite operators, change roles, disable, reset passwords", roles: ["admin"] },
  "settings:write": { description: "Change console settings: the Slack connection for approvals, how long provisioning events are kept", roles: ["admin"] },
} as const satisfies Record<string, { description: string; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSIONS;

export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

/** True when the role holds the permission. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission].roles as readonly Role[]).includes(role);
}

/** True when the string is a known role. */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
