import { z } from "zod";
import { requiredLine } from "./common";

export const POLICY_NAME_MAX = 100;

/** The login method labels a policy can show; a label only, nothing acts on it. */
export const LOGIN_METHODS = ["SAML SSO", "OIDC SSO", "Password", "None"] as const;
export type LoginMethod = (typeof LOGIN_METHODS)[number];

/** Which provisioning changes of the policy's app wait for an approver (the approvals feature). */
export const APPROVAL_RULES = ["none", "deprovision", "all"] as const;
export type ApprovalRule = (typeof APPROVAL_RULES)[number];
export const APPROVAL_RULE_LABELS: Record<ApprovalRule, string> = {
  none: "No approval",
  deprovision: "Deprovisioning only",
  all: "All changes",
};

export const CHOOSE_APP = "Choose an application.";
export const CHOOSE_GROUP = "Choose at least one group.";

// A checkbox arrives as "on" when ticked and is absent otherwise; booleans come from tests and lib callers.
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/** A policy as the Add Policy and Edit forms and their actions take it. Name is unique case-insensitively. */
export const policyInputSchema = z.object({
  // Existence (and a tampered value) is checked in lib, against the database.
  appId: z.string({ error: CHOOSE_APP }).trim().min(1, CHOOSE_APP).max(64, CHOOSE_APP),
  groupIds: z
    .array(z.string(), { error: CHOOSE_GROUP })
    .transform((ids) => [...new Set(ids.map((id) => id.trim()).filter(Boolean))])
    .refine((ids) => ids.length > 0, CHOOSE_GROUP)
    .refine((ids) => ids.length <= 500, "Choose at most 500 groups."),
  name: requiredLine("Policy name", POLICY_NAME_MAX),
  loginMethod: z.enum(LOGIN_METHODS, { error: "Choose a login method." }),
  enabled: checkbox,
  approvalRule: z.enum(APPROVAL_RULES, { error: "Choose an approval rule." }).default("none"),
});

export type PolicyInput = z.infer<typeof policyInputSchema>;
/** What the form sends before parsing. */
export type PolicyInputRaw = z.input<typeof policyInputSchema>;

/** The case-insensitive uniqueness key of a policy name. */
export function policyNameKey(name: string): string {
  return name.trim().toLowerCase();
}

export const POLICY_SORT_KEYS = ["name", "app", "createdAt"] as const;
export type PolicySortKey = (typeof POLICY_SORT_KEYS)[number];
