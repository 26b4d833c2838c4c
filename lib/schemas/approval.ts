import { z } from "zod";
import { idField, optionalLine } from "./common";

/** Operations a rule can hold for approval (group_push covers pushing and removing a pushed group). */
export const APPROVAL_OPERATIONS = ["create", "update", "deactivate", "reactivate", "delete", "group_push"] as const;
export type ApprovalOperation = (typeof APPROVAL_OPERATIONS)[number];
export const APPROVAL_OPERATION_LABELS: Record<ApprovalOperation, string> = {
  create: "Create accounts",
  update: "Update accounts",
  deactivate: "Deactivate accounts",
  reactivate: "Reactivate accounts",
  delete: "Delete accounts",
  group_push: "Push groups",
};

export const DEFAULT_TIMEOUT_HOURS = 72;
export const MAX_TIMEOUT_HOURS = 24 * 30;

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());
const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);
// A Slack channel id (C0123ABCD) or name (#approvals-eng): lower-case names, no spaces.
const CHANNEL = /^(#?[a-z0-9][a-z0-9._-]{0,79}|[CGD][A-Z0-9]{6,20})$/;

/** An approval rule as the app's "Approval rules" tab and its actions take it. */
export const approvalRuleInputSchema = z
  .object({
    policyId: z.preprocess(blankToUndefined, idField.optional()),
    operations: z
      .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(APPROVAL_OPERATIONS, { error: "Choose operations from the list." })))
      .transform((ops) => [...new Set(ops)]),
    bulkThreshold: z.preprocess(
      blankToUndefined,
      z.coerce.number({ error: "Enter a whole number of accounts." }).int("Enter a whole number of accounts.").min(1, "The account threshold must be at least 1.").max(1_000_000, "The account threshold must be at most 1,000,000.").optional(),
    ),
    channel: optionalLine("Channel", 80).refine((v) => v === undefined || CHANNEL.test(v), "Enter a Slack channel name like #approvals or a channel id like C0123ABCD."),
    timeoutHours: z.preprocess(
      (v) => blankToUndefined(v) ?? DEFAULT_TIMEOUT_HOURS,
      z.coerce.number({ error: "Enter a whole number of hours." }).int("Enter a whole number of hours.").min(1, "Requests must wait at least 1 hour.").max(MAX_TIMEOUT_HOURS, `Requests may wait at most ${MAX_TIMEOUT_HOURS} hours (30 days).`),
    ),
    twoApproversForDelete: checkbox,
    enabled: checkbox,
  })
  .refine((r) => r.operations.length > 0 || r.bulkThreshold !== undefined, {
    message: "Choose at least one operation or set an account threshold; otherwise the rule never applies.",
    path: ["operations"],
  });

export type ApprovalRuleInput = z.infer<typeof approvalRuleInputSchema>;

export const APPROVAL_STATUSES = ["pending", "approved", "denied", "expired", "cancelled"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  pending: "Pending",
  approved: "Approved",
  denied: "Denied",
  expired: "Expired",
  cancelled: "Cancelled",
};
