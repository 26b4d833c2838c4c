import { z } from "zod";
import { param } from "@/lib/list-params";
import { APPROVAL_STATUSES, type ApprovalStatus } from "./approval";
import { idField } from "./common";

export const APPROVAL_SORT_KEYS = ["createdAt", "expiresAt", "appName", "status"] as const;
export type ApprovalSortKey = (typeof APPROVAL_SORT_KEYS)[number];

/** Time presets of the Approvals history, in hours (requested within). */
export const APPROVAL_RANGES = { "24h": 24, "7d": 7 * 24, "30d": 30 * 24 } as const;
export type ApprovalRange = keyof typeof APPROVAL_RANGES;
export const APPROVAL_RANGE_LABELS: Record<ApprovalRange, string> = { "24h": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days" };

/** The Approvals page's filters: status ("all" = history of every status), app, time. */
export type ApprovalFilters = { status: ApprovalStatus | "all"; appId?: string; range?: ApprovalRange };

// Invalid values in a hand-edited URL are dropped rather than failing the page; no status means pending.
const schema = z.object({
  status: z.enum([...APPROVAL_STATUSES, "all"]).catch("pending"),
  app: idField.optional().catch(undefined),
  range: z.enum(Object.keys(APPROVAL_RANGES) as [ApprovalRange, ...ApprovalRange[]]).optional().catch(undefined),
});

/** Reads the Approvals page's filters from searchParams (status, app, range). */
export function parseApprovalFilters(raw: Record<string, string | string[] | undefined>): ApprovalFilters {
  const parsed = schema.parse({ status: param(raw, "status") ?? "pending", app: param(raw, "app"), range: param(raw, "range") });
  return { status: parsed.status, appId: parsed.app, range: parsed.range };
}
