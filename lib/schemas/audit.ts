import { z } from "zod";
import { param } from "@/lib/list-params";
import { idField } from "./common";

export const AUDIT_SORT_KEYS = ["at"] as const;
export type AuditSortKey = (typeof AUDIT_SORT_KEYS)[number];

/** Time range presets of the audit log, in hours. */
export const AUDIT_RANGES = { "24h": 24, "7d": 7 * 24, "30d": 30 * 24 } as const;
export type AuditRange = keyof typeof AUDIT_RANGES;
export const AUDIT_RANGE_LABELS: Record<AuditRange, string> = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" };

/** The audit log's filters, as lib takes them. */
export type AuditFilters = { actorId?: string; action?: string; range?: AuditRange; from?: Date; to?: Date };

const instant = z.string().max(40).pipe(z.coerce.date()).optional().catch(undefined);

// Invalid values in a hand-edited URL are dropped rather than failing the page.
const auditFilterSchema = z.object({
  actor: idField.optional().catch(undefined),
  action: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{0,63}$/)
    .optional()
    .catch(undefined),
  range: z.enum(Object.keys(AUDIT_RANGES) as [AuditRange, ...AuditRange[]]).optional().catch(undefined),
  from: instant,
  to: instant,
});

/** Reads the audit log's filters from a page's searchParams (actor, action, range, from, to). */
export function parseAuditFilters(raw: Record<string, string | string[] | undefined>): AuditFilters {
  const parsed = auditFilterSchema.parse({
    actor: param(raw, "actor"),
    action: param(raw, "action"),
    range: param(raw, "range"),
    from: param(raw, "from"),
    to: param(raw, "to"),
  });
  // A preset wins over from/to; the filter controls never set both.
  return {
    actorId: parsed.actor,
    action: parsed.action,
    range: parsed.range,
    from: parsed.range ? undefined : parsed.from,
    to: parsed.range ? undefined : parsed.to,
  };
}
