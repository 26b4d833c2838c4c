import type { FieldChange } from "./diff";

/** One row of the audit log as the page shows it. */
export type AuditRow = {
  id: string;
  /** ISO 8601, UTC. */
  at: string;
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string;
  /** The target's page while the user or group still exists; null otherwise. */
  targetHref: string | null;
  /** Only the fields that changed, before -> after. */
  changes: FieldChange[];
};

/** What the audit log's filter selects offer. */
export type AuditFilterOptions = {
  actors: { id: string; email: string; name: string }[];
  actions: string[];
};
