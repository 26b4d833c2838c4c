import type { Permission } from "@/lib/permissions";

/** The sidebar: each entry shows only to roles that can read it. */
export const NAV_ITEMS: { href: string; label: string; permission: Permission }[] = [
  { href: "/users", label: "Users", permission: "users:read" },
  { href: "/groups", label: "Groups", permission: "groups:read" },
  { href: "/apps", label: "Apps", permission: "apps:read" },
  { href: "/policies", label: "Policies", permission: "policies:read" },
  { href: "/approvals", label: "Approvals", permission: "approvals:read" },
  { href: "/reports", label: "Provisioning Report", permission: "reports:read" },
  { href: "/runbook", label: "Runbook", permission: "reports:read" },
  { href: "/audit", label: "Audit log", permission: "audit:read" },
  { href: "/settings", label: "Settings", permission: "admins:read" },
];
