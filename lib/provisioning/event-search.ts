// What the report's "End user identifier" filter matches for one event: userName, email and display
// name as they were when the event was written, so a user deleted since is still found by email.

/** The lower-cased search text stored with a provisioning event (ProvisioningEvent.userSearch). */
export function eventUserSearch(
  identifier: string,
  user?: { userName?: string | null; email?: string | null; displayName?: string | null; firstName?: string | null; lastName?: string | null } | null,
): string {
  const parts = [identifier, user?.userName, user?.email, user?.displayName || [user?.firstName, user?.lastName].filter(Boolean).join(" ")];
  return [...new Set(parts.filter((p): p is string => Boolean(p)).map((p) => p.toLowerCase()))].join(" ").slice(0, 1000);
}
